import { parseDocumentNumber } from '../domain/document-register';
import { documentNumber as documentNumberSchema } from '../schemas/campaign';

/**
 * A document's số and ký hiệu (NĐ 30/2020/NĐ-CP Phụ lục I; docs/legal-sources.md §5.1), as the agency's register gave
 * it: "05/QĐ-SNgV". The type is branded, so a builder cannot be handed a blank or hand-typed string: the only way to
 * make one is {@link documentNumber}, which refuses anything that is not a number and a symbol.
 */
export type DocumentNumber = string & { readonly __brand: 'DocumentNumber' };

/** "05/QĐ-SNgV" → a DocumentNumber; throws on a blank, a draft ("      /TB-SNgV") or a malformed number. */
export function documentNumber(s: string): DocumentNumber {
  const parsed = documentNumberSchema.safeParse(s);
  if (!parsed.success) throw new Error(`Số, ký hiệu văn bản không hợp lệ: "${s}"`);
  return parsed.data as DocumentNumber;
}

/** The ký hiệu's first group: "05/QĐ-SNgV" → "QĐ", "86/2025/QĐ-UBND" → "QĐ", "1486/SNV-TĐKT" → "SNV". */
export const documentType = (n: DocumentNumber): string => parseDocumentNumber(n)?.type ?? '';
