import { DomainError } from './errors';

/**
 * The register of outgoing documents (sổ đăng ký văn bản đi, NĐ 30/2020/NĐ-CP Art 15 and Art 22; docs/legal-sources.md
 * §5.1): each document an agency issues has a number, counted from 01 on 1 January to 31 December, and a ký hiệu made
 * of the document type's abbreviation and the agency's ("15/KH-SNgV", "3/TB-SNgV"). The register here keeps one count
 * per agency, year and type, as the issue asks; a number given by hand (the launch letter's) is checked against it.
 */

/** The types of the documents the commendation year runs on (NĐ 30/2020 Appendix III abbreviations). */
export const DOCUMENT_TYPES = {
  KH: 'Kế hoạch',
  TTr: 'Tờ trình',
  BB: 'Biên bản',
  QĐ: 'Quyết định',
  TB: 'Thông báo',
  CV: 'Công văn',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

export interface DocumentNumber {
  number: number;
  /** The year written in the number ("86/2025/QĐ-UBND"), when there is one. */
  year?: number;
  /** The first group of the ký hiệu: the document type as written (KH, QĐ, TTr…). */
  type: string;
  /** The rest of the ký hiệu: the issuing agency's abbreviation ("SNgV", "UBND"). */
  symbol: string;
}

const PATTERN = /^(\d{1,5})(?:\/(\d{4}))?\/([A-ZĐ][A-Za-zĐđ]*)(?:-(.+))?$/u;

/** "15/KH-SNgV" → { number: 15, type: 'KH', symbol: 'SNgV' }; undefined for anything else. */
export function parseDocumentNumber(text: string): DocumentNumber | undefined {
  const m = PATTERN.exec(text.normalize('NFC').trim());
  if (!m) return undefined;
  return { number: Number(m[1]), ...(m[2] ? { year: Number(m[2]) } : {}), type: m[3]!, symbol: m[4] ?? '' };
}

export function formatDocumentNumber(n: Pick<DocumentNumber, 'number' | 'type' | 'symbol'>): string {
  return n.symbol ? `${n.number}/${n.type}-${n.symbol}` : `${n.number}/${n.type}`;
}

/** The agency's part of a ký hiệu, taken from one of its own numbers (the campaign's letter). */
export function symbolOf(documentNumber: string): string | undefined {
  return parseDocumentNumber(documentNumber)?.symbol || undefined;
}

/** The register entry a number given by hand takes: its type and number, in the year of the document's date. */
export function registerSlot(documentNumber: string, documentYear: number): { year: number; type: string; number: number } {
  const n = parseDocumentNumber(documentNumber);
  if (!n) throw new DomainError('invalid', `Số, ký hiệu văn bản "${documentNumber}" không đúng mẫu.`, [{ path: 'documentNumber', message: 'phải là số, ký hiệu văn bản, ví dụ "15/KH-SNgV"' }]);
  return { year: n.year ?? documentYear, type: n.type, number: n.number };
}
