import type { TaskRating } from '../../schemas/nomination';
import { citeText } from './documents';
import type { Citation, ResolvedRuleOptions, RuleCheck, RuleSet } from './types';

/** What every rule reads besides the nominee: the rule set, the resolved options and the assessment year. */
export interface Env {
  rs: RuleSet;
  opt: ResolvedRuleOptions;
  year: number;
  /** 01/01 of the assessment year. */
  periodStart: string;
  /** 01/01 of the following year: the assessment period ends the day before. */
  nextYearStart: string;
}

export function makeEnv(rs: RuleSet, opt: ResolvedRuleOptions, year: number): Env {
  return { rs, opt, year, periodStart: `${year}-01-01`, nextYearStart: `${year + 1}-01-01` };
}

/** One RuleCheck; `outcome` (defer, council vote) is added by the few rules that neither refuse nor grant. */
export function check(ruleId: string, citation: Citation, facts: Record<string, unknown>, passed: boolean, sentence: string): RuleCheck {
  return { ruleId, citation, facts, passed, sentence };
}

/** "theo điểm a khoản 1 Điều 24 Luật …": the tail of every sentence. */
export const by = (c: Citation) => `theo ${citeText(c)}`;

/** Hoàn thành tốt nhiệm vụ or better: the gate of LĐTT, TTLĐTT and Giấy khen. */
export const atLeastGood = (r: TaskRating) => r === 'HTXSNV' || r === 'HTTNV';

/** Code-unit order of strings: the same on every machine (localeCompare is not). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const capitalise = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
