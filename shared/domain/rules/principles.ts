import type { Title } from '../../schemas/nomination';
import { type Env, by, check } from './context';
import { type Subject, awardPhrase } from './labels';
import type { RuleCheck } from './types';

/** Rules every nomination may meet whatever its title: registration (§1.4) and one award per achievement (Art 5.2.c). */

/** §1.4: without registration an emulation title is not considered ([U]: the campaign's option, off by default). */
export function registrationRule(env: Env, s: Subject, registered: boolean, title: Title): RuleCheck {
  const c = env.rs.cite.registration;
  return registered
    ? check('registration', c, { registered, required: true }, true, `${s.upper} đã đăng ký thi đua năm ${env.year}.`)
    : check(
        'registration',
        c,
        { registered, required: true },
        false,
        `${s.upper} không đăng ký thi đua năm ${env.year} nên không được xem xét ${awardPhrase(title)} theo quy định về đăng ký thi đua của phong trào.`,
      );
}

/** Law Art 5.2.c [V]: one achievement is commended once, by one form. */
export function oneAchievementRule(env: Env, s: Subject, other: { nominationId: string; title: Title }, pendingVote: boolean): RuleCheck {
  const c = env.rs.cite.oneAchievement;
  if (pendingVote) {
    return check(
      'achievement.once',
      c,
      { other: other.nominationId, otherTitle: other.title, otherPendingCouncilVote: true },
      true,
      `${s.upper} đồng thời được đề nghị ${awardPhrase(other.title)}, đang chờ Hội đồng bỏ phiếu lựa chọn; nếu được chọn thì không đồng thời khen thưởng hình thức này cho cùng thành tích ${by(c)}.`,
    );
  }
  return check(
    'achievement.once',
    c,
    { other: other.nominationId, otherTitle: other.title },
    false,
    `${s.upper} đã được đề nghị ${awardPhrase(other.title)} cho cùng thành tích trong đợt này; không khen thưởng nhiều lần, nhiều hình thức cho một thành tích ${by(c)}.`,
  );
}
