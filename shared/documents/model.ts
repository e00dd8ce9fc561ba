import { signerLines, type Block, type DocumentSigner, type LetterHead } from '../mail/layout';
import type { DocumentNumber } from './number';

/**
 * One administrative document as NĐ 30/2020/NĐ-CP Phụ lục I lays it out, whatever draws it: the HTML mail
 * (shared/mail/layout) and the PDF (./pdf.ts) read the same model, so no sentence is written twice. Pure data.
 */

/** The documents the process runs on (issue 12), by the ký hiệu of their type. */
export type DocumentKind = 'launch-letter' | 'results-notice' | 'council-submission' | 'council-minutes' | 'award-decision' | 'superior-submission';

/** A signature: the capitalised lines above it ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") and the name under the space to sign. */
export interface Signature {
  lines: string[];
  name: string;
}

export interface OfficialDocument {
  kind: DocumentKind;
  /** The header: cơ quan chủ quản, issuing body and the số/ký hiệu (never blank: a DocumentNumber). */
  head: LetterHead & { documentNumber: DocumentNumber };
  /** "Lạng Sơn, ngày 05 tháng 12 năm 2026". */
  placeDate: string;
  /** The title (kind and trích yếu as heading blocks), then the body. */
  blocks: Block[];
  /** Left to right; the head's signature is the last (right). A Biên bản has two: the secretary, the chair. */
  signatures: Signature[];
  /** Lines from noiNhanLines, the archive line ("- Lưu: VT, VP.") last; empty when the document has none. */
  noiNhan: string[];
  /** A list attached to the document (danh sách kèm theo), printed from a new page. */
  annex?: Block[];
  /** PDF metadata: the title ("Quyết định 05/QĐ-SNgV") and the subject (the trích yếu). */
  info: { title: string; subject: string };
}

export type { DocumentNumber, DocumentSigner };

/** The signature block of a signer: the lines of the signing form (KT., TL., TM., Q.) and the name. */
export function signatureOf(signer: DocumentSigner): Signature {
  return { lines: signerLines(signer), name: signer.name.trim() };
}
