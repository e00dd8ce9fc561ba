/**
 * The document builders and the model, without the PDF renderer: what the mail pipeline and the use cases may import.
 * `renderPdf` lives in ./pdf.ts, which only the rendering function imports (it bundles pdfmake and the fonts).
 */
export { awardDecisionDocument, type AwardDecisionInput } from './award-decision';
export { councilMinutesDocument, type CouncilMinutesInput } from './council-minutes';
export { councilSubmissionDocument, type CouncilSubmissionInput } from './council-submission';
export { launchLetterDocument, type LaunchLetterDocumentInput } from './launch-letter';
export { signatureOf, type DocumentKind, type OfficialDocument, type Signature } from './model';
export { documentNumber, documentType, type DocumentNumber } from './number';
export { resultsNoticeDocument, type ResultsNoticeDocumentInput } from './results-notice';
export { superiorSubmissionDocument, type SuperiorSubmissionInput } from './superior-submission';
