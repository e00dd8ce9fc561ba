import * as z from 'zod/mini';
import { describe, text } from '../schemas/fields';
import { FILE_KINDS, MAX_UPLOAD_BYTES } from './kind-list';

/*
 * The body of a request for an upload URL (a signed original, an evidence or dossier file), for the
 * routes that hand out presigned uploads. zod/mini and built on first use, like the other input schemas
 * (shared/schemas/fields.ts says why). The route narrows `contentType` to the kinds it takes
 * (SIGNED_ORIGINAL_KINDS: PDF only).
 */
const MIME_TYPES = Object.values(FILE_KINDS).map((k) => k.mime) as [string, ...string[]];

/** The declared file's fields, shared by the routes that take one (a signed original; an evidence or dossier file). */
export const uploadFileFields = () => ({
  filename: describe(text(255), 'The file’s name as the person has it (with its diacritics): the name it downloads under; never part of the storage key'),
  size: describe(
    z.number().check(z.int(), z.minimum(1, 'tệp rỗng'), z.maximum(MAX_UPLOAD_BYTES, `tệp vượt quá ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`)),
    'The exact size in bytes (at most 20 MB); signed into the upload URL',
  ),
  sha256: describe(
    z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'mã SHA-256 gồm 64 chữ số thập lục phân')),
    'SHA-256 of the exact bytes, 64 hex digits; signed into the upload URL and checked again after the upload',
  ),
  contentType: describe(z.enum(MIME_TYPES), 'PDF, PNG, JPEG, DOCX or XLSX; the type is checked again from the content'),
});

export const UploadFileRequest = z.lazy(() => z.strictObject(uploadFileFields()));
export type UploadFileRequest = z.infer<typeof UploadFileRequest>;
