import type { DocumentKind } from './model';
import type { LaunchLetterDocumentInput } from './launch-letter';
import type { ResultsNoticeDocumentInput } from './results-notice';
import type { AwardDecisionInput } from './award-decision';
import type { SuperiorSubmissionInput } from './superior-submission';
import type { CouncilMinutesInput } from './council-minutes';
import type { CouncilSubmissionInput } from './council-submission';

/**
 * What the mail-preparing consumers ask the renderer for (functions/render-document.ts), and what it answers. The
 * renderer is its own function, invoked synchronously: it alone bundles pdfmake and the fonts (issue 12 "Where the
 * work runs"); it reads nothing from the table, it turns a document's data into a PDF in the bucket.
 */
export type RenderRequest = {
  agencyId: string;
  campaignId: string;
  /** The document's id in the campaign (`launch-letter`, `results-notice`): its folder in the bucket. */
  documentId: string;
  /** The event that issues it: the object's name, so a retried consumer writes the same key. */
  eventId: string;
  /** The PDF's creation date: the event's, so a retry renders the same bytes (the same SHA-256). */
  createdAt: string;
  /** The file name people see when they download it or open the attachment. */
  filename: string;
} & (
  | { kind: 'launch-letter'; input: LaunchLetterDocumentInput }
  | { kind: 'results-notice'; input: ResultsNoticeDocumentInput }
  | { kind: 'award-decision'; input: AwardDecisionInput }
  | { kind: 'superior-submission'; input: SuperiorSubmissionInput }
  | { kind: 'council-minutes'; input: CouncilMinutesInput }
  | { kind: 'council-submission'; input: CouncilSubmissionInput }
);

export interface RenderedDocument {
  kind: DocumentKind;
  documentId: string;
  documentNumber: string;
  key: string;
  versionId?: string;
  sha256: string;
  size: number;
  filename: string;
  contentType: 'application/pdf';
}
