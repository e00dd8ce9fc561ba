import type { NominationEntry, RuleOptions, Title } from '../../schemas/nomination';
import type { Regime } from '../rules/regime';
import type { Citation, OptionKey, ResolvedRuleOptions, RuleCheck, RuleSetId } from '../rules/types';

/** What the decision engine takes and gives (re-exported by ../decide.ts, where importers find them). */

export type DecisionStatus = 'eligible' | 'not-eligible' | 'deferred' | 'over-quota';

export interface DecisionQuota {
  /** The quota's id in `quotas` (e.g. `CSTDCS:cap`, `BANG_KHEN_TINH:individuals`). */
  id: string;
  limit: number;
  /** `council-vote`: the line falls inside a group the tie chain cannot separate; status stays `eligible`. */
  outcome: 'within' | 'council-vote' | 'over';
  unitRank: number | null;
  /** For `council-vote`: seats left for the group, and how many contend for them. */
  seats?: number;
  contenders?: number;
}

export interface Decision {
  nominationId: string;
  title: Title;
  nominee: { kind: 'individual' | 'collective'; unitId: string; name: string; personId?: string };
  status: DecisionStatus;
  checks: RuleCheck[];
  /** One paragraph for the minutes. */
  summary: string;
  /** A quota tie the chain could not separate: the council chooses `quota.seats` among `quota.contenders`. */
  needsCouncilVote?: true;
  quota?: DecisionQuota;
  /** Initiatives this award spends (CV 5007/BNV-TĐKT); released when the decision ends over quota. */
  initiativesUsed?: string[];
  /** Decisions of this campaign this one relied on (a member's LĐTT, this year's CSTĐCS): re-decide if one changes. */
  dependsOn?: string[];
}

export interface QuotaUsage {
  id: string;
  title: Title;
  scope: 'individuals' | 'collectives';
  pct: number;
  base: number;
  baseSource: 'option' | 'ldtt-in-campaign' | 'individuals-nominated' | 'collectives-participating';
  /** floor(pct × base / 100), at least `minimum`. */
  limit: number;
  minimum: number;
  candidates: number;
  confirmed: number;
  councilSeats: number;
  councilContenders: number;
  overQuota: number;
  citation: Citation;
  sentence: string;
}

/** A tie the Council decides (./ties.ts): the standings' or a quota line's, with the chain that failed. */
export interface CouncilTie {
  /** `standings:<rank>`, or the quota's id (`BANG_KHEN_TINH:individuals`). */
  id: string;
  kind: 'standings' | 'quota';
  rank: number | null;
  /** A quota tie: the seats left for the group; null for the standings. */
  seats: number | null;
  /** Units (standings) or nominations (quota), by the id the Council's vote names, with the name to print. */
  contenders: { id: string; unitId: string; name: string }[];
  /** The tie chain that could not separate them, in Vietnamese, in order. */
  chain: string[];
  citation: Citation;
  sentence: string;
}

/** An option whose rule is unverified [U] under the rule set in force, in force in this run. */
export interface UnverifiedOption {
  option: OptionKey;
  value: unknown;
  source: string;
  sentence: string;
}

export interface DecideNominationsInput {
  referenceDate: string;
  /** The assessment year (năm đánh giá): the year whose work is judged; the reference date chooses the law. */
  campaignYear: number;
  nominations: readonly NominationEntry[];
  /**
   * From the scoring core: rank 1 best; equal ranks are ties the chain could not separate. `unitName` and `total`
   * (hundredths) only name the unit and its score for the Council (not hashed: they decide nothing).
   */
  unitStandings: readonly { unitId: string; rank: number; tie?: unknown; unitName?: string; total?: number }[];
  /** The scoring table's tie-break chain after the total, named for the Council (not hashed: it does not decide). */
  tieBreak?: readonly string[];
  options: RuleOptions;
  usedInitiatives?: readonly string[];
}

export interface DecideResult {
  ruleSet: RuleSetId;
  engineVersion: string;
  /** sha256 (hex) of the canonical JSON of the inputs, order-insensitive collections sorted. */
  inputHash: string;
  referenceDate: string;
  campaignYear: number;
  legalBasis: string[];
  options: ResolvedRuleOptions;
  optionSources: Record<OptionKey, string>;
  decisions: Decision[];
  quotas: QuotaUsage[];
  /** The full citation of every rule applied, with its note (source, [U] caveat), by ruleId; checks omit the note. */
  rules: Record<string, Citation>;
  /** Which law decided and why: the reference date's, with the transition read (../rules/regime.ts). */
  regime: Regime;
  /** The unverified options in force (issue 11). */
  unverified: UnverifiedOption[];
  /** The ties left to the Council, with the chain that failed. */
  ties: CouncilTie[];
  /** The standings the quotas read, rank order, for the Council's reading (the proposal mail prints them). */
  standings: ProposalStanding[];
}

export interface ProposalStanding {
  unitId: string;
  unitName?: string;
  rank: number;
  /** Hundredths of a point, when the scoring core gave it. */
  total?: number;
  tie: boolean;
}
