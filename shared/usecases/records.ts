import { assessmentYearOf } from '../domain/campaign';
import { DomainError } from '../domain/errors';
import { recordsOfResults } from '../domain/records';
import type { Outcome } from '../domain/results';
import type { RuleSetId } from '../domain/rules/types';
import { todayInVietnam } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import { id } from '../schemas/fields';
import type { AwardRecord } from '../schemas/record';
import { listUnits } from '../store/directory';
import { listNominations } from '../store/nominations';
import { listPersonRecords, listUnitRecords, putRecords } from '../store/records';
import { getPerson, listStaff } from '../store/staff';
import { parseParam } from './params';
import type { Principal } from './principal';
import { audienceOf, seesUnit } from './visibility';

/**
 * Achievement records (issue 13): written once a campaign's results are final, read per person and per unit.
 *
 * Who sees a record: the Office and the Council, any; a unit's reporter, the people of its own unit and sub-units
 * (by the staff list, else by the unit the record names) and those units' own records; a viewer, none (a person's
 * record is personal data, not the public face of one campaign's results).
 */

/** What ResultsFinalized's consumer records: every awarded and proposed outcome, and what the campaign decided on. */
export async function recordResults(campaign: Campaign, results: { outcomes: Outcome[]; ruleSet: string; finalizedAt: string; documents?: { decision?: string; submission?: string } }) {
  const [nominations, staff] = await Promise.all([listNominations(campaign.agencyId, campaign.id), listStaff(campaign.agencyId)]);
  // Stored as the API parsed them; only the two fields read here are trusted, and only when they have their type.
  const nominees = nominations.map((n) => [n.id, (n.nominee ?? {}) as { personId?: unknown; gender?: unknown }] as const);
  const personIds = Object.fromEntries(nominees.map(([k, n]) => [k, typeof n.personId === 'string' ? n.personId : undefined]));
  const genders: Record<string, 'female' | 'male' | undefined> = Object.fromEntries(nominees.map(([k, n]) => [k, n.gender === 'female' || n.gender === 'male' ? n.gender : undefined]));
  const { records, coverage } = recordsOfResults({
    agencyId: campaign.agencyId,
    campaign: { id: campaign.id, title: campaign.title },
    year: assessmentYearOf(campaign, todayInVietnam),
    agencyLevel: campaign.agencyLevel ?? 'department',
    ruleSet: results.ruleSet as RuleSetId,
    outcomes: results.outcomes,
    ...(results.documents ? { documents: results.documents } : {}),
    date: todayInVietnam(new Date(Date.parse(results.finalizedAt))),
    recordedAt: results.finalizedAt,
    personIds,
    staffIds: new Set(staff.map((p) => p.personId)),
    genders,
  });
  await putRecords(campaign.agencyId, records, coverage);
  return records.length;
}

const sortByYear = (items: AwardRecord[]) => items.sort((a, b) => a.year - b.year || a.title.localeCompare(b.title) || a.campaignId.localeCompare(b.campaignId));

async function requireSees(principal: Principal, unitIds: readonly string[]) {
  if (principal.roles.includes('admin') || principal.roles.includes('council')) return;
  const a = audienceOf(principal, principal.roles.includes('unit') ? await listUnits(principal.agencyId) : []);
  if (a.kind === 'unit' && unitIds.some((u) => seesUnit(a, u))) return;
  throw new DomainError('forbidden', 'Hồ sơ thành tích chỉ dành cho Văn phòng, Hội đồng Thi đua - Khen thưởng và đơn vị của người, tập thể đó.', undefined, 'auth.forbidden');
}

/**
 * A person's record: under the staff list's id, and, when the caller names the unit, under that unit's own staff
 * number (a person the list did not hold when they were awarded: shared/domain/records.ts recordPersonKey).
 */
export async function readPersonRecord(rawPersonId: unknown, rawUnitId: unknown, principal: Principal) {
  const personId = parseParam(id, rawPersonId, 'personId');
  const unitId = rawUnitId === undefined ? undefined : parseParam(id, rawUnitId, 'unitId');
  const [person, listed, unitOwn] = await Promise.all([
    getPerson(principal.agencyId, personId),
    listPersonRecords(principal.agencyId, personId),
    unitId ? listPersonRecords(principal.agencyId, `${unitId}/${personId}`) : [],
  ]);
  const items = [...listed, ...unitOwn];
  // The person's unit today (staff list) and every unit a record names: a unit sees its people's record, earlier awards included.
  await requireSees(principal, [...(person ? [person.unitId] : []), ...(unitId ? [unitId] : []), ...items.map((r) => r.subject.unitId)]);
  if (!person && items.length === 0) throw new DomainError('not-found', `Không có người "${personId}" trong danh sách cán bộ và hồ sơ thành tích.`, undefined, 'person.not_found');
  return { personId, ...(person ? { person } : {}), items: sortByYear(items) };
}

export async function readUnitRecord(rawUnitId: unknown, principal: Principal) {
  const unitId = parseParam(id, rawUnitId, 'unitId');
  await requireSees(principal, [unitId]);
  return { unitId, items: sortByYear(await listUnitRecords(principal.agencyId, unitId)) };
}
