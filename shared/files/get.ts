import { GetObjectCommand } from '@aws-sdk/client-s3';
import { documentsBucket, s3Client } from './client';
import { sha256Hex } from './hash';

/**
 * A stored file's bytes, checked against the SHA-256 recorded with it: what the mailer attaches is, byte for byte,
 * the document the register and the document list name (a file replaced under the same key is refused, not sent).
 */
export async function getVerifiedObject(ref: { key: string; versionId?: string; sha256: string }): Promise<Uint8Array> {
  const out = await s3Client.send(new GetObjectCommand({ Bucket: documentsBucket(), Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) }));
  const bytes = await out.Body!.transformToByteArray();
  const actual = sha256Hex(bytes);
  if (actual !== ref.sha256) throw new Error(`the file ${ref.key} does not match its recorded SHA-256 (${actual} ≠ ${ref.sha256})`);
  return bytes;
}
