import { DomainError } from '../domain/errors';
import { objectKey } from '../files/keys';
import { SIGNED_ORIGINAL_KINDS } from '../files/kinds';
import { presignUpload } from '../files/presign';
import type { UploadFileRequest } from '../files/schemas';
import { verifyUpload } from '../files/verify';
import type { Campaign } from '../schemas/campaign';
import { saveItem } from '../store/campaigns';
import { getSignedLetter, type SignedLetter } from '../store/signed-letters';
import { keys } from '../store/keys';
import type { Principal } from './principal';

/**
 * The signed original of a campaign's letter (văn bản ký số, issue 12): the Office uploads the PDF its head signed
 * before the letter is issued; the letter then goes out as that file, not as the rendering. The upload is presigned
 * (PDF only, its exact size and SHA-256 signed into the URL), read back and checked when the Office says the upload is
 * done; issuing then only reads the record (no S3 in the function that issues).
 */
export type { SignedLetter };

export const SIGNED_DOCUMENTS = ['launch-letter'] as const;

/** Where the signed letter's record is (the table) and where its file goes (the bucket). */
const recordKey = (c: Pick<Campaign, 'agencyId' | 'id'>) => keys.signedDocument(c.agencyId, c.id, 'launch-letter');
const signedKey = (c: Pick<Campaign, 'agencyId' | 'id'>) => objectKey(c.agencyId, c.id, 'documents', 'launch-letter', 'signed');

/** POST /campaigns/{id}/documents/{docId}/signed: an upload URL for the signed letter, while the campaign is a draft. */
export async function requestSignedUpload(campaign: Campaign, rawDocId: unknown, input: UploadFileRequest, actor: Principal, now: Date) {
  requireSignable(rawDocId);
  if (campaign.status !== 'draft') {
    throw new DomainError('conflict', 'Văn bản đã được phát hành; bản ký số phải được tải lên trước khi phát động.', undefined, 'campaign.not_draft');
  }
  if (input.contentType !== 'application/pdf') {
    throw new DomainError('invalid', 'Bản ký số phải là tệp PDF.', [{ path: 'contentType', message: 'chỉ nhận application/pdf' }]);
  }
  const key = signedKey(campaign);
  const upload = await presignUpload({ key, size: input.size, sha256: input.sha256.toLowerCase(), contentType: input.contentType, kinds: SIGNED_ORIGINAL_KINDS });
  const record: SignedLetter = { key, filename: input.filename, size: input.size, sha256: input.sha256.toLowerCase(), requestedAt: now.toISOString(), requestedBy: actor.sub };
  await saveItem({ ...recordKey(campaign), entity: 'SignedDocument', ...record });
  return { documentId: 'launch-letter', upload };
}

export { getSignedLetter };

const requireSignable = (rawDocId: unknown) => {
  if (!(SIGNED_DOCUMENTS as readonly unknown[]).includes(rawDocId)) {
    throw new DomainError('not-found', `Văn bản "${String(rawDocId)}" không nhận bản ký số; chỉ nhận: ${SIGNED_DOCUMENTS.join(', ')}.`, undefined, 'document.not_found');
  }
};

/**
 * POST /campaigns/{id}/documents/{docId}/signed/complete: the upload read back and checked (its size, its SHA-256, a
 * PDF from its bytes) and recorded with the version that was checked; a 400 says why it is refused. Issuing then
 * sends that version.
 */
export async function completeSignedUpload(campaign: Campaign, rawDocId: unknown, now: Date) {
  requireSignable(rawDocId);
  const signed = await getSignedLetter(campaign);
  if (!signed) throw new DomainError('not-found', 'Chưa có yêu cầu tải lên bản ký số cho văn bản này.', undefined, 'document.not_found');
  if (campaign.status !== 'draft') throw new DomainError('conflict', 'Văn bản đã được phát hành; bản ký số không còn thay được.', undefined, 'campaign.not_draft');
  const verified = await verifyUpload(signed.key, { size: signed.size, sha256: signed.sha256, kinds: SIGNED_ORIGINAL_KINDS, contentType: 'application/pdf' });
  if (!verified.ok) {
    const { verifiedAt: _v, versionId: _n, ...pending } = signed;
    await saveItem({ ...recordKey(campaign), entity: 'SignedDocument', ...pending });
    throw new DomainError('invalid', `Bản ký số không được nhận: ${verified.message}`, [{ path: 'file', message: verified.message }]);
  }
  const done: SignedLetter = { ...signed, verifiedAt: now.toISOString(), ...(verified.versionId ? { versionId: verified.versionId } : {}) };
  await saveItem({ ...recordKey(campaign), entity: 'SignedDocument', ...done });
  return { documentId: 'launch-letter', filename: done.filename, size: done.size, sha256: done.sha256, verifiedAt: done.verifiedAt! };
}
