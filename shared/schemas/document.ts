import * as z from 'zod/mini';

/** A campaign's document as recorded (shared/store/documents.ts): its PDF in the documents bucket and what issued it. */
export const StoredDocument = z.lazy(() =>
  z.object({
    kind: z.string(),
    documentId: z.string(),
    documentNumber: z.string(),
    key: z.string(),
    versionId: z.optional(z.string()),
    sha256: z.string(),
    size: z.number(),
    filename: z.string(),
    contentType: z.string(),
    campaignId: z.string(),
    /** The event that issued it (its PDF's name in the bucket). */
    eventId: z.string(),
    renderedAt: z.string(),
    /** The signed original the Office uploaded (ký số), issued in place of the rendering. */
    signed: z.optional(z.boolean()),
  }),
);
export type StoredDocument = z.infer<typeof StoredDocument>;
