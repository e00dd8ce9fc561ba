import { createHash } from 'node:crypto';

/**
 * SHA-256 in the two spellings the flow needs: hex for people and the API (what `sha256sum` prints,
 * what a document list shows), base64 for S3, whose `x-amz-checksum-sha256` and ChecksumSHA256 carry
 * the 32 bytes in base64.
 */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export const sha256Base64 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('base64');

/** `ab12…` (64 hex digits, either case) → the base64 S3 wants; throws on anything else. */
export function hexToBase64(hex: string): string {
  const h = hex.toLowerCase();
  if (!SHA256_HEX.test(h)) throw new Error(`not a SHA-256 in hex: ${hex}`);
  return Buffer.from(h, 'hex').toString('base64');
}
