import * as R from '../../rules/common';
import { type DecideState, type Work, finish } from '../state';

/**
 * Giấy khen (Law 2022 Art 75, Bắc Ninh QĐ 86/2025 Art 4.3): hoàn thành tốt nhiệm vụ; yields to a Bằng khen of the
 * same nominee for the same achievement (Art 5.2.c), or waits on it while the council chooses.
 */
export function decideGiayKhen(s: DecideState, works: readonly Work[]): void {
  for (const w of works) {
    const n = w.entry.nominee;
    w.checks.push(R.disciplineRule(s.env, w.subject, n.discipline), R.giayKhenRule(s.env, w.subject, n.taskRating));
    const higher = s.bangKhenOf.get(w.key);
    if (higher) {
      const pending = higher.decision.needsCouncilVote === true;
      w.checks.push(R.oneAchievementRule(s.env, w.subject, { nominationId: higher.entry.id, title: higher.entry.title }, pending));
      if (pending) w.dependsOn.push(higher.entry.id);
    }
    finish(s, w);
  }
}
