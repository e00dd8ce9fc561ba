import type { Discipline } from '../../schemas/nomination';
import { completeMonths, dayAfter } from '../calendar';
import { formatShortDate } from '../vn-date';
import { type Env, by, check } from './context';
import { citeText } from './documents';
import { DISCIPLINE_LABEL, type Subject } from './labels';
import type { RuleCheck } from './types';

/** The nominee's own discipline (NĐ 152/2025 Art 4.4 and its predecessors): defer, refuse, or count from its end. */

/** The day from which achievements count after a served discipline (NĐ 152/2025 Art 4.4), if it falls after 01/01. */
export function countsFrom(env: Env, d: Discipline): string | undefined {
  if (!env.opt.disciplinePrinciple) return undefined;
  // The schema (Discipline) gives endedOn exactly when the discipline is served.
  return d.endedOn ? dayAfter(d.endedOn) : undefined;
}

/**
 * NĐ 152/2025 Art 4.4 (and its predecessors): pending → defer; in effect → nothing counts yet; served → achievements
 * count from the day after it ended. When that day falls inside the assessment year, the part of the year after it
 * must reach the same minimum as a new hire's tenure (ldttMinTenureMonths): the law sets no other length for a
 * year's achievement, and the title of a year needs that much of the year.
 */
export function disciplineRule(env: Env, s: Subject, d: Discipline): RuleCheck {
  const c = env.rs.cite;
  if (d.status !== 'none' && !env.opt.disciplinePrinciple) return principleNotApplied(env, s, d);
  switch (d.status) {
    case 'none':
      return check('discipline', c.disciplinePending, { status: 'none' }, true, `${s.upper} không trong thời gian xem xét kỷ luật hoặc thi hành kỷ luật.`);
    case 'pending':
      return {
        ...check(
          'discipline.pending',
          c.disciplinePending,
          { status: 'pending', level: d.level ?? null },
          false,
          `${s.upper} đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư; chưa xét khen thưởng ${by(c.disciplinePending)}.`,
        ),
        outcome: 'defer',
      };
    case 'in-effect':
      return check(
        'discipline.in-effect',
        c.disciplineInEffect,
        { status: 'in-effect', level: d.level ?? null },
        false,
        `${s.upper} đang trong thời gian thi hành kỷ luật (hình thức ${d.level ? DISCIPLINE_LABEL[d.level] : 'kỷ luật'}); thành tích chỉ được tính từ khi chấp hành xong kỷ luật ${by(c.disciplineInEffect)}.`,
      );
    case 'served': {
      const from = countsFrom(env, d) as string;
      const level = d.level ? DISCIPLINE_LABEL[d.level] : 'kỷ luật';
      const ended = formatShortDate(d.endedOn as string);
      if (from <= env.periodStart) {
        return check(
          'discipline.served',
          c.disciplineServed,
          { status: 'served', level: d.level ?? null, endedOn: d.endedOn, countsFrom: from, wholeYearCounts: true },
          true,
          `${s.upper} đã chấp hành xong kỷ luật (hình thức ${level}) ngày ${ended}; thành tích năm ${env.year} được tính đầy đủ ${by(c.disciplineServed)}.`,
        );
      }
      const months = completeMonths(from, env.nextYearStart);
      const min = env.opt.ldttMinTenureMonths;
      const passed = months >= min;
      return check(
        'discipline.served',
        c.disciplineServed,
        { status: 'served', level: d.level ?? null, endedOn: d.endedOn, countsFrom: from, monthsCounted: months, minMonths: min },
        passed,
        `${s.upper} chấp hành xong kỷ luật (hình thức ${level}) ngày ${ended}; thành tích được tính từ ngày ${formatShortDate(from)}, được ${months} tháng trong năm ${env.year}, ${passed ? 'đủ' : 'chưa đủ'} thời gian tối thiểu ${min} tháng để xét thành tích của năm ${by(c.disciplineServed)}.`,
      );
    }
  }
}

/**
 * The principle is the campaign's option where its source is unverified (vn-2017, vn-2024; issue 11): when it is off
 * the nominee's discipline decides nothing here, and the sentence says so, so the Council sees the fact and the choice.
 */
function principleNotApplied(env: Env, s: Subject, d: Discipline): RuleCheck {
  const c = env.rs.cite.disciplinePending;
  const level = d.level ? ` (hình thức ${DISCIPLINE_LABEL[d.level]})` : '';
  const fact =
    d.status === 'pending'
      ? `${s.upper} đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư`
      : d.status === 'in-effect'
        ? `${s.upper} đang trong thời gian thi hành kỷ luật${level}`
        : `${s.upper} chấp hành xong kỷ luật${level} ngày ${formatShortDate(d.endedOn as string)}`;
  return check(
    'discipline.not-applied',
    c,
    { status: d.status, level: d.level ?? null, endedOn: d.endedOn ?? null, option: 'disciplinePrinciple', applied: false },
    true,
    `${fact}; nguyên tắc chưa khen thưởng khi đang xem xét kỷ luật và chỉ tính thành tích từ khi chấp hành xong kỷ luật chưa được đối chiếu trong ${citeText(c)} và phong trào không áp dụng (tùy chọn disciplinePrinciple), nên không dùng để xét hồ sơ này; đề nghị Hội đồng lưu ý.`,
  );
}
