import type { Initiative, TaskRating } from '../../schemas/nomination';
import { chainLength, yearsText } from './chain';
import { type Env, atLeastGood, by, check, cmp } from './context';
import type { InitiativePool } from './initiatives';
import { RATING_LABEL, type Subject } from './labels';
import type { RuleCheck } from './types';

/** Forms of commendation: Giấy khen (Law Art 75) and Bằng khen of the provincial Chairman (Law Art 74). */

/** Law Art 75 [V via Bắc Ninh Art 4.3]: Giấy khen needs hoàn thành tốt nhiệm vụ (individual and collective). */
export function giayKhenRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.giayKhen;
  const passed = atLeastGood(rating);
  return check(
    'giay-khen.rating',
    c,
    { taskRating: rating, required: 'HTTNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá ${RATING_LABEL[rating]}, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ để xét tặng Giấy khen ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành tốt nhiệm vụ để xét tặng Giấy khen ${by(c)}.`,
  );
}

/**
 * Law Art 74 [V via Bắc Ninh Art 3.3], individual, `record` grounds: 02 consecutive CSTĐCS (ending this year; an
 * option, bangKhenCstdcsRoute, off under vn-2017), or HTXSNV this year and last with 02 initiatives recognised in those
 * two years. The CSTĐCS route spends nothing.
 */
export function bangKhenIndividualRecordRule(
  env: Env,
  s: Subject,
  cstdcsYears: ReadonlySet<number>,
  htxsYears: ReadonlySet<number>,
  pool: InitiativePool,
  ignoreUpTo?: number,
): { check: RuleCheck; take: Initiative[] } {
  const c = env.rs.cite.bangKhenRecord;
  const chainA = chainLength(cstdcsYears, env.year, ignoreUpTo);
  const chainB = chainLength(htxsYears, env.year, ignoreUpTo);
  const facts = {
    cstdcsChain: chainA,
    htxsnvChain: chainB,
    required: 2,
    usableInitiatives: pool.usable.map((i) => i.id),
    alreadyUsed: pool.used.map((u) => u.initiative.id),
    ignoredUpToYear: ignoreUpTo ?? null,
  };
  // The CSTĐCS route is the 2022 law's (Art 74); under vn-2017 it applies only when the campaign turns it on (issue 11).
  const routeA = env.opt.bangKhenCstdcsRoute;
  if (routeA && chainA >= 2) {
    const ca = env.rs.cite.bangKhenCstdcsChain;
    return {
      check: check(
        'bang-khen.record',
        ca,
        { ...facts, route: 'cstdcs-chain' },
        true,
        `${s.upper} có ${chainA} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (các năm ${yearsText(env.year, chainA)}), đạt tiêu chuẩn Bằng khen ${by(ca)}.`,
      ),
      take: [],
    };
  }
  if (chainB >= 2 && pool.usable.length >= 2) {
    // The two the pool spends first (the assessment year's first), listed in the order they were recognised.
    const take = pool.usable.slice(0, 2).sort((a, b) => cmp(a.recognisedOn, b.recognisedOn) || cmp(a.id, b.id));
    return {
      check: check(
        'bang-khen.record',
        c,
        { ...facts, route: 'htxsnv-and-initiatives', basis: take.map((i) => i.id) },
        true,
        `${s.upper} có ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ (các năm ${yearsText(env.year, chainB)}), trong thời gian đó có 02 sáng kiến, đề tài được công nhận, đạt tiêu chuẩn Bằng khen ${by(c)}.`,
      ),
      take,
    };
  }
  const why =
    chainB >= 2
      ? `có ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ nhưng chỉ có ${pool.usable.length} sáng kiến, đề tài được công nhận trong thời gian đó và chưa dùng làm căn cứ khen thưởng (cần 02)`
      : routeA
        ? `có ${chainA} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” và ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ tính đến năm ${env.year}`
        : `có ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ tính đến năm ${env.year}`;
  const wanted = routeA ? '02 lần liên tục Chiến sĩ thi đua cơ sở, hoặc 02 năm liên tục hoàn thành xuất sắc nhiệm vụ có 02 sáng kiến' : '02 năm liên tục hoàn thành xuất sắc nhiệm vụ có 02 sáng kiến';
  return {
    check: check('bang-khen.record', c, { ...facts, route: null, cstdcsRoute: routeA }, false, `${s.upper} ${why}, chưa đạt tiêu chuẩn Bằng khen (${wanted}) ${by(c)}.`),
    take: [],
  };
}

/** Law Art 74 [V via Bắc Ninh Art 3.3], collective, `record` grounds: 02 consecutive years of HTXSNV or TTLĐXS. */
export function bangKhenCollectiveRecordRule(env: Env, s: Subject, years: ReadonlySet<number>, ignoreUpTo?: number): RuleCheck {
  const c = env.rs.cite.bangKhenRecord;
  const n = chainLength(years, env.year, ignoreUpTo);
  const passed = n >= 2;
  return check(
    'bang-khen.record',
    c,
    { years: [...years].sort((a, b) => a - b), chain: n, required: 2, ignoredUpToYear: ignoreUpTo ?? null },
    passed,
    passed
      ? `${s.upper} có ${n} năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động xuất sắc” (các năm ${yearsText(env.year, n)}), đạt tiêu chuẩn Bằng khen ${by(c)}.`
      : `${s.upper} có ${n} năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động xuất sắc” tính đến năm ${env.year}, chưa đủ 02 năm liên tục để xét Bằng khen ${by(c)}.`,
  );
}

/** Law Art 74, first route: outstanding in the province-launched movement; the unit must be ranked in this campaign. */
export function bangKhenMovementRule(env: Env, s: Subject, unitId: string, rank: number | undefined): RuleCheck {
  const c = env.rs.cite.bangKhenMovement;
  return rank !== undefined
    ? check('bang-khen.movement', c, { unitId, rank }, true, `${s.upper} có thành tích trong phong trào thi đua; đơn vị xếp hạng thứ ${rank} trong kết quả chấm điểm của phong trào ${by(c)}.`)
    : check(
        'bang-khen.movement',
        c,
        { unitId, rank: null },
        false,
        `Đơn vị của ${s.lower} không có trong kết quả xếp hạng của phong trào thi đua nên chưa có căn cứ đề nghị Bằng khen về thành tích trong phong trào ${by(c)}.`,
      );
}
