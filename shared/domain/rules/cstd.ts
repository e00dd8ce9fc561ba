import type { IndividualNominee, Initiative } from '../../schemas/nomination';
import { chainLength, yearsText } from './chain';
import { type Env, by, check } from './context';
import type { InitiativePool } from './initiatives';
import { RATING_LABEL, type Subject, initiativePhrase } from './labels';
import type { RuleCheck } from './types';

/** Chiến sĩ thi đua: cơ sở (Art 23) and cấp tỉnh (Art 22). */

/** Art 23.1: a CSTĐCS nominee must meet LĐTT this year. */
export function cstdcsLdttRule(env: Env, s: Subject, ldtt: RuleCheck[]): RuleCheck {
  const c = env.rs.cite.cstdcsLdtt;
  const failed = ldtt.filter((x) => !x.passed).map((x) => x.ruleId);
  const passed = failed.length === 0;
  return check(
    'cstdcs.ldtt',
    c,
    { ldttRules: ldtt.map((x) => x.ruleId), failed },
    passed,
    passed
      ? `${s.upper} đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” năm ${env.year}, là điều kiện để xét danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`
      : `${s.upper} chưa đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” năm ${env.year} nên không đủ điều kiện xét danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`,
  );
}

/**
 * Art 23.2 (2024+): HTXSNV, or an initiative recognised by the unit, or an accepted research topic. Old regime
 * (NĐ 91/2017 Art 9.3.b, old Art 23): an initiative or research topic is required; HTXSNV alone is not enough.
 * HTXSNV is preferred when it suffices, so no initiative is spent.
 */
export function cstdcsBasisRule(env: Env, s: Subject, n: IndividualNominee, pool: InitiativePool): { check: RuleCheck; take: Initiative[] } {
  const c = env.rs.cite.cstdcsBasis;
  const requiresInitiative = env.rs.cstdcsRequiresInitiative;
  const facts = { taskRating: n.taskRating, initiativeRequired: requiresInitiative, usable: pool.usable.map((i) => i.id), alreadyUsed: pool.used.map((u) => u.initiative.id) };
  if (!requiresInitiative && n.taskRating === 'HTXSNV') {
    return {
      check: check('cstdcs.basis', c, { ...facts, basis: 'HTXSNV' }, true, `${s.upper} được đánh giá Hoàn thành xuất sắc nhiệm vụ, đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`),
      take: [],
    };
  }
  const first = pool.usable[0];
  if (first) {
    return {
      check: check('cstdcs.basis', c, { ...facts, basis: first.id }, true, `${s.upper} có ${initiativePhrase(first)}, đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`),
      take: [first],
    };
  }
  const sentence = requiresInitiative
    ? `${s.upper} không có sáng kiến được cơ sở công nhận hoặc đề tài nghiên cứu khoa học đã nghiệm thu, áp dụng (chưa dùng làm căn cứ khen thưởng) nên chưa đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`
    : `${s.upper} được đánh giá ${RATING_LABEL[n.taskRating]}, không có sáng kiến hoặc đề tài khoa học được công nhận (chưa dùng làm căn cứ khen thưởng) nên chưa đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`;
  return { check: check('cstdcs.basis', c, { ...facts, basis: null }, false, sentence), take: [] };
}

/** Art 22 [V]: selected among those with 03 consecutive CSTĐCS, the last one this year. */
export function cstdTinhChainRule(env: Env, s: Subject, years: ReadonlySet<number>, currentFrom: string | null, ignoreUpTo?: number): RuleCheck {
  const c = env.rs.cite.cstdTinhChain;
  const n = chainLength(years, env.year, ignoreUpTo);
  const passed = n >= 3;
  const facts = { cstdcsYears: [...years].sort((a, b) => a - b), chain: n, required: 3, endsAt: env.year, currentYearFrom: currentFrom, ignoredUpToYear: ignoreUpTo ?? null };
  const ignored = ignoreUpTo === undefined ? '' : ` (thành tích đến năm ${ignoreUpTo}, trước khi chấp hành xong kỷ luật, không được tính)`;
  return check(
    'cstd-tinh.chain',
    c,
    facts,
    passed,
    passed
      ? `${s.upper} có ${n} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (các năm ${yearsText(env.year, n)}), đạt tiêu chuẩn ${by(c)}.`
      : `${s.upper} có ${n} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” tính đến năm ${env.year}${ignored}, chưa đủ 03 lần liên tục ${by(c)}.`,
  );
}

/** Art 22 [V]: an initiative or research topic with province-wide effect, recognised at province level or above. */
export function cstdTinhInitiativeRule(env: Env, s: Subject, pool: InitiativePool): { check: RuleCheck; take: Initiative[] } {
  const c = env.rs.cite.cstdTinhInitiative;
  const first = pool.usable[0];
  const facts = { usable: pool.usable.map((i) => i.id), alreadyUsed: pool.used.map((u) => u.initiative.id), minLevel: 'province' };
  if (first) {
    return { check: check('cstd-tinh.initiative', c, { ...facts, basis: first.id }, true, `${s.upper} có ${initiativePhrase(first)}, có phạm vi ảnh hưởng cấp tỉnh ${by(c)}.`), take: [first] };
  }
  return {
    check: check(
      'cstd-tinh.initiative',
      c,
      { ...facts, basis: null },
      false,
      `${s.upper} không có sáng kiến hoặc đề tài khoa học có phạm vi ảnh hưởng cấp tỉnh được công nhận (chưa dùng làm căn cứ khen thưởng) ${by(c)}.`,
    ),
    take: [],
  };
}
