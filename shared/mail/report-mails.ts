import { formatDeadline } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import type { Unit } from '../schemas/directory';
import { taskRatingLabel } from '../schemas/ratings';
import type { ReportPeriod, UnitReport } from '../schemas/scoring';
import { html, trusted } from './html';
import { addresseeHtml, htmlDocument, paragraphHtml, sectionTitleHtml, shortLetterHeadHtml, shortLetterText, type RenderedMail } from './layout';
import { campaignRef, oneLine, subjectLine, upper } from './phrases';
import { selfAssessmentHtml, selfAssessmentTable, selfAssessmentText, type SelfAssessmentInput } from './self-assessment-table';

/**
 * The mails around a unit's report (báo cáo sơ kết / tổng kết):
 * - {@link renderReportAcknowledgement}: to the unit, the receipt with its self-assessment (tự chấm) criterion by criterion;
 * - {@link renderReportOfficeNotice}: to the Office (Văn phòng), short, with the same table compactly;
 * - {@link renderReportReminder}: to a unit that has not reported, before the deadline.
 * Pure: no clock, no I/O. The HTML part is built with the `html` tag, so every string from the campaign, the
 * directory, the table or the scoring (criterion explanations quote the table's evidence text) is escaped there; the
 * text part carries the same content unescaped, with no markup. Times are read in Vietnam
 * (Asia/Ho_Chi_Minh) through vn-date's formatDeadline: "14 giờ 05, ngày 20/11/2023".
 */

export type { RenderedMail };

/** What the report mails read of a campaign (a Campaign fits). */
export type ReportMailCampaign = Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody'> & Partial<Pick<Campaign, 'scoringTable'>>;
/** What the report mails read of a unit (a Unit fits). */
export type ReportMailUnit = Pick<Unit, 'unitId' | 'name'>;
/** What the report mails read of a report (a UnitReport fits). */
export type ReportMailReport = Pick<UnitReport, 'unitId' | 'period' | 'taskRating' | 'values'> & Partial<Pick<UnitReport, 'evidence'>>;

export interface ReportReceipt extends SelfAssessmentInput {
  campaign: ReportMailCampaign;
  unit: ReportMailUnit;
  report: ReportMailReport;
  /** When the report was received: an ISO date-time with its offset ("2023-11-20T07:05:00.000Z"). */
  receivedAt: string;
  /** True when this report replaces one the unit sent earlier for the same period. */
  resubmission: boolean;
}

export interface ReportAcknowledgementInput extends ReportReceipt {
  /** The period's report deadline (reportDeadline in domain/deadlines.ts), ISO with offset; omitted: no resubmission sentence. */
  deadline?: string;
}

export interface ReportReminderInput {
  campaign: ReportMailCampaign;
  unit: ReportMailUnit;
  period: ReportPeriod;
  /** The period's report deadline, ISO with offset. */
  deadline: string;
}

/** sơ kết (mid-year) and tổng kết (final), as the reports are called. */
export const REPORT_PERIOD_LABEL: Readonly<Record<ReportPeriod, string>> = { 'mid-year': 'sơ kết', final: 'tổng kết' };

const subjectOf = (campaign: ReportMailCampaign, rest: string) => subjectLine(campaign.documentNumber, rest);

// ---------------------------------------------------------------------------------------------
// This mail's own touches on the short letter of ./layout

/** The table's legal basis: a caption, a size smaller, tight on the table under it. */
const BASIS_STYLE = trusted('margin:0 0 4px;font-size:14px;');
const strong = (text: string) => html`<strong>${text}</strong>`;

function receivedText(r: ReportReceipt): { period: string; at: string } {
  return { period: REPORT_PERIOD_LABEL[r.report.period], at: formatDeadline(r.receivedAt) };
}

// ---------------------------------------------------------------------------------------------
// 1. Acknowledgement to the unit

/**
 * "Xác nhận đã nhận báo cáo tổng kết": to the unit that reported. Which campaign, the period, when it
 * was received (Vietnam time), whether it replaces an earlier report, the self-assessed task rating,
 * every criterion with its value, points and explanation, the section subtotals and the self-assessed
 * total out of the table's maximum; with a deadline, until when it may be sent again (or that it
 * arrived after the deadline).
 */
export function renderReportAcknowledgement(input: ReportAcknowledgementInput): RenderedMail {
  const { campaign, unit, report, deadline, resubmission } = input;
  const model = selfAssessmentTable(input);
  const { period, at } = receivedText(input);
  const name = oneLine(unit.name);
  const subject = subjectOf(campaign, `Xác nhận đã nhận báo cáo ${period}${resubmission ? ' (nộp lại)' : ''} của ${name}`);
  const heading = upper(`Xác nhận đã nhận báo cáo ${period}`);

  const received = `Hệ thống đã nhận báo cáo ${period} của ${name} theo ${campaignRef(campaign)}, lúc ${at}.`;
  const replaces = resubmission ? `Báo cáo này được nộp lại và thay thế báo cáo ${period} đơn vị đã gửi trước đó.` : `Đây là lần đầu đơn vị gửi báo cáo ${period} của phong trào này.`;
  const rating = `Mức độ hoàn thành nhiệm vụ (đơn vị tự đánh giá): ${taskRatingLabel[report.taskRating]}.`;
  const total = `Tổng điểm tự chấm: ${model.total} / ${model.max} điểm.`;
  const basis = `Căn cứ bảng điểm: ${oneLine(model.legalBasis)}.`;
  const note = 'Điểm trên là điểm đơn vị tự chấm, tính theo bảng điểm của phong trào từ số liệu đơn vị đã gửi; kết quả chính thức do Văn phòng kiểm tra và Hội đồng Thi đua - Khen thưởng xem xét.';
  let until: string | undefined;
  if (deadline !== undefined) {
    const due = formatDeadline(deadline);
    until =
      Date.parse(input.receivedAt) > Date.parse(deadline)
        ? `Báo cáo được nhận sau thời hạn gửi báo cáo ${period} (${due}).`
        : `Đơn vị có thể gửi lại báo cáo ${period} đến ${due}; báo cáo gửi sau sẽ thay thế báo cáo này.`;
  }

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(name),
    paragraphHtml(received),
    paragraphHtml(replaces),
    paragraphHtml(rating),
    paragraphHtml(strong(total)),
    sectionTitleHtml('KẾT QUẢ TỰ CHẤM ĐIỂM'),
    paragraphHtml(html`<em>${basis}</em>`, BASIS_STYLE),
    selfAssessmentHtml(model, 'normal'),
    paragraphHtml(note),
    ...(until ? [paragraphHtml(strong(until))] : []),
  ];
  const textBody = [`Kính gửi: ${name}`, '', received, replaces, rating, total, '', 'KẾT QUẢ TỰ CHẤM ĐIỂM', basis, '', ...selfAssessmentText(model, 'normal'), '', note, ...(until ? ['', until] : [])];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}

// ---------------------------------------------------------------------------------------------
// 2. Notice to the Office

/**
 * To the Office (Văn phòng): which unit has (re)submitted which report and when, its self-assessed
 * total and task rating, and the criterion table compactly.
 */
export function renderReportOfficeNotice(input: ReportReceipt): RenderedMail {
  const { campaign, unit, report, resubmission } = input;
  const model = selfAssessmentTable(input);
  const { period, at } = receivedText(input);
  const name = oneLine(unit.name);
  const verb = resubmission ? 'đã nộp lại' : 'đã nộp';
  const subject = subjectOf(campaign, `${name} ${verb} báo cáo ${period}`);
  const heading = upper(`Thông báo đơn vị ${verb} báo cáo ${period}`);

  const lead =
    `Đơn vị ${name} ${verb} báo cáo ${period} lúc ${at}` +
    (resubmission ? ` (thay thế báo cáo đã nộp trước đó)` : '') +
    `; tổng điểm tự chấm ${model.total}/${model.max} điểm; xếp loại tự đánh giá: ${taskRatingLabel[report.taskRating]}.`;
  const ref = `Phong trào: ${campaignRef(campaign)}.`;

  const htmlBody = [shortLetterHeadHtml(campaign.issuingBody, heading), paragraphHtml(lead), paragraphHtml(ref), selfAssessmentHtml(model, 'compact')];
  const textBody = [lead, ref, '', ...selfAssessmentText(model, 'compact')];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}

// ---------------------------------------------------------------------------------------------
// 3. Reminder to a unit that has not reported

/**
 * To a unit that has not reported a few days before the deadline (remindersDue in
 * domain/deadlines.ts decides when): a polite official reminder with the deadline in Vietnam time.
 */
export function renderReportReminder(input: ReportReminderInput): RenderedMail {
  const { campaign, unit, deadline } = input;
  const period = REPORT_PERIOD_LABEL[input.period];
  const due = formatDeadline(deadline);
  const name = oneLine(unit.name);
  const subject = subjectOf(campaign, `Nhắc nộp báo cáo ${period} (hạn ${due})`);
  const heading = upper(`Nhắc nộp báo cáo ${period}`);

  const context = `Thực hiện ${campaignRef(campaign)}, thời hạn gửi báo cáo ${period} là ${due}. Đến thời điểm gửi thư này, hệ thống chưa nhận được báo cáo ${period} của đơn vị.`;
  const scoring = campaign.scoringTable ? ', kèm số liệu tự chấm điểm theo bảng điểm của phong trào,' : '';
  const askHead = `Đề nghị ${name} gửi báo cáo ${period}${scoring} trước `;
  const askTail = ' để kịp tổng hợp, trình Hội đồng Thi đua - Khen thưởng xem xét.';
  const ask = askHead + due + askTail;
  const ignore = 'Trường hợp đơn vị đã gửi báo cáo, xin bỏ qua thư này.';
  const thanks = 'Trân trọng cảm ơn sự phối hợp của đơn vị.';

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(name),
    paragraphHtml(context),
    paragraphHtml(html`${askHead}${strong(due)}${askTail}`),
    paragraphHtml(ignore),
    paragraphHtml(thanks),
  ];
  const textBody = [`Kính gửi: ${name}`, '', context, '', ask, '', ignore, thanks];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}
