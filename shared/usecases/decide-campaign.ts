import { assessmentYearOf, referenceDateOf } from '../domain/campaign';
import { decideNominations, type DecideResult, type PastRecords } from '../domain/decide';
import { recordSubjectKey } from '../domain/decision/claims';
import { subjectKeyOf } from '../domain/decision/state';
import { recordPersonKey } from '../domain/records';
import type { AwardRecord } from '../schemas/record';
import { listAllRecords, listCoverage } from '../store/records';
import { listStaff } from '../store/staff';
import { isRegistered } from '../domain/registered';
import { todayInVietnam } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import { Nomination, NominationEntry } from '../schemas/nomination';
import { Registration } from '../schemas/registration';
import { listNominations, type StoredNomination } from '../store/nominations';
import { listRegistrations, listReports } from '../store/reports';
import { standings } from './reports';

/**
 * Everything the decision engine reads for a campaign, loaded and handed to it: the nominations
 * with their registration, the final standings (when the campaign is scored), the rule options
 * and the reference date whose law applies. The engine itself is pure (shared/domain/decide.ts).
 */
export async function decideCampaign(campaign: Campaign): Promise<DecideResult> {
  const [stored, registrations] = await Promise.all([listNominations(campaign.agencyId, campaign.id), listRegistrations(campaign.agencyId, campaign.id)]);
  // Parsed again although the API parsed them before storing them: an item stored before a field had its default
  // (pastRatings, discipline, …) gets it here, and a foreign or corrupt one fails loudly instead of misleading the
  // engine. The schemas are zod/mini and built on this first parse, so the consumer's cold import pays nothing for them.
  const regs = registrations.map((r) => Registration.parse(r));
  const nominations = stored.map((s) => {
    const n = Nomination.parse({ nominee: s.nominee, title: s.title, achievementSummary: s.achievementSummary, ...(s.grounds ? { grounds: s.grounds } : {}) });
    return scopedToUnit(NominationEntry.parse({ ...n, id: s.id, registered: isRegistered(n, regs) }));
  });
  const scored = campaign.scoringTable && (await listReports(campaign.agencyId, campaign.id, 'final')).length > 0;
  const ranked = scored ? await standings(campaign.agencyId, campaign.id, 'final') : undefined;
  const unitStandings = (ranked?.rows ?? []).map((r) => ({ unitId: r.unitId, rank: r.rank, total: r.total, ...(r.unitName ? { unitName: r.unitName } : {}), ...(r.tie ? { tie: true } : {}) }));
  const tieBreak = (campaign.scoringTable?.tieBreak ?? []).map((id) => criterionName(campaign, id));
  const records = await pastRecordsOf(campaign, stored, nominations);
  return decideNominations({
    records,
    referenceDate: referenceDateOf(campaign, todayInVietnam),
    // Issue 11: the year under review is the campaign's, not the reference date's (a 2023 review decided in January 2024).
    campaignYear: assessmentYearOf(campaign, todayInVietnam),
    tieBreak,
    nominations,
    unitStandings,
    options: campaign.ruleOptions ?? {},
  });
}

/**
 * The achievement records the engine checks declared past titles against (issue 13, shared/domain/decision/claims.ts):
 * each own nominee's records, under the engine's key of the nominee, and what the agency's records cover. The records
 * are kept under the staff list's person id (shared/domain/records.ts recordPersonKey); the engine keys a person by
 * unit, so each is looked up by the first and handed over under the second. Left out: nominations forwarded by another agency (this
 * agency's records say nothing of its people), and this campaign's own records and coverage, so that deciding it again
 * after it is final decides the same.
 */
async function pastRecordsOf(campaign: Campaign, stored: readonly StoredNomination[], entries: readonly NominationEntry[]): Promise<PastRecords> {
  const own = new Map(stored.filter((s) => s.origin === undefined).map((s) => [s.id, s]));
  const notThis = <T extends { campaignId: string }>(items: readonly T[]) => items.filter((r) => r.campaignId !== campaign.id);
  // The agency's records in a few paged queries of their one partition, however many nominees: grouped here by subject.
  const [staff, records, coverage] = await Promise.all([listStaff(campaign.agencyId), listAllRecords(campaign.agencyId), listCoverage(campaign.agencyId)]);
  const staffIds = new Set(staff.map((p) => p.personId));
  const kept = new Map<string, AwardRecord[]>();
  for (const r of notThis(records)) {
    const key = recordSubjectKey(r.subject);
    kept.set(key, [...(kept.get(key) ?? []), r]);
  }
  const bySubject: Record<string, AwardRecord[]> = {};
  for (const e of entries) {
    const raw = own.get(e.id)?.nominee as { kind: string; personId?: string; unitId: string; name: string } | undefined;
    if (!raw) continue;
    const recordKey = raw.kind === 'individual' ? `p:${recordPersonKey(raw.personId, raw.unitId, raw.name, staffIds)}` : `c:${raw.unitId}`;
    bySubject[subjectKeyOf(e.nominee)] = kept.get(recordKey) ?? [];
  }
  return { bySubject, coverage: notThis(coverage) };
}

/**
 * A person's id and an initiative's id are the unit's own (a staff number, the unit's register of
 * initiatives), not global: the engine links nominations by them, so they are qualified with the
 * nominee's unit before it sees them. Without this, a unit could reuse another unit's staff id or
 * spend another unit's initiative and change the other unit's decisions.
 */
function scopedToUnit(entry: NominationEntry): NominationEntry {
  const n = entry.nominee;
  if (n.kind !== 'individual') return entry;
  return {
    ...entry,
    nominee: {
      ...n,
      ...(n.personId !== undefined ? { personId: `${n.unitId}/${n.personId}` } : {}),
      initiatives: n.initiatives.map((i) => ({ ...i, id: `${n.unitId}/${i.id}` })),
    },
  };
}

/** A tie-break criterion as the Council reads it: its code and title in the scoring table, else its id. */
function criterionName(campaign: Campaign, id: string): string {
  for (const section of campaign.scoringTable?.sections ?? []) {
    for (const c of section.criteria) if (c.id === id) return `tiêu chí “${c.name}”`;
  }
  return `tiêu chí ${id}`;
}
