import type { QuotaTitle, Title } from '../schemas/nomination';
import type { AwardRecord } from '../schemas/record';
import { applyTitleQuota } from './decision/quota';
import { type DecideState, type Work, initialState, subjectKeyOf, worksOf } from './decision/state';
import { attachClaims, ruleCitations, summarise } from './decision/summary';
import { tallyMembers } from './decision/tallies';
import { councilTies, unverifiedInForce } from './decision/ties';
import { ruleSetFor } from './rules';
import { regimeOf } from './rules/regime';
import { decideBangKhen, noteBangKhen } from './decision/tiers/bang-khen';
import { decideCoThiDua } from './decision/tiers/co-thi-dua';
import { capCstdcs, decideCstdcs, noteCstdcs } from './decision/tiers/cstdcs';
import { decideCstdTinh } from './decision/tiers/cstd-tinh';
import { decideGiayKhen } from './decision/tiers/giay-khen';
import { decideLdtt } from './decision/tiers/ldtt';
import { decideTtldtt } from './decision/tiers/ttldtt';
import { decideTtldxs, noteTtldxs } from './decision/tiers/ttldxs';
import type { DecideNominationsInput, DecideResult, PastRecords } from './decision/types';
import * as R from './rules/common';
import { canonicalHash, canonicalJson } from './standings';

export type {
  Claim,
  ClaimRecord,
  ClaimStatus,
  CouncilTie,
  DecideNominationsInput,
  DecideResult,
  Decision,
  DecisionQuota,
  DecisionStatus,
  DeclaredReason,
  PastRecords,
  ProposalStanding,
  QuotaUsage,
  UnverifiedOption,
} from './decision/types';
export { personKeyOf, subjectKeyOf } from './decision/state';
export { recordSubjectKey } from './decision/claims';

/**
 * The decision engine (đề xuất xét khen thưởng): every nomination of a campaign decided against the criteria and
 * quotas of the rule set in force on the reference date, each decision explained rule by rule with its citation.
 * Pure: no clock, no I/O, no randomness; the same inputs, in any order, give the same bytes.
 *
 * Order (each tier reads the outcomes of the ones before it):
 *   LĐTT → CSTĐCS (then the CSTĐCS cap) → CSTĐ tỉnh → TTLĐTT → TTLĐXS → Bằng khen → Giấy khen → Cờ thi đua,
 * with a campaign quota applied right after the tier it covers, and nominations of one tier in id order.
 * Bằng khen is decided before Giấy khen so that, for one achievement (Law Art 5.2.c), the higher form is kept.
 * The steps are listed in STEPS; each tier lives in ./decision/tiers/, the quota cut in ./decision/quota.ts and
 * the state they share, with every field documented, in ./decision/state.ts.
 */

/** 1.1.0 (issue 11): the same inputs decide otherwise under vn-2017 (options off), initiatives by year, the sentences. */
export const DECIDE_ENGINE_VERSION = 'thidua-decide/1.1.0';

type Step = (s: DecideState) => void;

/** A tier's step: its decide function over its own nominations, in id order. */
const tier =
  (title: Title, decide: (s: DecideState, works: readonly Work[]) => void): Step =>
  (s) =>
    decide(s, worksOf(s, title));
const quota =
  (title: QuotaTitle): Step =>
  (s) =>
    applyTitleQuota(s, title);

/** The engine, in order. A step that notes an outcome for later tiers (noteX) runs after the quota that can change it. */
export const STEPS: readonly Step[] = [
  tier('LDTT', decideLdtt),
  quota('LDTT'),
  tier('CSTDCS', decideCstdcs),
  tier('CSTDCS', capCstdcs),
  tier('CSTDCS', noteCstdcs),
  tier('CSTD_TINH', decideCstdTinh),
  quota('CSTD_TINH'),
  tallyMembers,
  tier('TTLDTT', decideTtldtt),
  quota('TTLDTT'),
  tier('TTLDXS', decideTtldxs),
  quota('TTLDXS'),
  tier('TTLDXS', noteTtldxs),
  tier('BANG_KHEN_TINH', decideBangKhen),
  quota('BANG_KHEN_TINH'),
  tier('BANG_KHEN_TINH', noteBangKhen),
  tier('GIAY_KHEN', decideGiayKhen),
  quota('GIAY_KHEN'),
  tier('CO_THI_DUA_TINH', decideCoThiDua),
  quota('CO_THI_DUA_TINH'),
  (s) => {
    for (const w of s.works) {
      attachClaims(w);
      w.decision.summary = summarise(w);
    }
  },
];

/** What the hash covers: every input, with the collections whose order carries no meaning sorted. */
export function decideInputs(input: DecideNominationsInput): unknown {
  return {
    referenceDate: input.referenceDate,
    campaignYear: input.campaignYear,
    nominations: [...input.nominations].sort((a, b) => R.cmp(a.id, b.id)),
    unitStandings: input.unitStandings.map((s) => ({ unitId: s.unitId, rank: s.rank, tie: s.tie !== undefined && s.tie !== false })).sort((a, b) => R.cmp(a.unitId, b.unitId)),
    options: input.options,
    usedInitiatives: [...new Set(input.usedInitiatives ?? [])].sort(R.cmp),
    // Issue 13: absent without records, so a proposal made without them keeps its hash.
    ...(input.records ? { records: recordsInputs(input, input.records) } : {}),
  };
}

/**
 * The records that can change a decision: those of this campaign's nominees (whose key is present, even with none,
 * matters: a nominee left out stands as declared), with the fields a claim reads (not when it was recorded), and the
 * whole coverage (a predating claim's sentence names the first year covered). Order carries no meaning: sorted by their
 * canonical JSON.
 */
function recordsInputs(input: DecideNominationsInput, records: PastRecords): unknown {
  const keys = new Set(input.nominations.map((e) => subjectKeyOf(e.nominee)));
  const sorted = (xs: readonly unknown[]) =>
    xs
      .map((x) => ({ x, j: canonicalJson(x) }))
      .sort((a, b) => R.cmp(a.j, b.j))
      .map(({ x }) => x);
  const read = (r: AwardRecord) => ({ year: r.year, title: r.title, outcome: r.outcome, campaignId: r.campaignId, campaignTitle: r.campaignTitle, nominationId: r.nominationId, document: r.document });
  const held = Object.keys(records.bySubject).filter((k) => keys.has(k));
  const bySubject = Object.fromEntries(held.sort(R.cmp).map((k) => [k, sorted((records.bySubject[k] ?? []).map(read))]));
  return { bySubject, coverage: sorted(records.coverage) };
}

export function decideNominations(input: DecideNominationsInput): DecideResult {
  const s = initialState(input);
  for (const step of STEPS) step(s);
  const rules = ruleCitations(s);
  const regime = regimeOf(s.rs, ruleSetFor(`${input.campaignYear}-12-31`), input.referenceDate, input.campaignYear);
  return {
    ruleSet: s.rs.id,
    engineVersion: DECIDE_ENGINE_VERSION,
    inputHash: canonicalHash(decideInputs(input)),
    referenceDate: input.referenceDate,
    campaignYear: s.year,
    legalBasis: [...s.rs.legalBasis],
    options: s.opt,
    optionSources: s.sources,
    decisions: s.works.map((w) => w.decision),
    quotas: s.quotas,
    rules,
    regime,
    unverified: unverifiedInForce(s),
    ties: councilTies(s, input),
    standings: [...input.unitStandings]
      .sort((a, b) => a.rank - b.rank || R.cmp(a.unitId, b.unitId))
      .map((u) => ({
        unitId: u.unitId,
        ...(u.unitName !== undefined ? { unitName: u.unitName } : {}),
        rank: u.rank,
        ...(u.total !== undefined ? { total: u.total } : {}),
        tie: u.tie !== undefined && u.tie !== false,
      })),
  };
}
