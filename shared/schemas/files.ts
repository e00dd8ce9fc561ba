import * as z from 'zod/mini';
import { uploadFileFields } from '../files/schemas';
import { describe, id } from './fields';

/*
 * Evidence and dossier files (minh chứng, hồ sơ: issue 12) a unit attaches to its report's criteria and to its
 * nominations. zod/mini and built on first use, like every input schema (./fields.ts says why).
 */

/** POST /campaigns/{id}/files: what the file is for, and the file as declared (its size and SHA-256 are signed into the upload URL). */
export const FileRequest = z.lazy(() =>
  z.strictObject({
    ...uploadFileFields(),
    purpose: describe(z.enum(['evidence', 'dossier']), 'evidence: minh chứng for a report’s criterion; dossier: hồ sơ of a nomination'),
    unitId: describe(id, 'The unit the file belongs to: the caller’s own unit or one below it (the Office: any)'),
    nominationId: describe(z.optional(id), 'The nomination a dossier file belongs to (its nominating unit must be `unitId`)'),
    period: describe(z.optional(z.enum(['mid-year', 'final'])), 'The report period an evidence file supports'),
    criterionId: describe(z.optional(z.string().check(z.minLength(1), z.maxLength(64))), 'The criterion of the scoring table it supports'),
  }),
);
export type FileRequest = z.infer<typeof FileRequest>;

/** A file as recorded and returned (without its storage key). */
export const StoredFile = z.lazy(() =>
  z.object({
    fileId: z.string(),
    campaignId: z.string(),
    purpose: z.enum(['evidence', 'dossier']),
    unitId: z.string(),
    nominationId: z.optional(z.string()),
    period: z.optional(z.string()),
    criterionId: z.optional(z.string()),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    /** uploading: the URL was handed out; verified: read back and checked; refused: not what was declared. */
    status: z.enum(['uploading', 'verified', 'refused']),
    kind: z.optional(z.string()),
    refusal: z.optional(z.string()),
    uploadedBy: z.string(),
    requestedAt: z.string(),
    verifiedAt: z.optional(z.string()),
  }),
);
export type StoredFile = z.infer<typeof StoredFile>;
