import type { RuleOptions } from '../../schemas/nomination';
import { DomainError } from '../errors';
import type { OptionKey, ResolvedRuleOptions, RuleSet, RuleSetId } from './types';
import { vn2017 } from './vn-2017';
import { vn2024 } from './vn-2024';
import { vn2025 } from './vn-2025';

export type { Citation, ResolvedRuleOptions, RuleCheck, RuleSet, RuleSetId } from './types';
export { citeText } from './documents';

export const ruleSets: Readonly<Record<RuleSetId, RuleSet>> = { 'vn-2017': vn2017, 'vn-2024': vn2024, 'vn-2025': vn2025 };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function assertIsoDate(date: string): void {
  const m = ISO_DATE.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
    throw new DomainError('invalid', `referenceDate must be a real date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
}

/**
 * The rule set in force on a reference date (domain-rules §0): until 31/12/2023 `vn-2017`, 01/01/2024–30/06/2025
 * `vn-2024` (Luật 06/2022/QH15 and NĐ 98/2023 in force 01/01/2024), from 01/07/2025 `vn-2025` (NĐ 152/2025 Art 59).
 * ISO dates compare as strings.
 */
export function ruleSetFor(referenceDate: string): RuleSet {
  assertIsoDate(referenceDate);
  if (referenceDate < '2024-01-01') return vn2017;
  if (referenceDate < '2025-07-01') return vn2024;
  return vn2025;
}

/** The campaign's options over the rule set's defaults, with where each value came from. */
export function resolveOptions(ruleSet: RuleSet, options: RuleOptions): { values: ResolvedRuleOptions; sources: Record<OptionKey, string> } {
  const values: ResolvedRuleOptions = { ...ruleSet.defaults };
  const sources = { ...ruleSet.defaultSources };
  const set = <K extends OptionKey>(key: K, value: ResolvedRuleOptions[K] | undefined) => {
    if (value === undefined) return;
    values[key] = value;
    sources[key] = 'Cấu hình của phong trào thi đua (RuleOptions).';
  };
  set('registrationRequired', options.registrationRequired);
  set('cstdcsCapPct', options.cstdcsCapPct);
  set('ldttCountForCap', options.ldttCountForCap);
  set('ttldttLdttShare', options.ttldttLdttShare);
  set('ldttMinTenureMonths', options.ldttMinTenureMonths);
  set('ldttExcludesKhienTrach', options.ldttExcludesKhienTrach);
  set('disciplinePrinciple', options.disciplinePrinciple);
  set('bangKhenCstdcsRoute', options.bangKhenCstdcsRoute);
  set('quotas', options.quotas);
  return { values, sources };
}
