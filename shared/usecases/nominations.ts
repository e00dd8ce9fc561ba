import { randomUUID } from 'node:crypto';
import { closeNominations, finalizeCampaign } from '../domain/campaign';
import type { CouncilTally } from '../domain/council';
import { isPast } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { finalizeResults } from '../domain/results';
import { formatDeadline, todayInVietnam } from '../domain/vn-date';
import { type DocumentType, symbolOf } from '../domain/document-register';
import type { Principal } from './principal';
import type { ResultsDocuments } from '../schemas/register';
import { getAgency } from '../store/agencies';
import { takeNumber } from './register';
import { listRegister } from '../store/register';
import type { NominationsClosedData } from '../schemas/events';
import type { Campaign } from '../schemas/campaign';
import type { CouncilVoteRequest, Nomination } from '../schemas/nomination';
import { newEvent, saveTransition, saveWithEvent } from '../store/campaigns';
import { councilVoteItem, getCouncilVote, getProposal, listNominations, nominationItem, resultsItem, type StoredNomination } from '../store/nominations';
import { findCampaign } from './find-campaign';
import { requireIssued, requireParticipant } from './guards';
import { listUnits } from '../store/directory';
import { getPerson } from '../store/staff';
import type { Person } from '../schemas/person';
import { lineageOf } from '../domain/lineage';
import { unitScope } from './visibility';

/**
 * A unit proposes its own people or itself (đề nghị khen thưởng) until the nomination deadline.
 * Bound to the submitting unit: a unit's reporter names only units of its own scope (its unit and
 * the sub-units the directory puts under it) as the nominee's unit and as the collective the
 * person counts in, so no unit can place a person, with a poor rating or a discipline, in a rival
 * unit's team. The Office files for any unit of the directory.
 */
export async function submitNomination(rawId: unknown, input: Nomination, principal: Principal, now: Date): Promise<StoredNomination> {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const units = await listUnits(campaign.agencyId);
  const unitId = input.nominee.unitId;
  const memberOf = input.nominee.kind === 'individual' ? input.nominee.memberOf : undefined;
  const known = new Set(units.map((u) => u.unitId));
  const unknown = [
    ...(known.has(unitId) ? [] : [{ path: 'nominee.unitId', message: `không có đơn vị "${unitId}" trong danh bạ` }]),
    ...(memberOf === undefined || known.has(memberOf) ? [] : [{ path: 'nominee.memberOf', message: `không có đơn vị "${memberOf}" trong danh bạ` }]),
  ];
  if (unknown.length) throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${unknown.map((d) => d.path).join(', ')}`, unknown);
  const isOffice = principal.roles.includes('admin');
  if (!isOffice) {
    if (!principal.unitId) throw new DomainError('forbidden', 'Tài khoản chưa gắn với đơn vị nào; không thể đề nghị khen thưởng.', undefined, 'auth.no_unit');
    const scope = unitScope(principal.unitId, units);
    for (const [field, value] of [
      ['nominee.unitId', unitId],
      ['nominee.memberOf', memberOf],
    ] as const) {
      if (value !== undefined && !scope.has(value)) {
        throw new DomainError(
          'forbidden',
          `Đơn vị chỉ được đề nghị khen thưởng cho đơn vị mình và đơn vị trực thuộc (${field} "${value}" không thuộc đơn vị "${principal.unitId}").`,
          undefined,
          'nomination.not_own_unit',
        );
      }
    }
  }
  requireIssued(campaign, 'nhận hồ sơ đề nghị khen thưởng');
  requireParticipant(campaign, unitId, units);
  await requireStaffUnit(campaign.agencyId, input, units);
  if (isPast(campaign.deadlines.nominations, now)) {
    throw new DomainError('conflict', `Đã quá hạn nộp hồ sơ đề nghị khen thưởng (${formatDeadline(campaign.deadlines.nominations)}).`, undefined, 'nomination.deadline_passed');
  }
  const at = now.toISOString();
  const nominatingUnitId = isOffice ? unitId : (principal.unitId as string);
  const stored: StoredNomination = { ...input, id: randomUUID(), nominatingUnitId, submittedAt: at, submittedBy: principal.sub };
  await saveWithEvent(
    [{ item: nominationItem(campaign.agencyId, campaign.id, stored), onlyIfAbsent: true }],
    newEvent(campaign, 'NominationSubmitted', principal.sub, at, { nominationId: stored.id, unitId: nominatingUnitId, nomineeUnitId: unitId, title: input.title }),
  );
  return stored;
}

/** The register's title of the Tờ trình to the Council: also how a retried close finds the number it took before. */
const councilSubmissionTitle = (campaign: Campaign) => `Tờ trình xét khen thưởng trình Hội đồng Thi đua - Khen thưởng: ${campaign.title}`;

/**
 * The number of the Tờ trình to the Council (TTr) the proposal is sent in, from the agency's register. A close that took
 * one and then failed (its transaction lost, the answer lost) finds it again on its retry, so one campaign takes one
 * number; two closes racing may each take one, and the loser's stays in the register with the campaign's name, a
 * visible gap (as finalize's).
 */
async function councilSubmissionNumber(campaign: Campaign, actor: string, now: Date): Promise<string> {
  const title = councilSubmissionTitle(campaign);
  const year = Number(todayInVietnam(now).slice(0, 4));
  const taken = (await listRegister(campaign.agencyId, year, 'TTr')).find((e) => e.campaignId === campaign.id && e.source === 'generated' && e.title === title);
  if (taken) return taken.documentNumber;
  const symbol = (await getAgency(campaign.agencyId))?.documentSymbol ?? symbolOf(campaign.documentNumber) ?? '';
  return (await takeNumber(campaign.agencyId, { type: 'TTr', symbol, title, campaignId: campaign.id, source: 'generated', by: actor }, now)).documentNumber;
}

/**
 * A person the staff list holds is nominated by their own unit's line (issue 13): their achievement record is kept
 * under the list's agency-wide id, so a unit may not file someone of another unit under that id and have the award
 * recorded on that person's record. A person the list does not hold is the unit's own staff number, as before.
 */
async function requireStaffUnit(agencyId: string, input: Nomination, units: readonly { unitId: string; parentUnitId?: string }[]) {
  if (input.nominee.kind !== 'individual' || input.nominee.personId === undefined) return;
  const person = await getPerson(agencyId, input.nominee.personId);
  const message = person && staffUnitProblem(person, input.nominee.unitId, new Map(units.map((u) => [u.unitId, u.parentUnitId])));
  if (message) throw new DomainError('invalid', `Dữ liệu không hợp lệ: nominee.personId`, [{ path: 'nominee.personId', message }], 'nomination.not_staff_unit');
}

/** Why a listed person may not be nominated under `unitId` (their unit, a unit above or below it is fine), or undefined. */
export function staffUnitProblem(person: Pick<Person, 'personId' | 'unitId'>, unitId: string, parents: ReadonlyMap<string, string | undefined>): string | undefined {
  if (person.unitId === unitId || lineageOf(unitId, parents).includes(person.unitId) || lineageOf(person.unitId, parents).includes(unitId)) return undefined;
  return `theo danh sách cán bộ, "${person.personId}" thuộc đơn vị "${person.unitId}", không phải "${unitId}"`;
}

/**
 * issued → nominations-closed with its `NominationsClosed` event, in one conditional transaction:
 * closing twice, or the Office racing the clock, yields one event and a 409 for the loser. The Tờ trình to the Council's
 * number is taken before (as finalize takes the results'), and carried on the event: its consumer, retried or not,
 * issues the Tờ trình under that one number.
 */
export async function closeCampaignNominations(agencyId: string, rawId: unknown, actor: string, now: Date): Promise<Campaign> {
  const current = await findCampaign(agencyId, rawId);
  const next = closeNominations(current, { now: now.toISOString(), actor });
  const data: NominationsClosedData = { councilSubmission: await councilSubmissionNumber(current, actor, now) };
  await saveTransition(next, current, newEvent(next, 'NominationsClosed', actor, now.toISOString(), data));
  return next;
}

export async function proposalOf(agencyId: string, rawId: unknown) {
  const campaign = await findCampaign(agencyId, rawId);
  const proposal = await getProposal(campaign.agencyId, campaign.id);
  if (!proposal) {
    throw new DomainError(
      campaign.status === 'issued' || campaign.status === 'draft' ? 'conflict' : 'not-found',
      campaign.status === 'nominations-closed' ? 'Đang xét hồ sơ: dự kiến kết quả chưa sẵn sàng, vui lòng thử lại sau ít phút.' : 'Chưa khóa nhận hồ sơ đề nghị khen thưởng; chưa có dự kiến kết quả.',
      undefined,
      'proposal.not_ready',
    );
  }
  return { campaign, proposal };
}

/** The Council's ballot, checked against the quorum and each title's threshold over the whole membership. */
export async function recordCouncilVote(rawId: unknown, input: CouncilVoteRequest, principal: Principal, now: Date): Promise<CouncilTally> {
  const { campaign, proposal } = await proposalOf(principal.agencyId, rawId);
  if (campaign.status !== 'nominations-closed')
    throw new DomainError('conflict', `Kết quả đã được chốt (status "${campaign.status}"); không ghi nhận thêm biểu quyết.`, undefined, 'results.already_final');
  const known = new Map(proposal.decisions.map((d) => [d.nominationId, d]));
  const details = input.votes.flatMap((v, i) => {
    const d = known.get(v.nominationId);
    if (!d) return [{ path: `votes.${i}.nominationId`, message: `không có hồ sơ "${v.nominationId}" trong dự kiến kết quả của phong trào` }];
    return d.title === v.title ? [] : [{ path: `votes.${i}.title`, message: `hồ sơ "${v.nominationId}" đề nghị ${d.title}, không phải ${v.title}` }];
  });
  if (details.length) throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${details.map((d) => d.path).join(', ')}`, details);
  // Loaded here, not at module load: the council's ballot schema (classic zod) is the only zod this
  // module's other callers (the scheduled tick) would carry; the tick's bundle then holds none (issue 9).
  const { tallyCouncilVote } = await import('../domain/council');
  // The minutes name people and units, never a dossier's id (issue 11): the names come from the proposal and the directory.
  const unitName = new Map((await listUnits(campaign.agencyId)).map((u) => [u.unitId, u.name]));
  const names = Object.fromEntries(proposal.decisions.map((d) => [d.nominationId, `${d.nominee.name} (${unitName.get(d.nominee.unitId) ?? d.nominee.unitId})`]));
  const ties = (proposal.ties ?? []).map((t) => (t.kind === 'standings' ? { ...t, contenders: t.contenders.map((c) => ({ ...c, name: unitName.get(c.unitId) ?? c.name })) } : t));
  const { meeting, ...ballot } = input;
  const tally = tallyCouncilVote({ ...ballot, ruleSet: proposal.ruleSet }, { ties, names });
  const at = now.toISOString();
  await saveWithEvent(
    [{ item: { ...councilVoteItem(campaign.agencyId, campaign.id, tally, at, principal.sub), ...(meeting ? { meeting: { ...meeting, date: meeting.date ?? todayInVietnam(now) } } : {}) } }],
    newEvent(campaign, 'CouncilVoteRecorded', principal.sub, at, { quorumMet: tally.quorum.met, passed: tally.results.filter((r) => r.passed).length }),
  );
  return tally;
}

/**
 * The numbers of the documents the results are issued in, from the agency's register (NĐ 30/2020 Art 15): the results
 * notice (TB) always, the award decision (QĐ) when the agency awards titles itself, the submission to the superior
 * (TTr) when it proposes some. Taken before the transaction that freezes the results: a finalize that then loses a race
 * leaves its numbers in the register with the campaign's name, a visible gap rather than a document without a number.
 */
async function resultsDocumentNumbers(campaign: Campaign, counts: { awarded: number; proposed: number }, withMinutes: boolean, actor: string, now: Date): Promise<ResultsDocuments> {
  const symbol = (await getAgency(campaign.agencyId))?.documentSymbol ?? symbolOf(campaign.documentNumber) ?? '';
  const take = async (type: DocumentType, title: string) =>
    (await takeNumber(campaign.agencyId, { type, symbol, title: `${title}: ${campaign.title}`, campaignId: campaign.id, source: 'generated', by: actor }, now)).documentNumber;
  return {
    notice: await take('TB', 'Thông báo kết quả bình xét thi đua, khen thưởng'),
    ...(counts.awarded > 0 ? { decision: await take('QĐ', 'Quyết định khen thưởng') } : {}),
    ...(counts.proposed > 0 ? { submission: await take('TTr', 'Tờ trình đề nghị khen thưởng') } : {}),
    // The Council's minutes, when the ballot recorded the meeting (its chair, secretary, venue) to draw them up from.
    ...(withMinutes ? { minutes: await take('BB', 'Biên bản họp Hội đồng Thi đua - Khen thưởng') } : {}),
  };
}

/** Freeze the results: nominations-closed → finalized, the outcomes and `ResultsFinalized` in one transaction. */
export async function finalize(rawId: unknown, principal: Principal, now: Date) {
  const { campaign, proposal } = await proposalOf(principal.agencyId, rawId);
  const tally = await getCouncilVote(campaign.agencyId, campaign.id);
  const nominatingUnit = Object.fromEntries((await listNominations(campaign.agencyId, campaign.id)).map((n) => [n.id, n.nominatingUnitId]));
  // The agency's level bounds what its council's vote awards; the rest is proposed upward (shared/domain/authority.ts).
  // A campaign from before agencies had no level: it was a Sở's.
  const agencyLevel = campaign.agencyLevel ?? 'department';
  const { outcomes, counts, tieChoices } = finalizeResults({ decisions: proposal.decisions, ...(tally ? { tally } : {}), nominatingUnit, agencyLevel });
  const at = now.toISOString();
  const next = finalizeCampaign(campaign, { now: at, actor: principal.sub });
  const documents = await resultsDocumentNumbers(campaign, counts, Boolean((tally as { meeting?: unknown } | undefined)?.meeting), principal.sub, now);
  const results = {
    campaignId: campaign.id,
    ruleSet: proposal.ruleSet,
    inputHash: proposal.inputHash,
    engineVersion: proposal.engineVersion,
    finalizedAt: at,
    counts,
    outcomes,
    // The Council's choices among the tied (issue 11): the results show what decided a shared seat or rank.
    ...(tieChoices ? { tieChoices } : {}),
    documents,
  };
  const event = newEvent(next, 'ResultsFinalized', principal.sub, at, { counts });
  await saveTransition(next, campaign, event, [resultsItem(campaign.agencyId, campaign.id, results)]);
  return results;
}
