import { launchLetterContent, type NoiNhanEntry } from '../mail/letter';
import type { DocumentSigner } from '../mail/layout';
import type { Campaign } from '../schemas/campaign';
import { signatureOf, type OfficialDocument } from './model';
import type { DocumentNumber } from './number';

export interface LaunchLetterDocumentInput {
  campaign: Campaign;
  /** Nơi nhận, in the order printed, the archive line ("Lưu: VT, VP") last. */
  noiNhan: readonly NoiNhanEntry[];
  /** The letter's số/ký hiệu from the register ("15/KH-SNgV"). */
  number: DocumentNumber;
  /** Ngày ban hành 'YYYY-MM-DD' when the campaign states none. */
  date?: string;
  /** Who signs, with the form (KT. GIÁM ĐỐC …); default the campaign's signer in the head's name. */
  signer?: DocumentSigner;
}

/** The launch letter (Kế hoạch / Phát động): the same content as the mail (shared/mail/letter.ts), as a document. */
export function launchLetterDocument(input: LaunchLetterDocumentInput): OfficialDocument {
  const { campaign, number } = input;
  const content = launchLetterContent(campaign, input.noiNhan, input.date ? { date: input.date } : undefined);
  return {
    kind: 'launch-letter',
    head: { issuingBody: campaign.issuingBody, ...(campaign.parentBody ? { parentBody: campaign.parentBody } : {}), documentNumber: number },
    placeDate: content.placeDate,
    blocks: content.blocks,
    signatures: [signatureOf(input.signer ?? campaign.signer)],
    noiNhan: content.noiNhan,
    info: { title: `${number} ${campaign.title}`.replace(/\s+/g, ' ').trim(), subject: campaign.title.replace(/\s+/g, ' ').trim() },
  };
}
