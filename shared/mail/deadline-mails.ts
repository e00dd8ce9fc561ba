import { DEADLINE_LABEL, type DeadlineName } from '../domain/deadlines';
import { formatDeadline } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import { html } from './html';
import { addresseeHtml, htmlDocument, paragraphHtml, shortLetterHeadHtml, shortLetterText, type RenderedMail } from './layout';
import { campaignRef, oneLine, subjectLine, upper } from './phrases';
import type { ReportMailUnit } from './report-mails';

/**
 * The mails of deadlines that move (issue 11):
 * - {@link renderDeadlineExtension}: thông báo gia hạn, to the participating units and the Office;
 * - {@link renderRegistrationReminder}, {@link renderNominationReminder}: to a unit that has not yet
 *   registered / nominated, before the deadline (the clock's, or the Office's on demand).
 * Pure: no clock, no I/O. HTML through the `html` tag, which escapes every string from the campaign,
 * the directory and the Office's reason; times read in Vietnam through formatDeadline.
 */

export type DeadlineMailCampaign = Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody'>;

export interface DeadlineExtensionInput {
  campaign: DeadlineMailCampaign;
  deadline: DeadlineName;
  /** The deadline before and after the extension, ISO with offset. */
  from: string;
  to: string;
  /** Lý do gia hạn, as the Office gave it. */
  reason: string;
}

const strong = (text: string) => html`<strong>${text}</strong>`;
/** "hạn đăng ký thi đua" → "Hạn đăng ký thi đua". */
const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** What each deadline lets the units do until it passes, for the notice's last paragraph. */
const UNTIL_THEN: Readonly<Record<DeadlineName, string>> = {
  registration: 'Các đơn vị, cá nhân chưa đăng ký thi đua tiếp tục gửi bản đăng ký đến thời hạn mới.',
  midYearReports: 'Các đơn vị chưa gửi báo cáo sơ kết tiếp tục gửi báo cáo, kèm số liệu tự chấm điểm, đến thời hạn mới.',
  reports: 'Các đơn vị chưa gửi báo cáo tổng kết tiếp tục gửi báo cáo, kèm số liệu tự chấm điểm, đến thời hạn mới.',
  nominations: 'Các đơn vị tiếp tục gửi hồ sơ đề nghị khen thưởng đến thời hạn mới; hồ sơ đã gửi được giữ nguyên.',
};

/**
 * "Thông báo gia hạn": one message for every recipient (the participating units and the Office),
 * addressed to them all: which deadline of which letter, from when to when, and why.
 */
export function renderDeadlineExtension(input: DeadlineExtensionInput): RenderedMail {
  const { campaign, deadline } = input;
  const label = DEADLINE_LABEL[deadline];
  const from = formatDeadline(input.from);
  const to = formatDeadline(input.to);
  const subject = subjectLine(campaign.documentNumber, `Thông báo gia hạn ${label.replace(/^hạn /, '')} đến ${to}`);
  const heading = upper(`Thông báo gia hạn ${label.replace(/^hạn /, '')}`);
  const addressee = 'Các đơn vị tham gia phong trào';
  const context = `Thực hiện ${campaignRef(campaign)}, ${label} là ${from}.`;
  const moved = `${capitalised(label)} được gia hạn đến `;
  const reason = `Lý do gia hạn: ${oneLine(input.reason)}`;
  const until = UNTIL_THEN[deadline];
  const thanks = 'Trân trọng thông báo để các đơn vị biết, thực hiện.';

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(addressee),
    paragraphHtml(context),
    paragraphHtml(html`${moved}${strong(to)}.`),
    paragraphHtml(reason),
    paragraphHtml(until),
    paragraphHtml(thanks),
  ];
  const textBody = [`Kính gửi: ${addressee}`, '', context, '', `${moved}${to}.`, '', reason, '', until, '', thanks];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}

export interface DeadlineReminderInput {
  campaign: DeadlineMailCampaign;
  unit: ReportMailUnit;
  /** The deadline reminded of, ISO with offset. */
  deadline: string;
}

function reminder(input: DeadlineReminderInput, what: { subject: string; missing: string; ask: string; ignore: string }): RenderedMail {
  const { campaign, unit, deadline } = input;
  const due = formatDeadline(deadline);
  const name = oneLine(unit.name);
  const subject = subjectLine(campaign.documentNumber, `${what.subject} (hạn ${due})`);
  const heading = upper(what.subject);
  const context = `Thực hiện ${campaignRef(campaign)}, ${what.missing.replace('{due}', due)}`;
  const askHead = `Đề nghị ${name} ${what.ask} trước `;
  const askTail = '.';
  const thanks = 'Trân trọng cảm ơn sự phối hợp của đơn vị.';
  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(name),
    paragraphHtml(context),
    paragraphHtml(html`${askHead}${strong(due)}${askTail}`),
    paragraphHtml(what.ignore),
    paragraphHtml(thanks),
  ];
  const textBody = [`Kính gửi: ${name}`, '', context, '', `${askHead}${due}${askTail}`, '', what.ignore, thanks];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}

/** To a participating unit with no registration yet: "Nhắc đăng ký thi đua". Without registration no title is considered. */
export const renderRegistrationReminder = (input: DeadlineReminderInput) =>
  reminder(input, {
    subject: 'Nhắc đăng ký thi đua',
    missing:
      'thời hạn đăng ký thi đua là {due}. Đến thời điểm gửi thư này, hệ thống chưa nhận được bản đăng ký thi đua của đơn vị; đơn vị, cá nhân không đăng ký thi đua sẽ không được xét danh hiệu thi đua.',
    ask: 'gửi bản đăng ký thi đua (chỉ tiêu, danh hiệu phấn đấu) của tập thể và cá nhân',
    ignore: 'Trường hợp đơn vị đã đăng ký, xin bỏ qua thư này.',
  });

/** To a participating unit that has sent no nomination yet: "Nhắc gửi hồ sơ đề nghị khen thưởng". */
export const renderNominationReminder = (input: DeadlineReminderInput) =>
  reminder(input, {
    subject: 'Nhắc gửi hồ sơ đề nghị khen thưởng',
    missing: 'thời hạn gửi hồ sơ đề nghị khen thưởng là {due}. Đến thời điểm gửi thư này, hệ thống chưa nhận được hồ sơ đề nghị khen thưởng nào của đơn vị.',
    ask: 'gửi hồ sơ đề nghị khen thưởng (nếu có) để kịp tổng hợp, trình Hội đồng Thi đua - Khen thưởng xem xét,',
    ignore: 'Trường hợp đơn vị đã gửi hồ sơ hoặc không có đề nghị khen thưởng, xin bỏ qua thư này.',
  });
