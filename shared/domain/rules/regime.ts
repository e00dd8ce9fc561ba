import { formatShortDate } from '../vn-date';
import { DOC, cite, citeText } from './documents';
import type { Citation, RuleSet } from './types';

/**
 * Which law decides a review (issue 11): the year whose work is judged (năm đánh giá) and the date whose law applies
 * (ngày xét) are different things; most year-end reviews are decided in the following January.
 *
 * - The reference date chooses the rule set (ruleSetFor). Law 06/2022/QH15 Art 94 [V: vi.wikisource.org, Chương VIII]:
 *   in force 01/01/2024, and the 2003 law ceases on that day, so a 2023 review decided on 10/01/2024 is decided under
 *   the 2022 law, its decree NĐ 98/2023 (in force 01/01/2024 [S]) and TT 01/2024.
 * - Art 95 [V, same source]: titles and forms awarded before 01/01/2024 stay recognised, so past titles count in the
 *   "consecutive years" chains whatever law awarded them (the engine reads `pastTitles` as they are).
 * - NĐ 152/2025 Art 59 [V: tlnb:0a2c9cdccc620fd0.md]: in force 01/07/2025, repealing NĐ 98/2023. Whether a dossier
 *   received before a decree's entry into force is finished under the old decree (a transitional article of NĐ 98/2023
 *   or NĐ 152/2025) was not found in the notes [U]: the engine applies the decree in force on the reference date, and
 *   a campaign that must apply the old one sets its `referenceDate` to the day the dossiers were received.
 * - The assessment year never chooses the law; it sets the year of tenure, of the chains, of initiatives and of the
 *   sentences.
 */

export interface Regime {
  ruleSet: RuleSet['id'];
  referenceDate: string;
  assessmentYear: number;
  /** The reference date falls after the assessment year: the review of one year decided in a later one. */
  decidedLater: boolean;
  /** The rule set in force at the end of the assessment year differs: the review crossed a change of regime. */
  crossed: boolean;
  /** The rule set in force on 31/12 of the assessment year. */
  ruleSetAtYearEnd: RuleSet['id'];
  citations: Citation[];
  sentence: string;
}

const LAW_IN_FORCE = cite(DOC.LAW_2022, 'V', {
  article: 'Điều 94',
  clause: 'khoản 1',
  note: 'Luật có hiệu lực thi hành từ ngày 01 tháng 01 năm 2024; Luật số 15/2003/QH11 (đã sửa đổi, bổ sung) hết hiệu lực từ ngày đó (khoản 2).',
});
const TITLES_KEPT = cite(DOC.LAW_2022, 'V', {
  article: 'Điều 95',
  note: 'Nhà nước tiếp tục công nhận danh hiệu thi đua, hình thức khen thưởng đã được tặng trước ngày Luật có hiệu lực thi hành.',
});
const ND_152_IN_FORCE = cite(DOC.ND_152_2025, 'V', { article: 'Điều 59', note: 'Có hiệu lực từ ngày 01/07/2025; bãi bỏ Nghị định số 98/2023/NĐ-CP và Nghị định số 28/2024/NĐ-CP.' });
const ND_98_IN_FORCE = cite(DOC.ND_98_2023, 'S', { note: 'Có hiệu lực từ ngày 01/01/2024, thay thế Nghị định số 91/2017/NĐ-CP.' });
const DOSSIER_TRANSITION = cite(DOC.ND_152_2025, 'U', {
  note: 'Chưa đối chiếu được điều khoản chuyển tiếp về hồ sơ đã tiếp nhận trước ngày Nghị định có hiệu lực (NĐ 98/2023, NĐ 152/2025): áp dụng văn bản có hiệu lực tại ngày xét; phong trào đặt ngày xét (referenceDate) nếu cần áp dụng văn bản cũ.',
});

export function regimeOf(rs: RuleSet, atYearEnd: RuleSet, referenceDate: string, assessmentYear: number): Regime {
  const decidedLater = Number(referenceDate.slice(0, 4)) > assessmentYear;
  const crossed = atYearEnd.id !== rs.id;
  const citations: Citation[] = [];
  let law: string;
  if (rs.id === 'vn-2017') {
    law = `${DOC.LAW_2003} và ${DOC.ND_91_2017}`;
  } else {
    citations.push(LAW_IN_FORCE, rs.id === 'vn-2024' ? ND_98_IN_FORCE : ND_152_IN_FORCE);
    law = `${DOC.LAW_2022} (có hiệu lực từ ngày 01/01/2024 theo ${citeText(LAW_IN_FORCE)}) và ${rs.id === 'vn-2024' ? `${DOC.ND_98_2023} (có hiệu lực từ ngày 01/01/2024)` : `${DOC.ND_152_2025} (có hiệu lực từ ngày 01/07/2025 theo Điều 59)`}`;
  }
  let sentence = `Xét thành tích năm ${assessmentYear} (năm đánh giá) vào ngày ${formatShortDate(referenceDate)} (ngày xét): áp dụng ${law}, là văn bản có hiệu lực tại ngày xét; năm đánh giá dùng để tính thời gian công tác, số năm liên tục và sáng kiến.`;
  if (crossed) {
    citations.push(DOSSIER_TRANSITION);
    sentence += ` Năm đánh giá thuộc thời kỳ của bộ quy tắc ${atYearEnd.id}; hồ sơ được xét theo văn bản có hiệu lực tại ngày xét (điều khoản chuyển tiếp về hồ sơ đã tiếp nhận chưa được đối chiếu).`;
    if (atYearEnd.id === 'vn-2017') {
      citations.push(TITLES_KEPT);
      sentence += ` Danh hiệu, hình thức khen thưởng đã được tặng trước ngày 01/01/2024 tiếp tục được công nhận và được tính vào số năm liên tục theo ${citeText(TITLES_KEPT)}.`;
    }
  }
  return { ruleSet: rs.id, referenceDate, assessmentYear, decidedLater, crossed, ruleSetAtYearEnd: atYearEnd.id, citations, sentence };
}
