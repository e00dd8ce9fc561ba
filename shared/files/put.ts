import { PutObjectCommand } from '@aws-sdk/client-s3';
import { documentsBucket, s3Client } from './client';
import { sha256Base64, sha256Hex } from './hash';

export interface StoredObject {
  key: string;
  /** The version S3 gave it (versioned bucket); undefined on a store without versioning (the twin's s3rver). */
  versionId: string | undefined;
  size: number;
  /** Hex, as the document list shows it. */
  sha256: string;
}

/**
 * Stores a file the system made (a rendered PDF) with its SHA-256 as the request checksum: S3 refuses
 * the write if the bytes it received are not the ones hashed here (BadDigest), and keeps the checksum
 * with the object. The caller records `sha256` and `versionId` with the document.
 */
export async function putObject(key: string, body: Uint8Array, contentType: string): Promise<StoredObject> {
  const out = await s3Client.send(
    new PutObjectCommand({
      Bucket: documentsBucket(),
      Key: key,
      Body: body,
      ContentType: contentType,
      ContentLength: body.byteLength,
      ChecksumSHA256: sha256Base64(body),
    }),
  );
  return { key, versionId: out.VersionId, size: body.byteLength, sha256: sha256Hex(body) };
}
