import type { IndividualNominee } from '../../../schemas/nomination';
import * as R from '../../rules/common';
import { type DecideState, type Work, awardOf, cstdcsYears, finish, ignoreUpTo, registration } from '../state';

/** Chiến sĩ thi đua cấp tỉnh (Law 2022 Art 22): 03 consecutive CSTĐCS ending this year, and an unused initiative of province scope. */
export function decideCstdTinh(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const n = w.entry.nominee as IndividualNominee;
    registration(s, w);
    w.checks.push(R.disciplineRule(s.env, w.subject, n.discipline));
    const { years, from } = cstdcsYears(s, n, w);
    w.checks.push(R.cstdTinhChainRule(s.env, w.subject, years, from, ignoreUpTo(s, n.discipline)));
    const pool = R.initiativePool(s.env, n, s.ledger, 'province');
    const ini = R.cstdTinhInitiativeRule(s.env, w.subject, pool);
    w.checks.push(ini.check);
    if (ini.take.length > 0 || (!ini.check.passed && pool.used.length > 0)) w.checks.push(R.initiativeOnceRule(s.env, w.subject, ini.take, pool, (id) => awardOf(s, id)));
    w.take = ini.take;
    finish(s, w);
  }
}
