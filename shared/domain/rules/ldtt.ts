import type { Discipline, IndividualNominee, TaskRating } from '../../schemas/nomination';
import { completeMonths } from '../calendar';
import { formatShortDate } from '../vn-date';
import { type Env, atLeastGood, by, check } from './context';
import { DISCIPLINE_LABEL, RATING_LABEL, type Subject } from './labels';
import type { RuleCheck } from './types';

/** Lao động tiên tiến (Law 2022 Art 24, its decree and circular): the base every individual title builds on. */

/** NĐ 91/2017 [S], vn-2017 default: no LĐTT for anyone disciplined at khiển trách or above during the year. */
export function khienTrachRule(env: Env, s: Subject, d: Discipline): RuleCheck {
  const c = env.rs.cite.ldttKhienTrach;
  // Only a served discipline has an endedOn (Discipline schema).
  const inYear = d.status === 'in-effect' || (d.endedOn ?? '') >= env.periodStart;
  const facts = { status: d.status, level: d.level ?? null, endedOn: d.endedOn ?? null, disciplinedInYear: inYear };
  return inYear
    ? check(
        'ldtt.khien-trach',
        c,
        facts,
        false,
        `${s.upper} bị kỷ luật hình thức ${d.level ? DISCIPLINE_LABEL[d.level] : 'kỷ luật'} trong năm ${env.year} nên không được xét tặng danh hiệu “Lao động tiên tiến” ${by(c)}.`,
      )
    : check('ldtt.khien-trach', c, facts, true, `${s.upper} không bị kỷ luật từ hình thức khiển trách trở lên trong năm ${env.year}.`);
}

/** Law 2022 Art 24.1.a [V] (old law Art 24): hoàn thành tốt nhiệm vụ trở lên. */
export function ldttRatingRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.ldttRating;
  const passed = atLeastGood(rating);
  return check(
    'ldtt.rating',
    c,
    { taskRating: rating, required: 'HTTNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá ${RATING_LABEL[rating]}, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ trở lên của danh hiệu “Lao động tiên tiến” ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành tốt nhiệm vụ trở lên để xét danh hiệu “Lao động tiên tiến” ${by(c)}.`,
  );
}

/** TT 01/2024 [S]: not for people hired < 06 months (NĐ 91/2017: 10). Months counted to the end of the assessment year. */
export function ldttTenureRule(env: Env, s: Subject, hireDate: string): RuleCheck {
  const c = env.rs.cite.ldttTenure;
  const months = completeMonths(hireDate, env.nextYearStart);
  const min = env.opt.ldttMinTenureMonths;
  const passed = months >= min;
  const hired = formatShortDate(hireDate);
  const facts = { hireDate, periodEnd: `${env.year}-12-31`, months, minMonths: min };
  if (passed) {
    const span = months >= 12 ? 'có từ 12 tháng công tác trở lên' : `có ${months} tháng công tác`;
    return check(
      'ldtt.tenure',
      c,
      facts,
      true,
      `${s.upper} được tuyển dụng ngày ${hired}, ${span} tính đến hết năm ${env.year}, đủ thời gian tối thiểu ${min} tháng để xét danh hiệu “Lao động tiên tiến” ${by(c)}.`,
    );
  }
  return check(
    'ldtt.tenure',
    c,
    facts,
    false,
    `${s.upper} được tuyển dụng ngày ${hired}, mới có ${months} tháng công tác tính đến hết năm ${env.year}, chưa đủ ${min} tháng nên chưa được xét danh hiệu “Lao động tiên tiến” ${by(c)}.`,
  );
}

/** The LĐTT criteria of an individual this year (Art 24 and its decree), used by LĐTT and by CSTĐCS (Art 23.1). */
export function ldttCriteria(env: Env, s: Subject, n: IndividualNominee): RuleCheck[] {
  const out = [ldttRatingRule(env, s, n.taskRating), ldttTenureRule(env, s, n.hireDate)];
  if (env.opt.ldttExcludesKhienTrach) out.push(khienTrachRule(env, s, n.discipline));
  return out;
}
