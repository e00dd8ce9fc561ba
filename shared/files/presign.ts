import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { documentsBucket, s3Client } from './client';
import { hexToBase64 } from './hash';
import { FILE_KINDS, type FileKind, kindOfMime, MAX_UPLOAD_BYTES } from './kinds';

/** How long an upload URL is valid: long enough for 20 MB on a slow line, short enough that a leaked URL soon dies. */
export const UPLOAD_EXPIRES_SECONDS = 600;
/** How long a download URL is valid: it is fetched at once, by the person who asked for the list. */
export const DOWNLOAD_EXPIRES_SECONDS = 300;

export interface UploadRequest {
  /** The object key (keys.ts `objectKey`). */
  key: string;
  /** The exact size in bytes the client will send (1 to MAX_UPLOAD_BYTES). */
  size: number;
  /** The SHA-256 of the exact bytes, 64 hex digits. */
  sha256: string;
  /** One of the allowed kinds' media types (kinds.ts); what the object will be served as. */
  contentType: string;
  /** Kinds this upload may be (default: any of kinds.ts). The declared content type must be one of them. */
  kinds?: readonly FileKind[];
  expiresInSeconds?: number;
}

export interface PresignedUpload {
  method: 'PUT';
  url: string;
  /**
   * Headers the client must send as they are: they are signed, so any other value fails the
   * signature. Content-Length is signed too (`size`), but not listed: every HTTP client sets it from
   * the body, and a browser refuses to set it by hand.
   */
  headers: { 'content-type': string; 'x-amz-checksum-sha256': string };
  /** The Content-Length the signature covers: the body must be exactly this many bytes. */
  size: number;
  expiresAt: string;
}

/**
 * A presigned PUT for exactly one body: the signature covers Content-Length, Content-Type and the
 * `x-amz-checksum-sha256` header, so real S3 refuses a body of another size (SignatureDoesNotMatch)
 * and a body whose SHA-256 is not the declared one (BadDigest), before anything is stored.
 *
 * The checksum stays a header (unhoisted) rather than a query parameter: as a header S3 checks the body
 * against it; the browser sends it as given in `headers`. The bucket's CORS allows exactly these headers.
 *
 * S3 is not the only gate: verifyUpload (verify.ts) reads the object back (size, SHA-256, kind from the
 * content), because an emulator (the twin's s3rver) enforces none of this, and because the kind of a
 * file is only known from its bytes.
 */
export async function presignUpload(request: UploadRequest): Promise<PresignedUpload> {
  const { key, size, sha256, contentType } = request;
  if (!Number.isInteger(size) || size < 1 || size > MAX_UPLOAD_BYTES) throw new RangeError(`size ${size} is not 1–${MAX_UPLOAD_BYTES} bytes`);
  const kind = kindOfMime(contentType);
  const kinds = request.kinds ?? (Object.keys(FILE_KINDS) as FileKind[]);
  if (!kind || !kinds.includes(kind)) throw new RangeError(`content type ${contentType} is not one of ${kinds.map((k) => FILE_KINDS[k].mime).join(', ')}`);
  const checksum = hexToBase64(sha256);
  const expiresIn = request.expiresInSeconds ?? UPLOAD_EXPIRES_SECONDS;
  const command = new PutObjectCommand({
    Bucket: documentsBucket(),
    Key: key,
    ContentLength: size,
    ContentType: FILE_KINDS[kind].mime,
    ChecksumSHA256: checksum,
  });
  const url = await getSignedUrl(s3Client, command, {
    expiresIn,
    // The presigner leaves Content-Type unsigned unless told; Content-Length is signed as any header present.
    signableHeaders: new Set(['content-type', 'content-length']),
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return {
    method: 'PUT',
    url,
    headers: { 'content-type': FILE_KINDS[kind].mime, 'x-amz-checksum-sha256': checksum },
    size,
    expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
  };
}

/**
 * `attachment; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf` (RFC 6266, RFC 8187): the
 * UTF-8 name for every current browser, an ASCII fallback (diacritics dropped) for the rest. The name
 * is NFC-normalised; quotes, backslashes, control characters and path separators are replaced.
 */
export function contentDisposition(filename: string): string {
  const clean =
    filename
      .normalize('NFC')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\u0000-\u001f\u007f"\\/]/g, '_')
      .trim() || 'tep';
  const ascii =
    clean
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]/g, '_') || 'tep';
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface PresignedDownload {
  url: string;
  expiresAt: string;
}

/**
 * A presigned GET that downloads the object under `filename` (the name the person gave, with its
 * diacritics). With `versionId` (what verifyUpload and putObject return), the URL serves that version
 * and no later one: a file replaced after it was checked is not what gets downloaded.
 */
export async function presignDownload(key: string, filename: string, options: { versionId?: string; expiresInSeconds?: number } = {}): Promise<PresignedDownload> {
  const expiresIn = options.expiresInSeconds ?? DOWNLOAD_EXPIRES_SECONDS;
  const command = new GetObjectCommand({
    Bucket: documentsBucket(),
    Key: key,
    ...(options.versionId ? { VersionId: options.versionId } : {}),
    ResponseContentDisposition: contentDisposition(filename),
  });
  const url = await getSignedUrl(s3Client, command, { expiresIn });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
}
