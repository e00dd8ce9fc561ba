import { createHash } from 'node:crypto';
import { assessmentYearOf } from '../domain/campaign';
import { DomainError } from '../domain/errors';
import { ID_PATTERN } from '../schemas/ids';
import { todayInVietnam } from '../domain/vn-date';
import type { Outcome } from '../domain/results';
import type { SubmissionInput, SubmissionResult } from '../schemas/submission';
import { getAgency } from '../store/agencies';
import { getCampaign, getItemByKey, newEvent, saveWithEvent } from '../store/campaigns';
import { listUnits } from '../store/directory';
import { keys } from '../store/keys';
import { getProposal, getResults, listNominations, nominationItem, type StoredNomination } from '../store/nominations';
import { findCampaign } from './find-campaign';
import { requireIssued, requireParticipant } from './guards';
import type { Principal } from './principal';

/** Where a forwarded nomination came from: the parent's Office and Council read it beside the nomination. */
export interface NominationOrigin {
  agencyId: string;
  agencyName: string;
  campaignId: string;
  documentNumber: string;
  nominationId: string;
  /** The nominee's unit inside the child agency. */
  unitId: string;
  /** The child council's ballot on it, and what its decision checked. */
  vote?: Outcome['vote'];
  proposedTo?: Outcome['proposedTo'];
  checks: unknown[];
  summary?: string;
}

/** The same child nomination always becomes the same parent nomination id: a retried call finds what it filed. */
const parentNominationId = (childAgencyId: string, childCampaignId: string, nominationId: string) =>
  `fwd-${createHash('sha256').update(`${childAgencyId}/${childCampaignId}/${nominationId}`).digest('hex').slice(0, 40)}`;

/** An id of the child's own namespace (a staff number, a phòng) qualified so it cannot meet another agency's in the parent. */
const qualified = (childAgencyId: string, value: string) => {
  const plain = `${childAgencyId}-${value}`;
  return ID_PATTERN.test(plain) ? plain : `x-${createHash('sha256').update(plain).digest('hex').slice(0, 40)}`;
};

/**
 * The line of submission (issue 10): the titles this agency may not award, which its council voted for, go up as
 * nominations in a campaign of the parent agency, this agency acting as the nominating unit. Once per campaign and
 * parent: each nomination is a conditional put under an id derived from its origin, and the mark that ends the call
 * is written last, so a call that crashed midway resumes without a duplicate, and a call after a complete one is a 409.
 */
export async function submitToParent(rawId: unknown, input: SubmissionInput, principal: Principal, now: Date): Promise<SubmissionResult> {
  const campaign = await findCampaign(principal.agencyId, rawId);
  const agency = await getAgency(principal.agencyId);
  if (!agency?.parentAgencyId) {
    throw new DomainError('conflict', 'Cơ quan chưa có cơ quan cấp trên trên nền tảng; không có nơi để trình.', undefined, 'submission.no_parent');
  }
  const parentAgencyId = agency.parentAgencyId;
  if (campaign.status !== 'finalized') {
    throw new DomainError('conflict', `Kết quả của phong trào chưa được chốt (status "${campaign.status}"); chỉ trình cấp trên sau khi chốt.`, undefined, 'submission.not_final');
  }
  const mark = keys.submission(campaign.agencyId, campaign.id, parentAgencyId, input.parentCampaignId);
  if (await getItemByKey(mark)) {
    throw new DomainError('conflict', `Đã trình các hồ sơ của phong trào này lên phong trào "${input.parentCampaignId}" của cấp trên.`, undefined, 'submission.already_forwarded');
  }
  const parent = await getCampaign(parentAgencyId, input.parentCampaignId);
  if (!parent) throw new DomainError('not-found', `Cơ quan cấp trên không có phong trào "${input.parentCampaignId}".`, undefined, 'campaign.not_found');
  requireIssued(parent, 'nhận hồ sơ trình từ cơ quan cấp dưới');
  if (now.getTime() > Date.parse(parent.deadlines.nominations)) {
    throw new DomainError('conflict', 'Đã quá hạn nộp hồ sơ đề nghị khen thưởng của phong trào cấp trên.', undefined, 'nomination.deadline_passed');
  }
  // The parent's directory lists this agency as one of its units (the province's departments): that unit nominates.
  const parentUnits = await listUnits(parentAgencyId);
  if (!parentUnits.some((u) => u.unitId === agency.id)) {
    throw new DomainError(
      'conflict',
      `Danh bạ của cơ quan cấp trên chưa có đơn vị "${agency.id}" (cơ quan này); văn phòng cấp trên cần thêm trước khi nhận hồ sơ.`,
      undefined,
      'submission.not_a_unit_of_parent',
    );
  }
  try {
    requireParticipant(parent, agency.id, parentUnits);
  } catch {
    throw new DomainError('conflict', `Cơ quan "${agency.id}" không có tên trong các đơn vị tham gia phong trào cấp trên.`, undefined, 'submission.not_participant');
  }

  const results = (await getResults(campaign.agencyId, campaign.id)) as { outcomes?: Outcome[] } | undefined;
  const proposed = (results?.outcomes ?? []).filter((o) => o.outcome === 'proposed');
  if (proposed.length === 0) {
    throw new DomainError('conflict', 'Phong trào không có hồ sơ nào được Hội đồng đề nghị cấp trên xét tặng.', undefined, 'submission.nothing_proposed');
  }
  const [nominations, proposal] = await Promise.all([listNominations(campaign.agencyId, campaign.id), getProposal(campaign.agencyId, campaign.id)]);
  const byId = new Map(nominations.map((n) => [n.id, n]));
  const decisions = new Map((proposal?.decisions ?? []).map((d) => [d.nominationId, d]));
  const at = now.toISOString();

  // What this agency awarded in the same campaign counts in the parent's chains (a CSTĐCS this year under a Bằng khen).
  const year = assessmentYearOf(campaign, todayInVietnam);
  const awarded = (results?.outcomes ?? [])
    .filter((o) => o.outcome === 'awarded')
    .flatMap((o) => {
      const n = byId.get(o.nominationId);
      return n ? [{ nominee: n.nominee as PersonKey, title: o.title }] : [];
    });
  const rows: SubmissionResult['nominations'] = [];
  for (const o of proposed) {
    const stored = byId.get(o.nominationId);
    if (!stored) throw new Error(`results name nomination ${o.nominationId}, which the campaign does not hold`);
    const child = withTitlesAwardedHere(stored, awarded, year);
    const filed = forwardedNomination(child, o, { agency, campaignId: campaign.id, documentNumber: campaign.documentNumber, decision: decisions.get(o.nominationId), principal, at });
    const written = await saveWithEvent(
      [{ item: nominationItem(parentAgencyId, parent.id, filed), onlyIfAbsent: true }],
      newEvent(parent, 'NominationSubmitted', principal.sub, at, { nominationId: filed.id, unitId: agency.id, nomineeUnitId: agency.id, title: o.title, fromAgencyId: agency.id }),
    );
    rows.push({ nominationId: o.nominationId, parentNominationId: filed.id, title: o.title, nominee: o.nominee.name, filed: written });
  }
  const done = await saveWithEvent(
    [{ item: { ...mark, entity: 'Submission', parentAgencyId, parentCampaignId: parent.id, nominations: rows, submittedAt: at, submittedBy: principal.sub }, onlyIfAbsent: true }],
    newEvent(campaign, 'SubmissionForwarded', principal.sub, at, { parentAgencyId, parentCampaignId: parent.id, count: rows.length }),
  );
  if (!done) throw new DomainError('conflict', 'Một yêu cầu khác vừa trình các hồ sơ này; không trình lại.', undefined, 'submission.already_forwarded');
  return { parentAgencyId, parentCampaignId: parent.id, nominations: rows, submittedAt: at };
}

type PersonKey = { kind: string; unitId: string; personId?: string; name?: string; hireDate?: string };

/** One person: the same unit and staff id, or, without ids, the same unit, name and hire date (the engine's default id). */
const samePerson = (a: PersonKey, b: PersonKey) =>
  a.kind === 'individual' &&
  b.kind === 'individual' &&
  a.unitId === b.unitId &&
  (a.personId !== undefined || b.personId !== undefined ? a.personId === b.personId : a.name === b.name && a.hireDate === b.hireDate);

/** The nomination with the titles this agency awarded the same person in this campaign added to its past titles. */
export function withTitlesAwardedHere(n: StoredNomination, awarded: readonly { nominee: PersonKey; title: string }[], year: number): StoredNomination {
  const nominee = n.nominee as PersonKey & { pastTitles?: { year: number; title: string }[] };
  if (nominee.kind !== 'individual') return n;
  const past = nominee.pastTitles ?? [];
  const added = awarded.filter((a) => samePerson(a.nominee, nominee) && !past.some((p) => p.year === year && p.title === a.title)).map((a) => ({ year, title: a.title }));
  return added.length ? { ...n, nominee: { ...nominee, pastTitles: [...past, ...added] } } : n;
}

/**
 * The child's nomination as the parent receives it: the same nominee and achievements, in the parent's namespace (the
 * child agency is the nominee's unit for a person, a qualified unit for a collective), with where it came from.
 */
function forwardedNomination(
  child: StoredNomination,
  o: Outcome,
  ctx: { agency: { id: string; name: string }; campaignId: string; documentNumber: string; decision: { checks: unknown[]; summary: string } | undefined; principal: Principal; at: string },
): StoredNomination {
  const nominee = child.nominee as Record<string, unknown> & { kind: 'individual' | 'collective'; unitId: string; personId?: string };
  const { memberOf: _memberOf, personId, ...rest } = nominee;
  const parentNominee =
    nominee.kind === 'individual'
      ? { ...rest, unitId: ctx.agency.id, ...(personId ? { personId: qualified(ctx.agency.id, `${nominee.unitId}-${personId}`) } : {}) }
      : { ...rest, unitId: qualified(ctx.agency.id, nominee.unitId) };
  const origin: NominationOrigin = {
    agencyId: ctx.agency.id,
    agencyName: ctx.agency.name,
    campaignId: ctx.campaignId,
    documentNumber: ctx.documentNumber,
    nominationId: child.id,
    unitId: nominee.unitId,
    ...(o.vote ? { vote: o.vote } : {}),
    ...(o.proposedTo ? { proposedTo: o.proposedTo } : {}),
    checks: ctx.decision?.checks ?? [],
    ...(ctx.decision ? { summary: ctx.decision.summary } : {}),
  };
  return {
    nominee: parentNominee,
    title: child.title,
    achievementSummary: child.achievementSummary,
    ...(child.grounds ? { grounds: child.grounds } : {}),
    id: parentNominationId(ctx.agency.id, ctx.campaignId, child.id),
    nominatingUnitId: ctx.agency.id,
    submittedAt: ctx.at,
    submittedBy: ctx.principal.sub,
    origin,
  };
}
