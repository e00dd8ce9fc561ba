import * as z from 'zod/mini';
import { DOCUMENT_TYPE_CODES } from '../domain/document-register';
import { describe, documentSymbol, id, text } from './fields';

/*
 * The register of outgoing documents (shared/domain/document-register.ts): zod/mini and built on first use, like every
 * input schema (./fields.ts says why).
 */

const documentType = () => describe(z.enum(DOCUMENT_TYPE_CODES), 'The document type (NĐ 30/2020 Appendix III): KH Kế hoạch, TTr Tờ trình, BB Biên bản, QĐ Quyết định, TB Thông báo, CV Công văn');

/** POST /document-numbers: the next number of a type, taken atomically. */
export const DocumentNumberRequest = z.lazy(() =>
  z.strictObject({
    type: documentType(),
    title: describe(text(500), 'Trích yếu: what the document is about, as the register lists it'),
    campaignId: describe(z.optional(id), 'The campaign the document belongs to, if any'),
    symbol: describe(z.optional(documentSymbol), 'The agency’s abbreviation in the ký hiệu ("SNgV"); default: the agency’s `documentSymbol`'),
  }),
);
export type DocumentNumberRequest = z.infer<typeof DocumentNumberRequest>;

/** GET /document-numbers: one year of the register, one type or all. A query is an object, not lazy (RouteSpec.query). */
export const RegisterQuery = z.strictObject({
  year: describe(z.coerce.number().check(z.int(), z.gte(2000), z.lte(2100)), 'The register’s year'),
  type: z.optional(documentType()),
});

/** One line of the register, as stored and returned. */
export const RegisterEntry = z.lazy(() =>
  z.object({
    documentNumber: z.string(),
    year: z.number(),
    type: z.string(),
    number: z.number(),
    title: z.string(),
    campaignId: z.optional(z.string()),
    /** What took the number: a campaign's letter, a generated document, or a request of the Office. */
    source: z.enum(['campaign-letter', 'generated', 'requested']),
    registeredAt: z.string(),
    registeredBy: z.string(),
  }),
);
export type RegisterEntry = z.infer<typeof RegisterEntry>;

export const RegisterList = z.lazy(() => z.object({ items: z.array(RegisterEntry) }));

/** The numbers of the documents a campaign's results are issued in (shared/usecases/nominations.ts finalize). */
export const ResultsDocuments = z.lazy(() =>
  z.object({
    notice: describe(z.string(), 'The results notice (Thông báo), e.g. "3/TB-SNgV"'),
    decision: describe(z.optional(z.string()), 'The award decision (Quyết định khen thưởng) for the titles the agency awards itself'),
    submission: describe(z.optional(z.string()), 'The submission to the superior (Tờ trình đề nghị) for the titles it proposes'),
    minutes: describe(z.optional(z.string()), 'The minutes of the Council’s meeting (Biên bản), when the ballot recorded the meeting'),
  }),
);
export type ResultsDocuments = z.infer<typeof ResultsDocuments>;
