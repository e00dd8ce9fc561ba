import type { CollectiveNominee, TaskRating, Title } from '../../schemas/nomination';
import { type Env, atLeastGood, by, check } from './context';
import { RATING_LABEL, type Subject, awardPhrase, formatPct } from './labels';
import type { Citation, RuleCheck } from './types';

/** Collective titles: Tập thể lao động tiên tiến (Art 28), xuất sắc (Art 27), Cờ thi đua cấp tỉnh (Art 26). */

export function ttldttRatingRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.ttldttRating;
  const passed = atLeastGood(rating);
  return check(
    'ttldtt.rating',
    c,
    { taskRating: rating, required: 'HTTNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá ${RATING_LABEL[rating]}, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ được giao của danh hiệu “Tập thể lao động tiên tiến” ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành tốt nhiệm vụ để xét danh hiệu “Tập thể lao động tiên tiến” ${by(c)}.`,
  );
}

/** How many members are LĐTT this year, and where the numbers come from (see MemberTally in decide.ts). */
export interface LdttShare {
  total: number;
  ldtt: number;
  nominatedHere: number;
  ldttFromCampaign: number;
  deferredHere: number;
  notNominated: number;
  ldttNotNominated: number;
  notNominatedSource: 'declared' | 'ratings';
  inconsistent: boolean;
}

/** TTLĐTT (Art 28: ≥ 70% from 2024, > 50% before) and TTLĐXS (Art 27: ≥ 70%) member LĐTT share, integer arithmetic. */
export function ldttShareRule(ruleId: 'ttldtt.ldtt-share' | 'ttldxs.ldtt-share', c: Citation, s: Subject, share: LdttShare, threshold: { pct: number; inclusive: boolean }, title: Title): RuleCheck {
  const facts = { ...share, thresholdPct: threshold.pct, inclusive: threshold.inclusive };
  if (share.inconsistent) {
    return check(
      ruleId,
      c,
      facts,
      false,
      `Số thành viên của ${s.lower} được đề nghị trong đợt này (${share.nominatedHere}) lớn hơn tổng số thành viên khai báo (${share.total}); đề nghị đơn vị kiểm tra lại số liệu trước khi xét ${awardPhrase(title)}.`,
    );
  }
  const passed = threshold.inclusive ? share.ldtt * 100 >= threshold.pct * share.total : share.ldtt * 100 > threshold.pct * share.total;
  const bound = threshold.inclusive ? `ít nhất ${threshold.pct}%` : `trên ${threshold.pct}%`;
  return check(
    ruleId,
    c,
    facts,
    passed,
    `${s.upper} có ${share.ldtt}/${share.total} thành viên đạt danh hiệu “Lao động tiên tiến” (${formatPct(share.ldtt, share.total)}%), ${passed ? 'đạt' : 'chưa đạt'} tỷ lệ ${bound} để xét ${awardPhrase(title)} ${by(c)}.`,
  );
}

/** TTLĐTT (Art 28) and old TTLĐXS (old Art 27): no member disciplined at cảnh cáo or above. */
export function membersDisciplineRule(ruleId: 'ttldtt.discipline' | 'ttldxs.discipline', c: Citation, s: Subject, declared: number, fromCampaign: number, title: Title): RuleCheck {
  const n = Math.max(declared, fromCampaign);
  const passed = n === 0;
  return check(
    ruleId,
    c,
    { declaredCanhCaoOrAbove: declared, nominatedHereCanhCaoOrAbove: fromCampaign, counted: n },
    passed,
    passed
      ? `${s.upper} không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên ${by(c)}.`
      : `${s.upper} có ${n} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên nên không đủ tiêu chuẩn ${awardPhrase(title)} ${by(c)}.`,
  );
}

export function ttldxsRatingRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.ttldxsRating;
  const passed = rating === 'HTXSNV';
  return check(
    'ttldxs.rating',
    c,
    { taskRating: rating, required: 'HTXSNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá Hoàn thành xuất sắc nhiệm vụ, đạt tiêu chuẩn của danh hiệu “Tập thể lao động xuất sắc” ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành xuất sắc nhiệm vụ để xét danh hiệu “Tập thể lao động xuất sắc” ${by(c)}.`,
  );
}

/** Art 27 [V]: 100% of members hoàn thành nhiệm vụ (nobody rated KHTNV). */
export function ttldxsAllMembersRule(env: Env, s: Subject, total: number, declaredKhtnv: number, fromCampaign: number): RuleCheck {
  const c = env.rs.cite.ttldxsAllMembers;
  const n = Math.max(declaredKhtnv, fromCampaign);
  const passed = n === 0;
  return check(
    'ttldxs.all-members',
    c,
    { total, declaredKHTNV: declaredKhtnv, nominatedHereKHTNV: fromCampaign, counted: n },
    passed,
    passed
      ? `100% thành viên của ${s.lower} (${total}/${total}) hoàn thành nhiệm vụ được giao trở lên ${by(c)}.`
      : `${s.upper} có ${n}/${total} thành viên không hoàn thành nhiệm vụ, chưa đạt yêu cầu 100% thành viên hoàn thành nhiệm vụ ${by(c)}.`,
  );
}

/** Art 27 [V]: at least one member is CSTĐCS this year. */
export function ttldxsCstdcsRule(env: Env, s: Subject, declared: number, fromCampaign: number): RuleCheck {
  const c = env.rs.cite.ttldxsCstdcs;
  const n = declared + fromCampaign;
  const passed = n >= 1;
  return check(
    'ttldxs.cstdcs',
    c,
    { declaredNotNominated: declared, fromCampaign, counted: n, required: 1 },
    passed,
    passed
      ? `${s.upper} có ${n} thành viên đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm ${env.year} ${by(c)}.`
      : `${s.upper} không có thành viên đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm ${env.year} nên chưa đạt tiêu chuẩn danh hiệu “Tập thể lao động xuất sắc” ${by(c)}.`,
  );
}

/** Cờ thi đua tỉnh, Art 26 [V via Bắc Ninh Art 3.1]: outstanding (HTXSNV), leads its cụm/khối, exceeded all targets. */
export function coThiDuaRules(env: Env, s: Subject, n: CollectiveNominee): RuleCheck[] {
  const c = env.rs.cite;
  const rated = n.taskRating === 'HTXSNV';
  const led = n.ledCluster === true;
  const exceeded = n.exceededTargets === true;
  return [
    check(
      'co-thi-dua.rating',
      c.coRating,
      { taskRating: n.taskRating, required: 'HTXSNV' },
      rated,
      rated
        ? `${s.upper} được đánh giá Hoàn thành xuất sắc nhiệm vụ, là tập thể tiêu biểu xuất sắc ${by(c.coRating)}.`
        : `${s.upper} được đánh giá ${RATING_LABEL[n.taskRating]}, chưa đạt mức hoàn thành xuất sắc nhiệm vụ để xét Cờ thi đua ${by(c.coRating)}.`,
    ),
    check(
      'co-thi-dua.led-cluster',
      c.coLedCluster,
      { ledCluster: n.ledCluster ?? null },
      led,
      led
        ? `${s.upper} được suy tôn dẫn đầu Cụm, Khối thi đua năm ${env.year} ${by(c.coLedCluster)}.`
        : `${s.upper} không phải là tập thể dẫn đầu Cụm, Khối thi đua năm ${env.year} nên chưa đủ điều kiện xét Cờ thi đua ${by(c.coLedCluster)}.`,
    ),
    check(
      'co-thi-dua.exceeded-targets',
      c.coExceeded,
      { exceededTargets: n.exceededTargets ?? null },
      exceeded,
      exceeded
        ? `${s.upper} hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao năm ${env.year} ${by(c.coExceeded)}.`
        : `${s.upper} chưa hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao năm ${env.year} ${by(c.coExceeded)}.`,
    ),
  ];
}
