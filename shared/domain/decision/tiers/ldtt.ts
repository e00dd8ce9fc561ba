import type { IndividualNominee } from '../../../schemas/nomination';
import * as R from '../../rules/common';
import type { RuleCheck } from '../../rules/types';
import { type DecideState, type Work, finish, personOf, registration } from '../state';

/** Lao động tiên tiến (Law 2022 Art 24): registration, the nominee's discipline, then the LĐTT criteria. */
export function decideLdtt(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const n = w.entry.nominee as IndividualNominee;
    registration(s, w);
    w.checks.push(R.disciplineRule(s.env, w.subject, n.discipline));
    const ldtt = R.ldttCriteria(s.env, w.subject, n);
    w.checks.push(...ldtt);
    finish(s, w);
    noteLdtt(s, w, n, ldttOutcome(w.checks, new Set(ldtt.map((c) => c.ruleId))));
  }
}

/** The LĐTT outcome of a nomination's checks: the LĐTT criteria, registration and discipline, nothing else. */
export function ldttOutcome(checks: readonly RuleCheck[], ldttIds: ReadonlySet<string>): 'met' | 'deferred' | 'not-met' {
  const relevant = checks.filter((c) => ldttIds.has(c.ruleId) || c.ruleId === 'registration' || c.ruleId.startsWith('discipline'));
  if (relevant.some((c) => !c.passed && c.outcome === undefined)) return 'not-met';
  return relevant.some((c) => c.outcome === 'defer') ? 'deferred' : 'met';
}

/** Keeps the person's best LĐTT outcome (met over deferred over not met): the collectives' tallies count it. */
export function noteLdtt(s: DecideState, w: Work, n: IndividualNominee, outcome: 'met' | 'deferred' | 'not-met'): void {
  const p = personOf(s, n);
  const rankOf = { met: 2, deferred: 1, 'not-met': 0 } as const;
  if (!p.ldtt || rankOf[outcome] > rankOf[p.ldtt.status]) p.ldtt = { status: outcome, by: w.entry.id };
}
