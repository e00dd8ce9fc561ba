import type { CollectiveNominee } from '../../../schemas/nomination';
import * as R from '../../rules/common';
import { type DecideState, type Work, finish, registration } from '../state';
import { shareOf, tallyOf } from '../tallies';

/**
 * Tập thể lao động xuất sắc (Law 2022 Art 27): HTXSNV, every member at least HTNV, at least 70% LĐTT, a member
 * CSTĐCS this year; under the old law also no member disciplined at cảnh cáo or above.
 */
export function decideTtldxs(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const c = w.entry.nominee as CollectiveNominee;
    const t = tallyOf(s, c.unitId);
    registration(s, w);
    w.checks.push(R.disciplineRule(s.env, w.subject, c.discipline), R.ttldxsRatingRule(s.env, w.subject, c.taskRating));
    w.checks.push(R.ttldxsAllMembersRule(s.env, w.subject, c.members.total, c.members.byRating.KHTNV, t.khtnv));
    const { share, by } = shareOf(s, c);
    // Art 27: at least 70% LĐTT, in both regimes (the old Art 27 had the same figure).
    w.checks.push(R.ldttShareRule('ttldxs.ldtt-share', s.rs.cite.ttldxsShare, w.subject, share, { pct: 70, inclusive: true }, 'TTLDXS'));
    w.checks.push(R.ttldxsCstdcsRule(s.env, w.subject, c.members.cstdcs ?? 0, t.cstdcs));
    if (s.rs.ttldxsDisciplineClause) {
      w.checks.push(R.membersDisciplineRule('ttldxs.discipline', s.rs.cite.ttldxsDiscipline, w.subject, c.disciplinedMembers.canhCao + c.disciplinedMembers.higher, t.canhCaoPlus, 'TTLDXS'));
    }
    w.dependsOn.push(...by, ...t.cstdcsBy);
    finish(s, w);
  }
}

/** The collectives still eligible for TTLĐXS after its quota: this year counts in their Bằng khen chain. */
export function noteTtldxs(s: DecideState, works: readonly Work[]): void {
  for (const w of works) if (w.decision.status === 'eligible' && !s.ttldxsThisYear.has(w.key)) s.ttldxsThisYear.set(w.key, w);
}
