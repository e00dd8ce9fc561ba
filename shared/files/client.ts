import { S3Client } from '@aws-sdk/client-s3';

/**
 * One S3 client per process, reused across invocations, like shared/store/client.ts for DynamoDB. The
 * endpoint comes from the SDK's own configuration: AWS_ENDPOINT_URL_S3 on the local twin (s3rver),
 * nothing in the cloud. The twin also sets S3_FORCE_PATH_STYLE=true: s3rver on 127.0.0.1 has no
 * per-bucket host names, while real S3 takes the virtual-hosted style (path style is being retired).
 *
 * `requestChecksumCalculation: 'WHEN_REQUIRED'`: since 3.729 the SDK adds a CRC32 of the body to every
 * PutObject by default, and a presigned PUT would then carry the CRC32 of an empty body in its query
 * (the presigner has no body), which S3 refuses for the real upload. The uploads here name their own
 * checksum, a SHA-256 (presign.ts, put.ts), so the default adds nothing.
 */
export const s3Client = new S3Client({
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

/** The documents bucket (DOCUMENTS_BUCKET): set by the stack for the functions whose wiring declares `bucket`, and by the twin. */
export function documentsBucket(): string {
  const name = process.env.DOCUMENTS_BUCKET;
  if (!name) throw new Error('DOCUMENTS_BUCKET is not set');
  return name;
}
