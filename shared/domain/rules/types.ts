import type { QuotaRule, QuotaTitle, RuleSetId, Title } from '../../schemas/nomination';

export type { RuleSetId };

/**
 * Where a rule comes from. `confidence` carries the tag of the research notes (domain-rules.md): V = seen verbatim,
 * S = secondary source, U = unverified. An `article` is left out rather than guessed when the notes do not give it.
 */
export interface Citation {
  document: string;
  article?: string;
  clause?: string;
  point?: string;
  confidence: 'V' | 'S' | 'U';
  note?: string;
}

/** One rule applied to one nomination: what it read, whether it held, and a sentence for the minutes. */
export interface RuleCheck {
  ruleId: string;
  citation: Citation;
  facts: Record<string, unknown>;
  passed: boolean;
  sentence: string;
  /**
   * Set on a check that neither refuses nor grants: `defer` = postpone (discipline pending, NĐ 152/2025 Art 4.4);
   * `council-vote` = a quota line falls inside a group the tie chain cannot separate. `passed` is then false.
   */
  outcome?: 'defer' | 'council-vote';
}

export interface ResolvedRuleOptions {
  registrationRequired: boolean;
  cstdcsCapPct: number | null;
  ldttCountForCap?: number;
  ttldttLdttShare: { pct: number; inclusive: boolean };
  ldttMinTenureMonths: number;
  ldttExcludesKhienTrach: boolean;
  /** The principle of NĐ 152/2025 Art 4.4 (defer while pending, nothing counts in effect, count from the end of a served one). */
  disciplinePrinciple: boolean;
  /** The Bằng khen route of 02 consecutive CSTĐCS (Law 2022 Art 74). */
  bangKhenCstdcsRoute: boolean;
  quotas: Partial<Record<QuotaTitle, QuotaRule>>;
}

export type OptionKey = keyof ResolvedRuleOptions;

/** The citations a rule set gives its rules. Shared rule functions read them; a rule set without a rule leaves it out. */
export interface RuleCitations {
  registration: Citation;
  disciplinePending: Citation;
  disciplineInEffect: Citation;
  disciplineServed: Citation;
  ldttRating: Citation;
  ldttTenure: Citation;
  ldttKhienTrach: Citation;
  cstdcsLdtt: Citation;
  cstdcsBasis: Citation;
  cstdcsCap: Citation;
  cstdTinhChain: Citation;
  cstdTinhInitiative: Citation;
  ttldttRating: Citation;
  ttldttShare: Citation;
  ttldttDiscipline: Citation;
  ttldxsRating: Citation;
  ttldxsAllMembers: Citation;
  ttldxsShare: Citation;
  ttldxsCstdcs: Citation;
  ttldxsDiscipline: Citation;
  coRating: Citation;
  coLedCluster: Citation;
  coExceeded: Citation;
  giayKhen: Citation;
  bangKhenRecord: Citation;
  /** The route of 02 consecutive CSTĐCS (Law 2022 Art 74); under vn-2017 the campaign's option. */
  bangKhenCstdcsChain: Citation;
  bangKhenMovement: Citation;
  initiativeOnce: Citation;
  oneAchievement: Citation;
  womenPreference: Citation;
}

export interface CouncilRules {
  /** Approval in % of all members, per title; null = simple majority (more than half of all members). */
  thresholds: Record<Title, number | null>;
  citation: Citation;
  majorityCitation: Citation;
  quorumCitation: Citation;
}

export interface RuleSet {
  id: RuleSetId;
  /** The legal basis in force, for the proposal's header. */
  legalBasis: string[];
  /** Inclusive bounds of the reference dates it governs (domain-rules §0). */
  from?: string;
  to?: string;
  defaults: ResolvedRuleOptions;
  /** Where each default comes from, stated in the output next to the value used. */
  defaultSources: Record<OptionKey, string>;
  cite: RuleCitations;
  /** Old Art 23 / NĐ 91/2017 Art 9.3: CSTĐCS needs an initiative or research topic; HTXSNV alone is not enough. */
  cstdcsRequiresInitiative: boolean;
  /** Old Law Art 27 had an explicit "no member disciplined at cảnh cáo or above" clause for TTLĐXS. */
  ttldxsDisciplineClause: boolean;
  /** NĐ 152/2025 Art 4.6: prefer women / collectives with ≥ 70% women among equally qualified candidates. */
  womenTiePreference: boolean;
  council: CouncilRules;
  /**
   * The options whose rule the notes mark [U] under this rule set (or [S] with no article): the proposal lists those
   * in force (a boolean on, any other value used), so the Council knows which unverified rules took part in a decision.
   */
  unverifiedOptions: readonly OptionKey[];
}
