import type { DocumentSigner } from '../mail/layout';
import { RESULTS_TRICH_YEU, resultsNoticeContent, type ResultsLetterInput } from '../mail/results-notice';
import { signatureOf, type OfficialDocument } from './model';
import type { DocumentNumber } from './number';

export interface ResultsNoticeDocumentInput extends Omit<ResultsLetterInput, 'documentNumber'> {
  /** The notice's số/ký hiệu from the register ("07/TB-SNgV"): never the draft the mail falls back to. */
  number: DocumentNumber;
  signer?: DocumentSigner;
}

/** The results notice (Thông báo kết quả bình xét): the content of the mail (shared/mail/results-notice.ts), numbered. */
export function resultsNoticeDocument(input: ResultsNoticeDocumentInput): OfficialDocument {
  const { number } = input;
  const content = resultsNoticeContent({ ...input, documentNumber: number });
  return {
    kind: 'results-notice',
    head: { ...content.head, documentNumber: number },
    placeDate: content.placeDate,
    blocks: content.blocks,
    signatures: [signatureOf(input.signer ?? input.campaign.signer)],
    noiNhan: content.noiNhan,
    info: { title: `Thông báo ${number}`, subject: RESULTS_TRICH_YEU },
  };
}
