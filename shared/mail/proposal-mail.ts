import type { DecideResult, Decision, DecisionStatus } from '../domain/decide';
import { cellStyles, headerRowHtml, tableHtml } from './layout/table';
import { DECISION_STATUS_LABEL, proposalText } from '../domain/results';
import { TITLE_LABEL } from '../domain/rules/common';
import type { RuleCheck } from '../domain/rules/types';
import { formatDeadline, formatShortDate } from '../domain/vn-date';
import { html, trusted } from './html';
import { addresseeHtml, htmlDocument, lineListHtml, paragraphHtml, sectionTitleHtml, shortLetterHeadHtml, shortLetterText, type RenderedMail } from './layout';
import { nameOf, nominationTableHtml, nomineeLine, subjectOf, type ResultMailCampaign, type TableRow } from './nomination-list';
import { campaignRef, oneLine } from './phrases';
import { documentRef, lowerFirst, renderCoverNote, sentenceName } from './cover-note';
import type { DocumentSigner } from './layout';

export interface ProposalMailInput {
  campaign: ResultMailCampaign;
  proposal: DecideResult;
  /** unitId → name as the directory prints it; an id without a name is printed as it is. */
  unitNames: Readonly<Record<string, string>>;
  /** When nominations closed: ISO date-time with its offset. */
  closedAt: string;
}

export const PROPOSAL_HEADING = 'DỰ KIẾN KẾT QUẢ XÉT KHEN THƯỞNG';
export const UNVERIFIED_TITLE = 'QUY ĐỊNH CHƯA ĐƯỢC ĐỐI CHIẾU ĐANG ÁP DỤNG';
export const STANDINGS_TITLE = 'KẾT QUẢ XẾP HẠNG CÁC ĐƠN VỊ';
export const TIES_TITLE = 'CÁC TRƯỜNG HỢP ĐỒNG HẠNG TRÌNH HỘI ĐỒNG BIỂU QUYẾT';
export const QUOTAS_TITLE = 'CHỈ TIÊU KHEN THƯỞNG';
export const DECISIONS_TITLE = 'DANH SÁCH HỒ SƠ VÀ ĐỀ XUẤT';
export const NO_NOMINATIONS = 'Không có hồ sơ đề nghị khen thưởng.';

/**
 * The reasons of a decision, each printed once (issue 11: the table printed a refusal's reason in the summary and again
 * under the row). A refusal or a deferral lists the checks that decided it, each sentence naming its rule; an eligible,
 * council or over-quota decision is its summary, which names the rule that decided it (decision/summary.ts).
 */
function reasonLines(d: Decision): string[] {
  const decisive = d.status === 'not-eligible' ? d.checks.filter((c) => !c.passed && c.outcome === undefined) : d.status === 'deferred' ? d.checks.filter((c) => c.outcome === 'defer') : [];
  if (decisive.length === 0) return [oneLine(d.summary)];
  // The summary carries each declared past title's check against the records (issue 13); the failing checks alone do
  // not, so they come after: a title the records contradict is why a chain fell short.
  return [...new Set([...decisive.map(checkLine), ...(d.claims ?? []).map((c) => oneLine(c.sentence))])];
}

/** The sentence already names its legal source ("… theo Thông tư số 01/2024/TT-BNV"); an unverified one says so. */
function checkLine(c: RuleCheck): string {
  return c.citation.confidence === 'U' ? `${oneLine(c.sentence)} (căn cứ chưa được đối chiếu với văn bản gốc)` : oneLine(c.sentence);
}

const CHECKS_LABEL: Record<DecisionStatus, string> = {
  eligible: 'Nhận xét:',
  'not-eligible': 'Tiêu chuẩn, điều kiện chưa đạt:',
  deferred: 'Lý do tạm hoãn:',
  'over-quota': 'Tỷ lệ, chỉ tiêu:',
};

/** "97,20": hundredths of a point as the scoring core writes them. */
const points = (h: number) => `${Math.trunc(h / 100)},${String(Math.abs(h) % 100).padStart(2, '0')}`;

const STATUS_ORDER: readonly DecisionStatus[] = ['eligible', 'not-eligible', 'deferred', 'over-quota'];

/** The rule set's lead-in sits tight on the list of legal bases under it; the trace is small print. */
const LEAD_IN_STYLE = trusted('margin:0 0 2px;');
const TRACE_STYLE = trusted('margin:0 0 8px;font-size:13px;color:#333333;');

/**
 * "Dự kiến kết quả xét khen thưởng": the proposal the decision engine made when nominations closed. The rule set in
 * force and its legal basis with the regime read (the assessment year apart from the reference date), the input hash and
 * engine version (to trace the run), the counts by status, the unverified options in force, the standings, the ties
 * left to the Council with the chain that failed, the quotas, then every decision in the engine's order: nominee,
 * unit, title, status (and whether the council must choose), and under the row its reasons, each once.
 */
export function proposalContent(input: ProposalMailInput): ProposalContent {
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
  // Proposals stored before issue 11 have no regime, unverified options, ties or standings.
  const regime = proposal.regime ? oneLine(proposal.regime.sentence) : undefined;
  const unverified = (proposal.unverified ?? []).map((u) => `- ${oneLine(u.sentence)}`);
  const ties = (proposal.ties ?? []).map((t) => `- ${oneLine(t.sentence)}`);
  const standings = proposal.standings ?? [];
  const unitLabel = (u: { unitId: string; unitName?: string }) => (Object.hasOwn(unitNames, u.unitId) ? nameOf(unitNames, u.unitId) : oneLine(u.unitName ?? u.unitId));
  const standingRows = standings.map((u) => [String(u.rank), unitLabel(u), u.total === undefined ? '' : points(u.total), u.tie ? 'Đồng hạng: Hội đồng biểu quyết' : '']);
  const STANDINGS_HEADERS = ['Hạng', 'Đơn vị', 'Tổng điểm', 'Ghi chú'];

  const headers = ['STT', 'Họ tên / Tập thể', 'Đơn vị', 'Danh hiệu / Hình thức', 'Đề xuất'];
  const rows = decisions.map(
    (d, i): TableRow => ({
      cells: [String(i + 1), oneLine(d.nominee.name), nameOf(unitNames, d.nominee.unitId), TITLE_LABEL[d.title], proposalText({ proposal: d.status, needsCouncilVote: d.needsCouncilVote === true })],
      details: { label: CHECKS_LABEL[d.status], lines: reasonLines(d) },
    }),
  );
  return { subject, heading, addressee, lead, ruleSet, basis, regime, trace, counts, unverified, ties, quotas, standingHeaders: STANDINGS_HEADERS, standingRows, headers, rows };
}

/** What the proposal says, for every drawing of it (this mail, the Tờ trình of shared/documents). Plain text. */
export interface ProposalContent {
  subject: string;
  heading: string;
  addressee: string;
  /** The paragraph that opens it: when nominations closed, how many dossiers, that this is a proposal to vote on. */
  lead: string;
  /** "Bộ quy tắc áp dụng: … Căn cứ:" and the list under it. */
  ruleSet: string;
  basis: string[];
  regime: string | undefined;
  trace: string;
  counts: string;
  unverified: string[];
  ties: string[];
  quotas: string[];
  standingHeaders: string[];
  standingRows: string[][];
  headers: string[];
  rows: TableRow[];
}

export function renderProposalMail(input: ProposalMailInput): RenderedMail {
  const { campaign, proposal, unitNames } = input;
  const decisions = proposal.decisions;
  const { subject, heading, addressee, lead, ruleSet, basis, regime, trace, counts, unverified, ties, quotas, standingHeaders, standingRows, headers, rows } = proposalContent(input);
  const standings = proposal.standings ?? [];
  const { td, no } = cellStyles('list');
  const standingsHtml = tableHtml([headerRowHtml('list', standingHeaders), ...standingRows.map((r) => html`<tr>${r.map((c, i) => html`<td style="${i === 0 ? no : td}">${c}</td>`)}</tr>`)]);

  const htmlBody = [
    shortLetterHeadHtml(campaign.issuingBody, heading),
    addresseeHtml(addressee),
    paragraphHtml(lead),
    paragraphHtml(ruleSet, LEAD_IN_STYLE),
    lineListHtml(basis),
    ...(regime ? [paragraphHtml(regime)] : []),
    paragraphHtml(html`<em>${trace}</em>`, TRACE_STYLE),
    paragraphHtml(html`<strong>${counts}</strong>`),
    ...(unverified.length > 0 ? [sectionTitleHtml(UNVERIFIED_TITLE), lineListHtml(unverified)] : []),
    ...(standings.length > 0 ? [sectionTitleHtml(STANDINGS_TITLE), standingsHtml] : []),
    ...(ties.length > 0 ? [sectionTitleHtml(TIES_TITLE), lineListHtml(ties)] : []),
    ...(quotas.length > 0 ? [sectionTitleHtml(QUOTAS_TITLE), lineListHtml(quotas)] : []),
    sectionTitleHtml(DECISIONS_TITLE),
    decisions.length > 0 ? nominationTableHtml(headers, rows) : paragraphHtml(NO_NOMINATIONS),
  ];

  const textRows = rows.flatMap((r, i) => {
    const [no, , , title, status] = r.cells;
    const d = decisions[i] as Decision;
    return [
      `${no}. ${nomineeLine(d.nominee, d.nominee.unitId, unitNames)}`,
      `   Danh hiệu / Hình thức: ${title}`,
      `   Đề xuất: ${status}`,
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
    ...(regime ? [regime] : []),
    trace,
    '',
    counts,
    ...(unverified.length > 0 ? ['', UNVERIFIED_TITLE, ...unverified] : []),
    ...(standings.length > 0 ? ['', STANDINGS_TITLE, ...standingRows.map((r) => `- Hạng ${r[0]}: ${r[1]}${r[2] ? `, ${r[2]} điểm` : ''}${r[3] ? ` (${r[3]})` : ''}`)] : []),
    ...(ties.length > 0 ? ['', TIES_TITLE, ...ties] : []),
    ...(quotas.length > 0 ? ['', QUOTAS_TITLE, ...quotas] : []),
    '',
    DECISIONS_TITLE,
    '',
    ...(decisions.length > 0 ? textRows.slice(0, -1) : [NO_NOMINATIONS]),
  ];
  return { subject, html: htmlDocument(subject, htmlBody), text: shortLetterText(campaign.issuingBody, heading, textBody) };
}

export interface ProposalCoverInput extends ProposalMailInput {
  campaign: ProposalMailInput['campaign'] & { signer: DocumentSigner };
  /** The Tờ trình to the Council as attached: its number (the register's), date ('YYYY-MM-DD') and file. */
  submission: { documentNumber: string; date: string; filename: string };
  /** The agency as a sentence names it ("Sở Ngoại vụ"). */
  agencyName?: string;
}

export const PROPOSAL_FACTS_TITLE = 'Tóm tắt dự kiến kết quả:';
export const PROPOSAL_TIES_LEAD = 'Các trường hợp đồng hạng trình Hội đồng biểu quyết:';

/**
 * The proposal's mail when the Tờ trình to the Council travels as its PDF: a cover note naming it (number, date, trích
 * yếu as the Tờ trình prints it), when nominations closed, the counts by status and the ties the Council must vote on.
 * The dossiers, their checks and citations are in the Tờ trình.
 */
export function renderProposalCoverNote(input: ProposalCoverInput): RenderedMail {
  const { campaign, submission } = input;
  const c = proposalContent(input);
  const ref = documentRef(submission.documentNumber, submission.date, `về việc xét khen thưởng trong ${lowerFirst(oneLine(campaign.title))}`);
  const agency = oneLine(input.agencyName ?? sentenceName(campaign.issuingBody));
  return renderCoverNote({
    subject: c.subject,
    issuingBody: campaign.issuingBody,
    addressee: c.addressee,
    lead: [
      `Thời hạn gửi hồ sơ đề nghị khen thưởng theo ${campaignRef(campaign)} đã kết thúc lúc ${formatDeadline(input.closedAt)}; hệ thống đã xét ${input.proposal.decisions.length} hồ sơ theo tiêu chuẩn, điều kiện và tỷ lệ khen thưởng của văn bản đang có hiệu lực.`,
      `${agency} kính trình ${ref}; đề nghị Hội đồng Thi đua - Khen thưởng xem xét, biểu quyết.`,
    ],
    attachments: [{ title: ref, filename: submission.filename }],
    facts: { title: PROPOSAL_FACTS_TITLE, lines: [c.counts, ...(c.ties.length > 0 ? [PROPOSAL_TIES_LEAD, ...c.ties] : [])] },
    signer: campaign.signer,
  });
}

/**
 * The proposal's mail to the Council and the Office: the cover note when the Tờ trình travels as its PDF, else the
 * proposal itself, whole (a campaign closed before the register has no number, hence no Tờ trình).
 */
export function renderProposalMailFor(input: Omit<ProposalCoverInput, 'submission' | 'agencyName'>, pdf?: Pick<ProposalCoverInput, 'submission' | 'agencyName'>): RenderedMail {
  return pdf ? renderProposalCoverNote({ ...input, ...pdf }) : renderProposalMail(input);
}
