/**
 * The rule functions shared by the three rule sets, one module per subject. Each rule is pure: it reads facts and
 * returns one RuleCheck with the rule set's citation and a sentence a clerk can paste into the minutes. What differs
 * between rule sets is data (citations, thresholds, flags) in vn-2017.ts, vn-2024.ts and vn-2025.ts.
 *
 * This module only gathers them, so that `import * as R from './rules/common'` and the importers of the labels keep
 * one address.
 */

export { completeMonths, dayAfter, yearOf } from '../calendar';
export * from './chain';
export * from './collectives';
export * from './commendations';
export * from './context';
export * from './cstd';
export * from './discipline';
export * from './initiatives';
export * from './labels';
export * from './ldtt';
export * from './principles';
