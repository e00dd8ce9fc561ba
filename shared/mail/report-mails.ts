import { compileTable, maxTotal, type CriterionScore, type ScoredReport } from '../domain/scoring';
import { formatVi, tryToHundredths, type Hundredths } from '../domain/points';
import { formatDeadline } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import type { Unit } from '../schemas/directory';
import { taskRatingLabel } from '../schemas/ratings';
import type { CriterionValue, ReportPeriod, ScoringTable, SectionKind, UnitReport } from '../schemas/scoring';
import { html, trusted, type SafeHtml } from './html';
import {
  addresseeHtml,
  cellStyles,
  headerRowHtml,
  htmlDocument,
  paragraphHtml,
  sectionTitleHtml,
  shortLetterHeadHtml,
  shortLetterText,
  tableHtml as borderedTableHtml,
  type RenderedMail,
} from './layout';
import { campaignRef, oneLine, subjectLine, upper } from './phrases';

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

export interface ReportReceipt {
  campaign: ReportMailCampaign;
  unit: ReportMailUnit;
  report: ReportMailReport;
  /** scoreReport(table, report): the self-assessed points are read from it. */
  scored: ScoredReport;
  table: ScoringTable;
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

function roman(n: number): string {
  const digits: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of digits) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

const trim = (h: Hundredths) => formatVi(h, { trim: true });

function numberText(x: number): string {
  const h = tryToHundredths(x);
  return h === undefined ? String(x).replace('.', ',') : trim(h);
}

/** The value as the unit submitted it: "440/500", "12,5", "Đạt", or that there was none. */
function valueText(value: CriterionValue | undefined): string {
  if (value === undefined) return 'Không có số liệu';
  if (typeof value === 'boolean') return value ? 'Đạt' : 'Không đạt';
  if (typeof value === 'number') return numberText(value);
  return `${numberText(value.numerator)}/${numberText(value.denominator)}`;
}

const own = <V>(r: Readonly<Record<string, V>> | undefined, k: string): V | undefined => (r !== undefined && Object.hasOwn(r, k) ? r[k] : undefined);

// ---------------------------------------------------------------------------------------------
// The criterion table, as a model both parts lay out

interface Row {
  no: string;
  name: string;
  value: string;
  evidence: number;
  points: string;
  explanation: string;
}

interface SectionModel {
  heading: string;
  rows: Row[];
  subtotal: string;
}

interface TableModel {
  legalBasis: string;
  sections: SectionModel[];
  /** "97,20" */
  total: string;
  /** "115" */
  max: string;
}

const kindLabel: Record<SectionKind, string> = { base: 'điểm cơ bản', bonus: 'điểm cộng', penalty: 'điểm trừ' };

function pointsText(kind: SectionKind, points: Hundredths, max: Hundredths): string {
  return kind === 'penalty' ? `−${formatVi(points)} (trừ tối đa ${trim(max)})` : `${formatVi(points)}/${trim(max)}`;
}

function subtotalText(label: string, kind: SectionKind, raw: Hundredths, cap: Hundredths): string {
  const counted = Math.min(raw, cap);
  if (kind === 'penalty') {
    return raw <= cap
      ? `Trừ mục ${label}: ${formatVi(raw)} điểm (trừ tối đa ${trim(cap)})`
      : `Trừ mục ${label}: ${formatVi(raw)} điểm, vượt mức trừ tối đa ${trim(cap)} nên trừ ${formatVi(counted)} điểm`;
  }
  return raw <= cap
    ? `Cộng mục ${label}: ${formatVi(raw)}/${trim(cap)} điểm`
    : `Cộng mục ${label}: ${formatVi(raw)} điểm, vượt mức tối đa ${trim(cap)} nên tính ${formatVi(counted)} điểm`;
}

/**
 * The self-assessed points of every criterion, in the table's order, with section subtotals under
 * their caps. Refuses a scoring that is not of this unit's report under this table: a receipt
 * must not show another unit's points.
 */
function tableModel(r: ReportReceipt): TableModel {
  const { unit, report, scored, table } = r;
  if (report.unitId !== unit.unitId || scored.unitId !== unit.unitId) {
    throw new Error(`report mail: unit ${unit.unitId}, report of ${report.unitId}, scoring of ${scored.unitId}: they must be the same unit`);
  }
  const t = compileTable(table);
  const max = maxTotal(table);
  if (scored.maxTotal !== max) throw new Error(`report mail: the scoring (maximum ${scored.maxTotal}) is not of this table (maximum ${max})`);
  const byId = new Map<string, CriterionScore>(scored.criteria.map((c) => [c.criterionId, c]));

  let base = 0;
  let bonus = 0;
  let penalty = 0;
  const sections = t.sections.map((s, si) => {
    const label = roman(si + 1);
    const source = table.sections[si]!;
    let raw = 0;
    const rows = s.criteria.map((ci, k): Row => {
      const c = t.criteria[ci]!;
      const score = byId.get(c.id);
      if (!score) throw new Error(`report mail: the scoring has no criterion "${c.id}" of the table`);
      raw += score.self.points;
      return {
        no: `${label}.${k + 1}`,
        name: source.criteria[k]!.name,
        value: valueText(own(report.values, c.id)),
        evidence: own(report.evidence, c.id)?.length ?? 0,
        points: pointsText(s.kind, score.self.points, c.max),
        explanation: score.self.explanation,
      };
    });
    const counted = Math.min(raw, s.cap);
    if (s.kind === 'base') base += counted;
    else if (s.kind === 'bonus') bonus += counted;
    else penalty += counted;
    const cap = s.kind === 'penalty' ? `trừ tối đa ${trim(s.cap)}` : `tối đa ${trim(s.cap)}`;
    // "Điểm cộng (điểm cộng, tối đa 15)" says it twice: the kind is named only when the section's name does not.
    const kind = s.name.toLocaleLowerCase('vi').includes(kindLabel[s.kind]) ? '' : `${kindLabel[s.kind]}, `;
    return { heading: `${label}. ${s.name} (${kind}${cap})`, rows, subtotal: subtotalText(label, s.kind, raw, s.cap) };
  });
  const total = Math.max(0, base + bonus - penalty);
  if (total !== scored.selfTotal) throw new Error(`report mail: the criteria add up to ${total}, the scoring says ${scored.selfTotal}: not this table's scoring`);
  return { legalBasis: table.legalBasis, sections, total: formatVi(total), max: trim(max) };
}

const valueWithEvidence = (row: Row) => (row.evidence > 0 ? `${row.value} (${row.evidence} minh chứng)` : row.value);

const HEADERS = ['TT', 'Tiêu chí', 'Số liệu', 'Điểm tự chấm', 'Cách tính'];

function tableHtml(m: TableModel, compact: boolean): SafeHtml {
  const density = compact ? 'compact' : 'normal';
  const { td, num, no } = cellStyles(density);
  const rows = [headerRowHtml(density, HEADERS)];
  for (const s of m.sections) {
    rows.push(html`<tr><td colspan="5" style="${td}font-weight:bold;">${s.heading}</td></tr>`);
    for (const r of s.rows) {
      const evidence = r.evidence > 0 ? html`<br><span style="font-size:12px;">(${r.evidence} minh chứng)</span>` : html``;
      rows.push(
        html`<tr><td style="${no}">${r.no}</td><td style="${td}">${r.name}</td><td style="${num}">${r.value}${evidence}</td><td style="${num}">${r.points}</td><td style="${td}">${r.explanation}</td></tr>`,
      );
    }
    rows.push(html`<tr><td colspan="5" style="${td}font-style:italic;text-align:right;">${s.subtotal}</td></tr>`);
  }
  rows.push(
    html`<tr><td colspan="3" style="${td}font-weight:bold;">Tổng điểm tự chấm</td><td style="${num}font-weight:bold;">${`${m.total}/${m.max}`}</td><td style="${td}"></td></tr>`,
  );
  return borderedTableHtml(rows);
}

function tableText(m: TableModel, compact: boolean): string[] {
  const out: string[] = [];
  for (const s of m.sections) {
    out.push(s.heading);
    for (const r of s.rows) {
      if (compact) {
        out.push(`  ${r.no}. ${r.name}: ${valueWithEvidence(r)} → ${r.points} điểm`, `       ${r.explanation}`);
      } else {
        out.push(`  ${r.no}. ${r.name}`, `       Số liệu: ${valueWithEvidence(r)}`, `       Điểm tự chấm: ${r.points}`, `       Cách tính: ${r.explanation}`);
      }
    }
    out.push(`  ${s.subtotal}`, '');
  }
  out.push(`Tổng điểm tự chấm: ${m.total}/${m.max} điểm`);
  return out;
}

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
  const model = tableModel(input);
  const { period, at } = receivedText(input);
  const name = oneLine(unit.name);
  const subject = subjectOf(campaign, `Xác nhận đã nhận báo cáo ${period}${resubmission ? ' (nộp lại)' : ''} của ${name}`);
  const heading = upper(`Xác nhận đã nhận báo cáo ${period}`);

  const received = `Hệ thống đã nhận báo cáo ${period} của ${name} theo ${campaignRef(campaign)}, lúc ${at}.`;
  const replaces = resubmission
    ? `Báo cáo này được nộp lại và thay thế báo cáo ${period} đơn vị đã gửi trước đó.`
    : `Đây là lần đầu đơn vị gửi báo cáo ${period} của phong trào này.`;
  const rating = `Mức độ hoàn thành nhiệm vụ (đơn vị tự đánh giá): ${taskRatingLabel[report.taskRating]}.`;
  const total = `Tổng điểm tự chấm: ${model.total} / ${model.max} điểm.`;
  const basis = `Căn cứ bảng điểm: ${oneLine(model.legalBasis)}.`;
  const note =
    'Điểm trên là điểm đơn vị tự chấm, tính theo bảng điểm của phong trào từ số liệu đơn vị đã gửi; kết quả chính thức do Văn phòng kiểm tra và Hội đồng Thi đua - Khen thưởng xem xét.';
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
    tableHtml(model, false),
    paragraphHtml(note),
    ...(until ? [paragraphHtml(strong(until))] : []),
  ];
  const textBody = [
    `Kính gửi: ${name}`,
    '',
    received,
    replaces,
    rating,
    total,
    '',
    'KẾT QUẢ TỰ CHẤM ĐIỂM',
    basis,
    '',
    ...tableText(model, false),
    '',
    note,
    ...(until ? ['', until] : []),
  ];
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
  const model = tableModel(input);
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

  const htmlBody = [shortLetterHeadHtml(campaign.issuingBody, heading), paragraphHtml(lead), paragraphHtml(ref), tableHtml(model, true)];
  const textBody = [lead, ref, '', ...tableText(model, true)];
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
