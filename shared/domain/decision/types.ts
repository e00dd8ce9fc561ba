import type { NominationEntry, RuleOptions, Title } from '../../schemas/nomination';
import type { AwardRecord, RecordCoverage } from '../../schemas/record';
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
  /**
   * Issue 13: the declared past titles this decision's rules read, each checked against the achievement records
   * (./claims.ts). Present only when the engine was given `records` and the decision reads past titles (CSTĐ tỉnh,
   * Bằng khen on `record` grounds); a contradicted claim was left out of the years the rules counted.
   */
  claims?: Claim[];
}

/**
 * `verified`: an `awarded` record of the subject holds the year and title. `contradicted`: a finalized campaign of the
 * agency decided that title for that year and no record of the subject holds it: the rules do not count it.
 * `declared`: the records can say nothing (the year or title is not covered, only a proposal up the line is recorded,
 * or the nominee's achievements are not the agency's to record): counted as the unit declared it.
 */
export type ClaimStatus = 'verified' | 'contradicted' | 'declared';

/** Why a claim stands as declared. */
export type DeclaredReason = 'not-covered' | 'proposed' | 'not-tracked';

/** The record a claim was checked against, as the Council reads it (the award's document and campaign). */
export type ClaimRecord = Pick<AwardRecord, 'outcome' | 'campaignId' | 'campaignTitle' | 'nominationId' | 'document'>;

export interface Claim {
  year: number;
  title: Title;
  status: ClaimStatus;
  /** Set on a `declared` claim. */
  reason?: DeclaredReason;
  /** For the minutes, in Vietnamese, citing the record or the campaign that contradicts it. */
  sentence: string;
  /** `verified`: the awarded record; `declared` for `proposed`: the agency's proposal. */
  record?: ClaimRecord;
  /** `contradicted`: the finalized campaign that decided the title for that year. */
  coverage?: RecordCoverage;
}

/**
 * The achievement records a campaign's claims are checked against (issue 13). Built by the use case from the agency's
 * records, the campaign being decided left out (its own results are not a past year's).
 */
export interface PastRecords {
  /**
   * The records of every nominee whose achievements the agency's records hold, by subject key (`subjectKeyOf` for a
   * nominee, `recordSubjectKey` for a record: "p:<person key>", "c:<unit id>"), an empty list for one with none. A
   * nominee left out (a nomination forwarded by another agency) is not the agency's to check: its claims stand as declared.
   */
  bySubject: Readonly<Record<string, readonly AwardRecord[]>>;
  /** The (year, title) pairs the agency's finalized campaigns decided on (RecordCoverage). */
  coverage: readonly RecordCoverage[];
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
  /** Issue 13: when given, declared past titles are checked against the records and each decision shows its claims. */
  records?: PastRecords;
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
