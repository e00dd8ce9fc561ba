import type { DecideResult, Decision, DecisionStatus } from '../domain/decide';
import { DECISION_STATUS_LABEL, proposalText } from '../domain/results';
import { TITLE_LABEL } from '../domain/rules/common';
import { citeText } from '../domain/rules/documents';
import type { RuleCheck } from '../domain/rules/types';
import { formatDeadline, formatShortDate } from '../domain/vn-date';
import { html, trusted } from './html';
import { addresseeHtml, htmlDocument, lineListHtml, paragraphHtml, sectionTitleHtml, shortLetterHeadHtml, shortLetterText, type RenderedMail } from './layout';
import { nameOf, nominationTableHtml, nomineeLine, subjectOf, type ResultMailCampaign, type TableRow } from './nomination-list';
import { campaignRef, oneLine } from './phrases';

export interface ProposalMailInput {
  campaign: ResultMailCampaign;
  proposal: DecideResult;
  /** unitId → name as the directory prints it; an id without a name is printed as it is. */
  unitNames: Readonly<Record<string, string>>;
  /** When nominations closed: ISO date-time with its offset. */
  closedAt: string;
}

export const PROPOSAL_HEADING = 'DỰ KIẾN KẾT QUẢ XÉT KHEN THƯỞNG';

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
    decisions.length > 0 ? nominationTableHtml(headers, rows) : paragraphHtml('Không có hồ sơ đề nghị khen thưởng.'),
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
