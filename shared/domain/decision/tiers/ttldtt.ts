import type { CollectiveNominee } from '../../../schemas/nomination';
import * as R from '../../rules/common';
import { type DecideState, type Work, finish, registration } from '../state';
import { shareOf, tallyOf } from '../tallies';

/** Tập thể lao động tiên tiến (Law 2022 Art 28; old law: more than 50%): rating, members' LĐTT share, no member at cảnh cáo or above. */
export function decideTtldtt(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const c = w.entry.nominee as CollectiveNominee;
    const t = tallyOf(s, c.unitId);
    registration(s, w);
    w.checks.push(R.disciplineRule(s.env, w.subject, c.discipline), R.ttldttRatingRule(s.env, w.subject, c.taskRating));
    const { share, by } = shareOf(s, c);
    w.checks.push(R.ldttShareRule('ttldtt.ldtt-share', s.rs.cite.ttldttShare, w.subject, share, s.opt.ttldttLdttShare, 'TTLDTT'));
    w.checks.push(R.membersDisciplineRule('ttldtt.discipline', s.rs.cite.ttldttDiscipline, w.subject, c.disciplinedMembers.canhCao + c.disciplinedMembers.higher, t.canhCaoPlus, 'TTLDTT'));
    w.dependsOn.push(...by);
    finish(s, w);
  }
}
