import type { DecideResult, Decision, DecisionStatus } from '../domain/decide';
import {
  DECISION_STATUS_LABEL,
  OUTCOME_LABEL,
  proposalText,
  voteText,
  type Outcome,
  type OutcomeKind,
} from '../domain/results';
import { TITLE_LABEL, awardPhrase } from '../domain/rules/common';
import { citeText } from '../domain/rules/documents';
import type { RuleCheck } from '../domain/rules/types';
import { formatDeadline, formatPlaceDate, formatShortDate, todayInVietnam } from '../domain/vn-date';
import type { Campaign } from '../schemas/campaign';
import type { Unit } from '../schemas/directory';
import { Title } from '../schemas/nomination';
import { html, trusted, type SafeHtml } from './html';
import {
  DETAIL_CELL_STYLE,
  addresseeHtml,
  blockHtml,
  blockText,
  cellStyles,
  headerRowHtml,
  htmlDocument,
  letterFootHtml,
  letterFootText,
  letterHeaderHtml,
  letterHeaderText,
  lineListHtml,
  noiNhanLines,
  paragraphHtml,
  sectionTitleHtml,
  shortLetterHeadHtml,
  shortLetterText,
  tableHtml as borderedTableHtml,
  textDocument,
  type Block,
  type NoiNhanEntry,
  type RenderedMail,
} from './layout';
import { campaignRef, oneLine, subjectLine, upper } from './phrases';

/**
 * The mails around the results of a campaign:
 * - {@link renderProposalMail}: to the Council and the Office when nominations close, the decision engine's proposal
 *   (dự kiến kết quả) decision by decision, with the checks that failed and their legal basis;
 * - {@link renderResultsLetter}: to the whole Nơi nhận list once the council has voted, the official notice (THÔNG BÁO)
 *   of the awarded nominations, laid out as the launch letter (NĐ 30/2020/NĐ-CP Phụ lục I);
 * - {@link renderUnitOutcomes}: to one nominating unit, every one of its nominations with its outcome and reason.
 * Pure: no clock, no I/O. The HTML part is built with the `html` tag, so every string from the campaign, the directory
 * and the nominations is escaped there; the text part carries the same content unescaped, with no markup; subjects are one line. Times are read in
 * Vietnam (Asia/Ho_Chi_Minh).
 */

export type { RenderedMail };

/** What the proposal and unit mails read of a campaign (a Campaign fits). */
export type ResultMailCampaign = Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody'>;
/** What the results notice reads of a campaign: also the header's parent body and place, and the signer. */
export type ResultsLetterCampaign = Pick<Campaign, 'documentNumber' | 'title' | 'issuingBody' | 'parentBody' | 'place' | 'signer'>;

export interface ProposalMailInput {
  campaign: ResultMailCampaign;
  proposal: DecideResult;
  /** unitId → name as the directory prints it; an id without a name is printed as it is. */
  unitNames: Readonly<Record<string, string>>;
  /** When nominations closed: ISO date-time with its offset. */
  closedAt: string;
}

export interface ResultsLetterInput {
  campaign: ResultsLetterCampaign;
  outcomes: readonly Outcome[];
  unitNames: Readonly<Record<string, string>>;
  /** Nơi nhận, in the order printed (the archive line last). */
  nơiNhận: readonly NoiNhanEntry[];
  /** When the results were finalized: ISO date-time with its offset; its day in Vietnam dates the notice. */
  finalizedAt: string;
  /** The notice's số/ký hiệu once the Văn thư registers it; default a draft "Số:      /TB-<agency of the campaign>". */
  documentNumber?: string;
}

export interface UnitOutcomesInput {
  campaign: ResultMailCampaign;
  unit: Pick<Unit, 'unitId' | 'name'>;
  /** This unit's nominations only (nominatingUnitId = unit.unitId). */
  outcomes: readonly Outcome[];
  finalizedAt: string;
}

export const PROPOSAL_HEADING = 'DỰ KIẾN KẾT QUẢ XÉT KHEN THƯỞNG';
export const RESULTS_HEADING = 'THÔNG BÁO';
export const RESULTS_TRICH_YEU = 'Kết quả bình xét thi đua, khen thưởng';
export const UNIT_OUTCOMES_HEADING = 'KẾT QUẢ XÉT KHEN THƯỞNG';

const capitalise = (s: string) => upper(s.charAt(0)) + s.slice(1);
const subjectOf = (campaign: Pick<Campaign, 'documentNumber'>, rest: string) => subjectLine(campaign.documentNumber, rest);
const nameOf = (names: Readonly<Record<string, string>>, unitId: string) => oneLine(Object.hasOwn(names, unitId) ? (names[unitId] as string) : unitId);

/** A nominee as listed: "Trần Thị B - Văn phòng Sở"; a collective by its name, with the unit when it is another. */
function nomineeLine(nominee: Decision['nominee'], unitId: string, names: Readonly<Record<string, string>>): string {
  const name = oneLine(nominee.name);
  if (nominee.kind === 'collective' && unitId === nominee.unitId) return name;
  return `${name} - ${nameOf(names, unitId)}`;
}

/** The calendar day in Vietnam of an instant; the instant must carry its offset (as deadlines do). */
function vnDay(isoDateTimeWithOffset: string): string {
  formatDeadline(isoDateTimeWithOffset); // refuses an instant without an offset, or no instant at all
  return todayInVietnam(new Date(Date.parse(isoDateTimeWithOffset)));
}

// ---------------------------------------------------------------------------------------------
// The table of nominations (the short letter of ./layout around it)

interface TableRow {
  /** Cell texts, plain (the html tag escapes them; the text part prints them as they are). */
  cells: string[];
  /** Lines printed under the row across the table, plain. */
  details?: { label: string; lines: string[] };
}

function tableHtml(headers: readonly string[], rows: readonly TableRow[]): SafeHtml {
  const { td, no } = cellStyles('list');
  const out = [headerRowHtml('list', headers)];
  for (const r of rows) {
    out.push(html`<tr>${r.cells.map((c, i) => html`<td style="${i === 0 ? no : td}">${c}</td>`)}</tr>`);
    if (r.details && r.details.lines.length > 0) {
      const items = r.details.lines.map((l) => html`<li style="margin:0 0 2px;">${l}</li>`);
      const span = headers.length - 1;
      out.push(
        html`<tr><td style="${td}"></td><td colspan="${span}" style="${DETAIL_CELL_STYLE}background-color:#fafafa;"><em>${r.details.label}</em><ul style="margin:2px 0 0;padding-left:18px;">${items}</ul></td></tr>`,
      );
    }
  }
  return borderedTableHtml(out);
}

// ---------------------------------------------------------------------------------------------
// 1. The proposal, to the Council and the Office

/** The checks that did not pass: refused (not-eligible), deferred, over the quota line or left to the council. */
const failedChecks = (d: Decision): RuleCheck[] => d.checks.filter((c) => !c.passed);

/** "Ông Lê C … theo Thông tư số 01/2024/TT-BNV. (Căn cứ: Thông tư số 01/2024/TT-BNV)" */
function checkLine(c: RuleCheck): string {
  const unverified = c.citation.confidence === 'U' ? '; căn cứ chưa được đối chiếu với văn bản gốc' : '';
  return `${oneLine(c.sentence)} (Căn cứ: ${citeText(c.citation)}${unverified})`;
}

const CHECKS_LABEL: Record<DecisionStatus, string> = {
  eligible: 'Nội dung Hội đồng cần xem xét:',
  'not-eligible': 'Tiêu chuẩn, điều kiện chưa đạt:',
  deferred: 'Lý do tạm hoãn:',
  'over-quota': 'Tỷ lệ, chỉ tiêu:',
};

const STATUS_ORDER: readonly DecisionStatus[] = ['eligible', 'not-eligible', 'deferred', 'over-quota'];

/** The rule set's lead-in sits tight on the list of legal bases under it; the trace is small print. */
const LEAD_IN_STYLE = trusted('margin:0 0 2px;');
const TRACE_STYLE = trusted('margin:0 0 8px;font-size:13px;color:#333333;');

/**
 * "Dự kiến kết quả xét khen thưởng": the proposal the decision engine made when nominations closed. The rule set in
 * force and its legal basis, the input hash and engine version (to trace the run), the counts by status, the quotas,
 * then every decision in the engine's order: nominee, unit, title, status (and whether the council must choose) and
 * the summary, with the checks that did not pass and their legal basis under the row.
 */
export function renderProposalMail(input: ProposalMailInput): RenderedMail {
  const { campaign, proposal, unitNames, closedAt } = input;
  const decisions = proposal.decisions;
  const subject = subjectOf(campaign, `Dự kiến kết quả xét khen thưởng (${decisions.length} hồ sơ)`);
  const heading = PROPOSAL_HEADING;
  const closed = formatDeadline(closedAt);

  const addressee = 'Hội đồng Thi đua - Khen thưởng; Văn phòng (cơ quan thường trực của Hội đồng).';
  const lead =
    `Thời hạn gửi hồ sơ đề nghị khen thưởng theo ${campaignRef(campaign)} đã kết thúc lúc ${closed}. ` +
    `Hệ thống đã xét ${decisions.length} hồ sơ theo tiêu chuẩn, điều kiện và tỷ lệ khen thưởng của văn bản đang có hiệu lực; ` +
    'kết quả dưới đây là dự kiến, trình Hội đồng Thi đua - Khen thưởng xem xét, biểu quyết.';
  const ruleSet = `Bộ quy tắc áp dụng: ${proposal.ruleSet} (ngày xét ${formatShortDate(proposal.referenceDate)}, năm đánh giá ${proposal.campaignYear}). Căn cứ:`;
  const basis = proposal.legalBasis.map((b, i, all) => `- ${oneLine(b)}${i === all.length - 1 ? '.' : ';'}`);
  const trace = `Truy vết: mã dữ liệu đầu vào ${proposal.inputHash.slice(0, 12)}, phiên bản bộ xét ${proposal.engineVersion}.`;

  const byStatus = new Map<DecisionStatus, number>(STATUS_ORDER.map((s) => [s, 0]));
  for (const d of decisions) byStatus.set(d.status, (byStatus.get(d.status) ?? 0) + 1);
  const council = decisions.filter((d) => d.status === 'eligible' && d.needsCouncilVote).length;
  const countParts = STATUS_ORDER.map((s) => {
    const n = byStatus.get(s) ?? 0;
    const extra = s === 'eligible' && council > 0 ? ` (trong đó ${council} hồ sơ đồng hạng, Hội đồng bỏ phiếu chọn)` : '';
    return `${DECISION_STATUS_LABEL[s].toLocaleLowerCase('vi')}: ${n}${extra}`;
  });
  const counts = `Tổng hợp: ${decisions.length} hồ sơ; ${countParts.join('; ')}.`;
  const quotas = proposal.quotas.map((q) => `- ${oneLine(q.sentence)}`);

  const headers = ['STT', 'Họ tên / Tập thể', 'Đơn vị', 'Danh hiệu / Hình thức', 'Đề xuất', 'Nội dung'];
  const rows = decisions.map((d, i): TableRow => {
    const failed = failedChecks(d);
    return {
      cells: [
        String(i + 1),
        oneLine(d.nominee.name),
        nameOf(unitNames, d.nominee.unitId),
        TITLE_LABEL[d.title],
        proposalText({ proposal: d.status, needsCouncilVote: d.needsCouncilVote === true }),
        d.summary,
      ],
      ...(failed.length > 0 ? { details: { label: CHECKS_LABEL[d.status], lines: failed.map(checkLine) } } : {}),
    };
  });

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(addressee),
    paragraphHtml(lead),
    paragraphHtml(ruleSet, LEAD_IN_STYLE),
    lineListHtml(basis),
    paragraphHtml(html`<em>${trace}</em>`, TRACE_STYLE),
    paragraphHtml(html`<strong>${counts}</strong>`),
    ...(quotas.length > 0 ? [sectionTitleHtml('CHỈ TIÊU KHEN THƯỞNG'), lineListHtml(quotas)] : []),
    sectionTitleHtml('DANH SÁCH HỒ SƠ VÀ ĐỀ XUẤT'),
    decisions.length > 0 ? tableHtml(headers, rows) : paragraphHtml('Không có hồ sơ đề nghị khen thưởng.'),
  ];

  const textRows = rows.flatMap((r, i) => {
    const [no, , , title, status, summary] = r.cells;
    const d = decisions[i] as Decision;
    return [
      `${no}. ${nomineeLine(d.nominee, d.nominee.unitId, unitNames)}`,
      `   Danh hiệu / Hình thức: ${title}`,
      `   Đề xuất: ${status}`,
      `   ${summary}`,
      ...(r.details ? [`   ${r.details.label}`, ...r.details.lines.map((l) => `   - ${l}`)] : []),
      '',
    ];
  });
  const textBody = [
    `Kính gửi: ${addressee}`,
    '',
    lead,
    '',
    ruleSet,
    ...basis,
    trace,
    '',
    counts,
    ...(quotas.length > 0 ? ['', 'CHỈ TIÊU KHEN THƯỞNG', ...quotas] : []),
    '',
    'DANH SÁCH HỒ SƠ VÀ ĐỀ XUẤT',
    '',
    ...(decisions.length > 0 ? textRows.slice(0, -1) : ['Không có hồ sơ đề nghị khen thưởng.']),
  ];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}

// ---------------------------------------------------------------------------------------------
// 2. The results notice, to the whole Nơi nhận list

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'] as const;

/** "15/KH-SNgV" → "      /TB-SNgV": the draft number a notice carries until the Văn thư registers it. */
function draftNoticeNumber(campaignNumber: string): string {
  const kyHieu = campaignNumber.split('/').pop() ?? '';
  const groups = kyHieu.split('-');
  const agency = groups.length > 1 ? groups.slice(1).join('-') : kyHieu;
  return `${'\u00A0'.repeat(6)}/TB${agency ? `-${agency}` : ''}`;
}

function countNoun(list: readonly Outcome[]): string {
  const individuals = list.filter((o) => o.nominee.kind === 'individual').length;
  const collectives = list.length - individuals;
  return [individuals > 0 ? `${individuals} cá nhân` : '', collectives > 0 ? `${collectives} tập thể` : ''].filter(Boolean).join(', ');
}

/**
 * THÔNG BÁO "Kết quả bình xét thi đua, khen thưởng" of the campaign, to every Nơi nhận entry: the header of NĐ 30/2020
 * (issuing body, số, Quốc hiệu, Tiêu ngữ, place and date: the day the results were finalized, in Vietnam), the
 * counts, the AWARDED nominations grouped by title (titles in the order of the Title enum), the signer and Nơi nhận.
 */
export function renderResultsLetter(input: ResultsLetterInput): RenderedMail {
  const { campaign, outcomes, unitNames, finalizedAt } = input;
  const subject = subjectOf(campaign, 'Thông báo kết quả bình xét thi đua, khen thưởng');
  const placeDate = formatPlaceDate(oneLine(campaign.place), vnDay(finalizedAt));
  const head = {
    issuingBody: campaign.issuingBody,
    parentBody: campaign.parentBody,
    documentNumber: input.documentNumber ?? draftNoticeNumber(campaign.documentNumber),
  };

  const awarded = outcomes.filter((o) => o.outcome === 'awarded');
  const count = (k: OutcomeKind) => outcomes.filter((o) => o.outcome === k).length;

  const blocks: Block[] = [
    { kind: 'heading', text: RESULTS_HEADING, size: 'large' },
    { kind: 'heading', text: RESULTS_TRICH_YEU, size: 'normal' },
    { kind: 'heading', text: oneLine(campaign.title), size: 'normal' },
    { kind: 'rule' },
    { kind: 'para', spans: [{ text: `Căn cứ ${campaignRef(campaign)};` }], indent: true },
    { kind: 'para', spans: [{ text: 'Căn cứ kết quả xét hồ sơ và kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng,' }], indent: true },
    { kind: 'para', spans: [{ text: 'Thông báo kết quả bình xét thi đua, khen thưởng như sau:' }], indent: true },
    { kind: 'section', text: `${ROMAN[0]}. KẾT QUẢ CHUNG` },
    {
      kind: 'para',
      spans: [
        {
          text:
            `Tổng số hồ sơ được xét: ${outcomes.length}; được khen thưởng: ${awarded.length}; ` +
            `không được khen thưởng: ${count('not-awarded')}; tạm hoãn xét: ${count('deferred')}.`,
        },
      ],
      indent: true,
    },
    { kind: 'section', text: `${ROMAN[1]}. DANH SÁCH ĐƯỢC KHEN THƯỞNG` },
  ];
  let group = 0;
  for (const title of Title.options) {
    const list = awarded.filter((o) => o.title === title);
    if (list.length === 0) continue;
    group++;
    blocks.push({ kind: 'para', spans: [{ text: `${group}. ${capitalise(awardPhrase(title))} (${countNoun(list)}):`, bold: true }], indent: true });
    blocks.push({
      kind: 'list',
      lines: list.map((o, i) => `- ${nomineeLine(o.nominee, o.nominatingUnitId, unitNames)}${i === list.length - 1 ? '.' : ';'}`),
    });
  }
  if (group === 0) blocks.push({ kind: 'para', spans: [{ text: 'Không có trường hợp nào được khen thưởng trong đợt này.' }], indent: true });

  const noiNhan = noiNhanLines(input.nơiNhận);
  const htmlPart = htmlDocument(subject, [letterHeaderHtml(head, placeDate), ...blocks.map(blockHtml), letterFootHtml(campaign.signer, noiNhan)]);
  const textPart = textDocument([...letterHeaderText(head, placeDate), ...blocks.flatMap(blockText), ...letterFootText(campaign.signer, noiNhan)]);
  return { subject, html: htmlPart, text: textPart };
}

// ---------------------------------------------------------------------------------------------
// 3. To one nominating unit

/**
 * "Kết quả xét khen thưởng các hồ sơ của <unit>": every nomination the unit sent, with the council's vote where there
 * was one, the outcome and its reason. Refuses an outcome of another unit: a unit must not read another's results.
 */
export function renderUnitOutcomes(input: UnitOutcomesInput): RenderedMail {
  const { campaign, unit, outcomes, finalizedAt } = input;
  const foreign = outcomes.find((o) => o.nominatingUnitId !== unit.unitId);
  if (foreign) {
    throw new Error(`unit outcomes mail: nomination ${foreign.nominationId} was sent by ${foreign.nominatingUnitId}, not by ${unit.unitId}`);
  }
  const name = oneLine(unit.name);
  const subject = subjectOf(campaign, `Kết quả xét khen thưởng các hồ sơ của ${name}`);
  const heading = UNIT_OUTCOMES_HEADING;
  const at = formatDeadline(finalizedAt);
  const count = (k: OutcomeKind) => outcomes.filter((o) => o.outcome === k).length;

  const lead =
    outcomes.length > 0
      ? `Việc bình xét thi đua, khen thưởng theo ${campaignRef(campaign)} đã hoàn tất lúc ${at}. Kết quả đối với ${outcomes.length} hồ sơ do đơn vị đề nghị như sau:`
      : `Việc bình xét thi đua, khen thưởng theo ${campaignRef(campaign)} đã hoàn tất lúc ${at}. Hệ thống không ghi nhận hồ sơ đề nghị khen thưởng nào của đơn vị trong đợt này.`;
  const counts = `Được khen thưởng: ${count('awarded')}; không được khen thưởng: ${count('not-awarded')}; tạm hoãn xét: ${count('deferred')}.`;

  const headers = ['STT', 'Họ tên / Tập thể', 'Danh hiệu / Hình thức', 'Biểu quyết', 'Kết quả', 'Lý do'];
  const rows = outcomes.map((o, i): TableRow => ({
    cells: [String(i + 1), oneLine(o.nominee.name), o.titleLabel, voteText(o.vote) || '—', OUTCOME_LABEL[o.outcome], o.reason],
  }));

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(name),
    paragraphHtml(lead),
    ...(outcomes.length > 0 ? [paragraphHtml(html`<strong>${counts}</strong>`), tableHtml(headers, rows)] : []),
  ];
  const textRows = rows.flatMap((r) => {
    const [no, nominee, title, vote, result, reason] = r.cells;
    return [`${no}. ${nominee}`, `   Danh hiệu / Hình thức: ${title}`, `   Biểu quyết: ${vote}`, `   Kết quả: ${result}`, `   Lý do: ${reason}`, ''];
  });
  const textBody = [`Kính gửi: ${name}`, '', lead, ...(outcomes.length > 0 ? ['', counts, '', ...textRows.slice(0, -1)] : [])];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}
