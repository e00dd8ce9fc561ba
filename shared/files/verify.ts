import { createHash } from 'node:crypto';
import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey } from '@aws-sdk/client-s3';
import { documentsBucket, s3Client } from './client';
import { checkKind, FILE_KINDS, type FileKind, kindList, kindOfMime, MAX_UPLOAD_BYTES } from './kinds';

export interface UploadExpectation {
  /** The size declared when the upload URL was made. */
  size: number;
  /** The SHA-256 declared, 64 hex digits. */
  sha256: string;
  /** The kinds this upload may be (kinds.ts EVIDENCE_KINDS, SIGNED_ORIGINAL_KINDS). */
  kinds: readonly FileKind[];
  /** The media type declared (and signed into the upload URL): the content must be that kind. */
  contentType?: string;
}

export type UploadRejection = 'missing' | 'too-large' | 'size' | 'checksum' | 'kind';

export type VerifiedUpload =
  | { ok: true; key: string; versionId: string | undefined; size: number; sha256: string; kind: FileKind; mime: string }
  | { ok: false; key: string; reason: UploadRejection; message: string };

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/**
 * Reads an uploaded object back and says whether it is what was declared: its size, its SHA-256
 * (hashed here from the bytes, not taken from S3's metadata), and its kind, from the content
 * (file-type). A rejection carries a Vietnamese sentence for the person who uploaded.
 *
 * Why read it back when real S3 already refused another size or checksum (presign.ts): the kind is
 * only known from the bytes; the twin's s3rver enforces neither the signature nor the checksum; and an
 * upload URL stays valid for minutes, so the object read here is the one recorded (its `versionId`
 * pins it: a later PUT through the same URL makes a new version, not this one).
 *
 * At most MAX_UPLOAD_BYTES (20 MB) are read, streamed and hashed as they come; the stream is dropped
 * as soon as it passes the declared size. Nothing is deleted here: the caller decides what happens to
 * a refused object (the bucket's lifecycle removes old versions).
 */
export async function verifyUpload(key: string, expected: UploadExpectation, options: { versionId?: string } = {}): Promise<VerifiedUpload> {
  const refuse = (reason: UploadRejection, message: string): VerifiedUpload => ({ ok: false, key, reason, message });
  let object: GetObjectCommandOutput;
  try {
    object = await s3Client.send(new GetObjectCommand({ Bucket: documentsBucket(), Key: key, ...(options.versionId ? { VersionId: options.versionId } : {}) }));
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
      return refuse('missing', 'Chưa có tệp nào được tải lên (hoặc liên kết tải lên đã hết hạn trước khi tải xong). Vui lòng tải tệp lên lại.');
    }
    throw error;
  }
  const body = object.Body as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  const limit = Math.min(expected.size, MAX_UPLOAD_BYTES);
  const tooLarge = () => refuse('too-large', `Tệp vượt quá dung lượng cho phép ${mb(MAX_UPLOAD_BYTES)}.`);
  const sizeDiffers = (actual: number | string) =>
    refuse('size', `Tệp đã tải lên có dung lượng ${actual} byte, khác với ${expected.size} byte đã khai báo: tệp có thể tải lên chưa trọn vẹn hoặc đã bị thay. Vui lòng tải lên lại.`);
  if (object.ContentLength !== undefined && object.ContentLength > MAX_UPLOAD_BYTES) {
    body?.destroy?.();
    return tooLarge();
  }
  if (object.ContentLength !== undefined && object.ContentLength !== expected.size) {
    body?.destroy?.();
    return sizeDiffers(object.ContentLength);
  }
  if (!body) return refuse('missing', 'Tệp đã tải lên không có nội dung.');

  const hash = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let read = 0;
  for await (const chunk of body) {
    read += chunk.byteLength;
    if (read > limit) {
      body.destroy?.();
      return read > MAX_UPLOAD_BYTES ? tooLarge() : sizeDiffers(`hơn ${expected.size}`);
    }
    hash.update(chunk);
    chunks.push(chunk);
  }
  if (read !== expected.size) return sizeDiffers(read);
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.sha256.toLowerCase()) {
    return refuse('checksum', 'Mã SHA-256 của tệp đã tải lên không khớp với mã đã khai báo: tệp đã bị thay đổi hoặc tải lên không trọn vẹn. Vui lòng tải lên lại.');
  }

  const kind = await checkKind(Buffer.concat(chunks, read), expected.kinds);
  if (!kind.ok) return refuse('kind', kind.message);
  const declared = expected.contentType ? kindOfMime(expected.contentType) : undefined;
  if (expected.contentType && declared !== kind.kind) {
    const said = declared ? FILE_KINDS[declared].label : expected.contentType;
    return refuse('kind', `Tệp được khai báo là ${said} nhưng nội dung là ${FILE_KINDS[kind.kind].label}. Vui lòng tải lên lại với đúng loại tệp (${kindList(expected.kinds)}).`);
  }
  return { ok: true, key, versionId: object.VersionId, size: read, sha256, kind: kind.kind, mime: kind.mime };
}
