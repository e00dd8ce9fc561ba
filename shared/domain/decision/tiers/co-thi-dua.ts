import type { CollectiveNominee } from '../../../schemas/nomination';
import * as R from '../../rules/common';
import { type DecideState, type Work, finish, registration } from '../state';

/** Cờ thi đua cấp tỉnh (Law 2022 Art 26, Bắc Ninh QĐ 86/2025 Art 3.1): HTXSNV, leads its cụm/khối, exceeded every target. */
export function decideCoThiDua(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const c = w.entry.nominee as CollectiveNominee;
    registration(s, w);
    w.checks.push(R.disciplineRule(s.env, w.subject, c.discipline), ...R.coThiDuaRules(s.env, w.subject, c));
    finish(s, w);
  }
}
