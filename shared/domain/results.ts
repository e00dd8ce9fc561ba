import type { Title } from '../schemas/nomination';
import { type AgencyLevel, type Authority, authorityFor, proposalGround } from './authority';
import type { BallotResult, CouncilTally, TieChoiceResult } from './council';
import type { Decision, DecisionStatus } from './decide';
import { DomainError } from './errors';
import { TITLE_LABEL, awardPhrase, formatPct } from './rules/common';
import type { Citation } from './rules/types';

/**
 * The final results of a campaign (kết quả bình xét): the decision engine's proposal (decide.ts) read with the council's
 * ballot (council.ts; docs/legal-sources.md §1.8, §3.5). Pure: no clock, no I/O; the output follows the decisions' order.
 *
 * - `deferred` stays deferred: NĐ 152/2025 Art 4.4, not considered while discipline or an inquiry is pending;
 * - `not-eligible`, `over-quota`: not awarded, the decision's summary is the reason;
 * - `eligible`: awarded when the nomination's ballot passed (counted over the WHOLE membership, NĐ 98/2023 Art 30.7);
 *   a nomination no ballot was recorded for is not awarded. Where the proposal left a quota tie to the council
 *   (`needsCouncilVote`), at most `quota.seats` of the group are awarded, the most yes votes first; a tie for the last
 *   seat needs another round and is refused.
 * - `proposed` instead of `awarded` when the campaign's agency may not award the title itself (authority.ts; Law 2022
 *   Art 80.1: a Sở's head decides only LĐTT, CSTĐCS, TTLĐTT and Giấy khen): its council's vote passed, and the
 *   nomination goes to whoever decides it (đề nghị cấp trên), the vote attached (§1.9).
 */

export type OutcomeKind = 'awarded' | 'proposed' | 'not-awarded' | 'deferred';

/** On a `proposed` outcome: who decides the title, where that is written, and what bounds the agency's own power. */
export interface ProposedTo {
  /** The level of the agency whose council proposed it. */
  agencyLevel: AgencyLevel;
  decidedBy: Authority['decidedBy'];
  /** "Chủ tịch Ủy ban nhân dân tỉnh". */
  label: string;
  citation: Citation;
  agencyPower: Citation;
}

export interface OutcomeVote {
  yes: number;
  membersTotal: number;
  required: number;
  thresholdPct: number;
  comparison: BallotResult['comparison'];
  passed: boolean;
}

export interface Outcome {
  nominationId: string;
  title: Title;
  /** TITLE_LABEL: "Chiến sĩ thi đua cơ sở". */
  titleLabel: string;
  nominee: Decision['nominee'];
  /** The unit that sent the nomination (its results mail goes there). */
  nominatingUnitId: string;
  proposal: DecisionStatus;
  needsCouncilVote: boolean;
  /** The council's ballot on this nomination, when the proposal was eligible and one was recorded. */
  vote?: OutcomeVote;
  outcome: OutcomeKind;
  /** Set when `outcome` is `proposed`: the decider the nomination goes to, with the vote above attached. */
  proposedTo?: ProposedTo;
  /** For the minutes: the vote and what follows from it, or the decision's summary. */
  reason: string;
}

export interface FinalizeResultsInput {
  decisions: readonly Decision[];
  /** The council's ballot; may be left out only when no decision is eligible. */
  tally?: CouncilTally;
  /** nominationId → unitId of the unit that sent it; a nomination missing here is taken as sent by the nominee's unit. */
  nominatingUnit: Readonly<Record<string, string>>;
  /**
   * The level of the campaign's agency: it bounds the titles the council's vote awards (authority.ts). Default
   * `department`, as a campaign without the field was a Sở's. The rule set that chooses the authority is the tally's.
   */
  agencyLevel?: AgencyLevel;
}

export interface FinalResults {
  outcomes: Outcome[];
  counts: { awarded: number; proposed: number; notAwarded: number; deferred: number };
  /** The Council's choices among the tied (issue 11), as its ballot recorded them. */
  tieChoices?: TieChoiceResult[];
}

/** The proposal's statuses as the Office writes them. */
export const DECISION_STATUS_LABEL: Readonly<Record<DecisionStatus, string>> = {
  eligible: 'Đủ điều kiện',
  'not-eligible': 'Không đủ điều kiện',
  deferred: 'Tạm hoãn',
  'over-quota': 'Vượt tỷ lệ',
};

export const COUNCIL_CHOICE_LABEL = 'Hội đồng bỏ phiếu chọn';

export const OUTCOME_LABEL: Readonly<Record<OutcomeKind, string>> = {
  awarded: 'Được khen thưởng',
  proposed: 'Đề nghị cấp trên xét tặng',
  'not-awarded': 'Không được khen thưởng',
  deferred: 'Tạm hoãn',
};

export const NO_BALLOT_REASON = 'Chưa được Hội đồng biểu quyết.';

const FORMS: ReadonlySet<Title> = new Set(['GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']);

/** "công nhận danh hiệu “Lao động tiên tiến”", "tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh". */
export function awardVerbPhrase(title: Title): string {
  return `${FORMS.has(title) ? 'tặng' : 'công nhận'} ${awardPhrase(title)}`;
}

/** "từ 80% tổng số thành viên trở lên", "trên 50% tổng số thành viên". */
function boundText(v: OutcomeVote): string {
  return v.comparison === 'at-least' ? `từ ${v.thresholdPct}% tổng số thành viên trở lên` : 'trên 50% tổng số thành viên';
}

const shareText = (v: OutcomeVote) => `${v.yes}/${v.membersTotal} phiếu (${formatPct(v.yes, v.membersTotal)}%)`;

function passedReason(v: OutcomeVote, title: Title): string {
  return `Được Hội đồng biểu quyết ${shareText(v)}, đạt tỷ lệ ${boundText(v)}; đề nghị ${awardVerbPhrase(title)}.`;
}

function proposedReason(v: OutcomeVote, a: Authority): string {
  return `Được Hội đồng biểu quyết ${shareText(v)}, đạt tỷ lệ ${boundText(v)}; ${proposalGround(a)}.`;
}

function failedReason(v: OutcomeVote, title: Title): string {
  return `Hội đồng biểu quyết ${shareText(v)} đồng ý, chưa đạt tỷ lệ ${boundText(v)} (cần ít nhất ${v.required}/${v.membersTotal} phiếu đồng ý); không đề nghị ${awardVerbPhrase(title)}.`;
}

function beyondSeatsReason(v: OutcomeVote, title: Title, seats: number, contenders: number): string {
  return `Được Hội đồng biểu quyết ${shareText(v)}, đạt tỷ lệ ${boundText(v)}, nhưng chỉ còn ${seats} suất trong chỉ tiêu cho ${contenders} trường hợp đồng hạng và trường hợp này có số phiếu đồng ý thấp hơn; không đề nghị ${awardVerbPhrase(title)}.`;
}

function notChosenReason(title: Title, c: TieChoiceResult, seats: number, contenders: number): string {
  return `Hội đồng biểu quyết lựa chọn ${c.chosenNames.join(', ')} cho ${seats} suất trong chỉ tiêu dành cho ${contenders} trường hợp đồng hạng (${c.yes}/${c.membersTotal} phiếu đồng ý, trên 50% tổng số thành viên); không đề nghị ${awardVerbPhrase(title)}.`;
}

const voteOf = (b: BallotResult): OutcomeVote => ({
  yes: b.yes,
  membersTotal: b.membersTotal,
  required: b.required,
  thresholdPct: b.thresholdPct,
  comparison: b.comparison,
  passed: b.passed,
});

export function finalizeResults(input: FinalizeResultsInput): FinalResults {
  const { decisions, tally } = input;
  const level = input.agencyLevel ?? 'department';

  if (tally && !tally.quorum.met) {
    throw new DomainError(
      'conflict',
      `Phiên họp Hội đồng không đủ số thành viên tham dự (${tally.quorum.counted}/${tally.quorum.membersTotal}, cần ít nhất ${tally.quorum.required}); chưa thể công bố kết quả bình xét.`,
    );
  }
  if (!tally && decisions.some((d) => d.status === 'eligible')) {
    throw new DomainError('conflict', 'Chưa có kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng đối với các hồ sơ đủ điều kiện; chưa thể công bố kết quả bình xét.');
  }

  const ballots = new Map<string, BallotResult>();
  for (const b of tally?.results ?? []) {
    if (ballots.has(b.nominationId)) {
      throw new DomainError('invalid', `Hồ sơ ${b.nominationId} có hai kết quả biểu quyết trong cùng một phiên; mỗi hồ sơ chỉ được ghi một kết quả.`);
    }
    ballots.set(b.nominationId, b);
  }

  const seen = new Set<string>();
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch below is exhaustive over the decision status (tsc checks it)
  const outcomes = decisions.map((d): Outcome => {
    if (seen.has(d.nominationId)) throw new DomainError('invalid', `Mã hồ sơ ${d.nominationId} xuất hiện hai lần trong danh sách đề xuất.`);
    seen.add(d.nominationId);
    const base = {
      nominationId: d.nominationId,
      title: d.title,
      titleLabel: TITLE_LABEL[d.title],
      nominee: d.nominee,
      nominatingUnitId: Object.hasOwn(input.nominatingUnit, d.nominationId) ? (input.nominatingUnit[d.nominationId] as string) : d.nominee.unitId,
      proposal: d.status,
      needsCouncilVote: d.needsCouncilVote === true,
    };
    switch (d.status) {
      case 'deferred':
        return { ...base, outcome: 'deferred', reason: d.summary };
      case 'not-eligible':
      case 'over-quota':
        return { ...base, outcome: 'not-awarded', reason: d.summary };
      case 'eligible': {
        const b = ballots.get(d.nominationId);
        if (!b) return { ...base, outcome: 'not-awarded', reason: NO_BALLOT_REASON };
        if (b.title !== d.title) {
          throw new DomainError('invalid', `Kết quả biểu quyết hồ sơ ${d.nominationId} ghi ${awardPhrase(b.title)}, khác với đề xuất ${awardPhrase(d.title)}.`);
        }
        const vote = voteOf(b);
        if (!b.passed) return { ...base, vote, outcome: 'not-awarded', reason: failedReason(vote, d.title) };
        // The tally exists here (a ballot was found in it): its rule set is the proposal's, in force on the reference date.
        const a = authorityFor(d.title, level, (tally as CouncilTally).ruleSet);
        if (a.byAgency) return { ...base, vote, outcome: 'awarded', reason: passedReason(vote, d.title) };
        const proposedTo: ProposedTo = { agencyLevel: level, decidedBy: a.decidedBy, label: a.decidedByLabel, citation: a.citation, agencyPower: a.agencyPower };
        return { ...base, vote, outcome: 'proposed', proposedTo, reason: proposedReason(vote, a) };
      }
    }
  });

  applyCouncilSeats(decisions, outcomes, tally?.tieChoices ?? []);

  const counts = { awarded: 0, proposed: 0, notAwarded: 0, deferred: 0 };
  for (const o of outcomes) {
    if (o.outcome === 'awarded') counts.awarded++;
    else if (o.outcome === 'proposed') counts.proposed++;
    else if (o.outcome === 'deferred') counts.deferred++;
    else counts.notAwarded++;
  }
  const tieChoices = tally?.tieChoices ?? [];
  return { outcomes, counts, ...(tieChoices.length > 0 ? { tieChoices } : {}) };
}

/**
 * A quota tie left to the council (decide.ts applyQuota): `seats` places for the group. When more of the group pass
 * than there are seats, the seats go to the most yes votes; a tie across the last seat cannot be settled here.
 */
function applyCouncilSeats(decisions: readonly Decision[], outcomes: Outcome[], choices: readonly TieChoiceResult[]): void {
  const groups = new Map<string, { seats: number; contenders: number; at: number[] }>();
  decisions.forEach((d, i) => {
    if (!d.needsCouncilVote || d.status !== 'eligible' || d.quota?.outcome !== 'council-vote') return;
    const g = groups.get(d.quota.id) ?? { seats: d.quota.seats ?? 0, contenders: d.quota.contenders ?? 0, at: [] };
    g.at.push(i);
    groups.set(d.quota.id, g);
  });
  for (const [quotaId, g] of groups) {
    // A proposal takes a seat as an award does: the quota bounds what the council puts forward (§2.3).
    const passed = g.at.filter((i) => outcomes[i]?.outcome === 'awarded' || outcomes[i]?.outcome === 'proposed');
    // Issue 11: the Council's own choice among the tied decides the seats; the others of the group are not awarded.
    const choice = choices.find((c) => c.tieId === quotaId && c.kind === 'quota' && c.passed);
    if (choice) {
      const chosen = new Set(choice.chosen.slice(0, g.seats));
      for (const i of passed) {
        const o = outcomes[i] as Outcome;
        if (chosen.has(o.nominationId)) continue;
        o.outcome = 'not-awarded';
        delete o.proposedTo;
        o.reason = notChosenReason(o.title, choice, g.seats, g.contenders);
      }
      continue;
    }
    if (passed.length <= g.seats) continue;
    const yes = (i: number) => outcomes[i]?.vote?.yes ?? 0;
    const ranked = [...passed].sort((a, b) => yes(b) - yes(a));
    const last = ranked[g.seats - 1];
    const first = ranked[g.seats];
    if (g.seats > 0 && last !== undefined && first !== undefined && yes(last) === yes(first)) {
      throw new DomainError(
        'conflict',
        `Chỉ tiêu ${quotaId}: ${passed.length} trường hợp đồng hạng đạt tỷ lệ biểu quyết cho ${g.seats} suất và có số phiếu bằng nhau tại suất cuối cùng; đề nghị Hội đồng biểu quyết lại.`,
      );
    }
    for (const i of ranked.slice(g.seats)) {
      const o = outcomes[i] as Outcome;
      o.outcome = 'not-awarded';
      delete o.proposedTo;
      o.reason = beyondSeatsReason(o.vote as OutcomeVote, o.title, g.seats, g.contenders);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Texts the mails and the exports (shared/excel/columns.ts) share.

/** "8/9 (cần 8)", or empty when the council did not vote on it. */
export function voteText(v: OutcomeVote | undefined): string {
  return v ? `${v.yes}/${v.membersTotal} (cần ${v.required})` : '';
}

/** "Đủ điều kiện", "Đủ điều kiện; Hội đồng bỏ phiếu chọn". */
export function proposalText(o: Pick<Outcome, 'proposal' | 'needsCouncilVote'>): string {
  return o.needsCouncilVote ? `${DECISION_STATUS_LABEL[o.proposal]}; ${COUNCIL_CHOICE_LABEL}` : DECISION_STATUS_LABEL[o.proposal];
}

// ---------------------------------------------------------------------------------------------
// The public face of a result: what anyone in the campaign may read about a nomination that is not theirs.

/**
 * A result as every role may read it: who, which title, whether it was awarded, and the public ground, the council's
 * vote where it voted. The internal reason (criteria unmet, a discipline, a deferral while an inquiry is pending, a
 * quota cut) stays with the Office, the Council and the nominating unit: a deferral or a discipline is a person's
 * file, not a notice (README "Who sees what"). A nomination the Office did not put to the vote reads the same
 * whatever kept it back.
 */
export interface PublicOutcome {
  nominationId: string;
  title: Title;
  titleLabel: string;
  /**
   * A person's name only when awarded or proposed (the notice names both; Law 2022 Art 84.5 has the proposed published,
   * §1.7); a collective is its unit, public either way.
   */
  nominee: { kind: Decision['nominee']['kind']; unitId: string; name?: string };
  nominatingUnitId: string;
  outcome: Exclude<OutcomeKind, 'deferred'>;
  vote?: OutcomeVote;
  /** On a proposal: who decides it. Public, as the notice says it. */
  proposedTo?: ProposedTo;
  /** The public ground, in Vietnamese: the vote and its threshold (and, on a proposal, who decides), or that it was not put to the vote. */
  ground: string;
}

export const NOT_PUT_TO_VOTE = 'Không trình Hội đồng biểu quyết trong đợt xét này.';

export function publicOutcome(o: Outcome): PublicOutcome {
  const vote = o.outcome === 'deferred' ? undefined : o.vote;
  const proposed = o.outcome === 'proposed' && o.proposedTo !== undefined;
  let ground = NOT_PUT_TO_VOTE;
  if (vote) {
    const verdict = o.outcome === 'awarded' || proposed ? 'đạt' : vote.passed ? 'đạt tỷ lệ nhưng không còn suất trong chỉ tiêu' : 'chưa đạt';
    const next = proposed ? `; ${publicProposalGround(o.title, o.proposedTo as ProposedTo)}` : '';
    ground = `Hội đồng biểu quyết ${shareText(vote)} đồng ý, ${verdict} (cần ít nhất ${vote.required}/${vote.membersTotal}, ${boundText(vote)})${next}.`;
  }
  return {
    nominationId: o.nominationId,
    title: o.title,
    titleLabel: o.titleLabel,
    nominee: {
      kind: o.nominee.kind,
      unitId: o.nominee.unitId,
      ...(o.outcome === 'awarded' || proposed || o.nominee.kind === 'collective' ? { name: o.nominee.name } : {}),
    },
    nominatingUnitId: o.nominatingUnitId,
    // A proposal without its decider (never written by finalizeResults) reads as not awarded rather than as a bare claim.
    outcome: o.outcome === 'awarded' ? 'awarded' : proposed ? 'proposed' : 'not-awarded',
    ...(vote ? { vote } : {}),
    ...(proposed ? { proposedTo: o.proposedTo } : {}),
    ground,
  };
}

/** The public ground of a proposal: the same clause as the minutes, rebuilt from the stored outcome. */
function publicProposalGround(title: Title, p: ProposedTo): string {
  return proposalGround({ title, level: p.agencyLevel, decidedByLabel: p.label, agencyPower: p.agencyPower });
}

/**
 * The counts as the public reads them: a deferral is a nomination not awarded in this round. Results finalized before
 * proposals existed have no `proposed` count: none was proposed then.
 */
export function publicCounts(c: Omit<FinalResults['counts'], 'proposed'> & { proposed?: number }): { awarded: number; proposed: number; notAwarded: number } {
  return { awarded: c.awarded, proposed: c.proposed ?? 0, notAwarded: c.notAwarded + c.deferred };
}
