/**
 * The mails around the results of a campaign, one module each:
 * - {@link renderProposalMail} (./proposal-mail): to the Council and the Office when nominations close, the decision
 *   engine's proposal (dự kiến kết quả) decision by decision, with the checks that failed and their legal basis;
 * - {@link renderResultsLetter} (./results-notice): to the whole Nơi nhận list once the council has voted, the official
 *   notice (THÔNG BÁO) of the awarded nominations, and of those proposed to the higher authority (đề nghị cấp trên
 *   xét tặng: titles the agency may not award, shared/domain/authority.ts), laid out as the launch letter (NĐ 30/2020/NĐ-CP Phụ lục I);
 * - {@link renderUnitOutcomes} (./unit-outcomes-mail): to one nominating unit, every one of its nominations with its
 *   outcome and reason.
 * When a document travels as its PDF, the mail is its cover note instead (./cover-note: {@link renderProposalCoverNote},
 * {@link renderResultsCoverNote}); without a PDF (a campaign closed, or results frozen, before the register: no number)
 * the mail is the document, whole ({@link renderProposalMailFor} and {@link renderResultsMail} choose).
 * Pure: no clock, no I/O. The HTML part is built with the `html` tag, so every string from the campaign, the directory
 * and the nominations is escaped there; the text part carries the same content unescaped, with no markup; subjects are
 * one line. Times are read in Vietnam (Asia/Ho_Chi_Minh).
 */
import { renderProposalCoverNote, renderProposalMail, renderProposalMailFor } from './proposal-mail';
import { renderResultsCoverNote, renderResultsLetter, renderResultsMail } from './results-notice';
import { renderUnitOutcomes } from './unit-outcomes-mail';

export type { RenderedMail } from './layout';
export type { ResultMailCampaign } from './nomination-list';
export { PROPOSAL_HEADING, type ProposalCoverInput, type ProposalMailInput } from './proposal-mail';
export { RESULTS_HEADING, RESULTS_TRICH_YEU, type ResultsCoverInput, type ResultsPdfs, type ResultsLetterCampaign, type ResultsLetterInput } from './results-notice';
export { UNIT_OUTCOMES_HEADING, type UnitOutcomesInput } from './unit-outcomes-mail';
export { renderProposalCoverNote, renderProposalMail, renderProposalMailFor, renderResultsCoverNote, renderResultsLetter, renderResultsMail, renderUnitOutcomes };
