import { DomainError } from '../domain/errors';
import { objectKey } from '../files/keys';
import { SIGNED_ORIGINAL_KINDS } from '../files/kinds';
import { presignUpload } from '../files/presign';
import type { UploadFileRequest } from '../files/schemas';
import { verifyUpload } from '../files/verify';
import type { Agency } from '../schemas/agency';
import type { Campaign } from '../schemas/campaign';
import { getItemByKey, saveItem } from '../store/campaigns';
import { keys, withoutKeys } from '../store/keys';
import type { Principal } from './principal';

/**
 * The signed original of a campaign's letter (văn bản ký số, issue 12): the Office uploads the PDF its head signed
 * before the letter is issued; the letter then goes out as that file, not as the rendering. The upload is presigned
 * (PDF only, its exact size and SHA-256 signed into the URL) and read back when the letter is issued.
 */
export interface SignedLetter {
  key: string;
  filename: string;
  size: number;
  sha256: string;
  requestedAt: string;
  requestedBy: string;
  /** Set when issuing checked the upload: the version the letter carries. */
  verifiedAt?: string;
  versionId?: string;
}

export const SIGNED_DOCUMENTS = ['launch-letter'] as const;

const signedKey = (c: Pick<Campaign, 'agencyId' | 'id'>) => objectKey(c.agencyId, c.id, 'documents', 'launch-letter', 'signed');

/** POST /campaigns/{id}/documents/{docId}/signed: an upload URL for the signed letter, while the campaign is a draft. */
export async function requestSignedUpload(campaign: Campaign, rawDocId: unknown, input: UploadFileRequest, actor: Principal, now: Date) {
  if (!(SIGNED_DOCUMENTS as readonly unknown[]).includes(rawDocId)) {
    throw new DomainError('not-found', `Văn bản "${String(rawDocId)}" không nhận bản ký số; chỉ nhận: ${SIGNED_DOCUMENTS.join(', ')}.`, undefined, 'document.not_found');
  }
  if (campaign.status !== 'draft') {
    throw new DomainError('conflict', 'Văn bản đã được phát hành; bản ký số phải được tải lên trước khi phát động.', undefined, 'campaign.not_draft');
  }
  if (input.contentType !== 'application/pdf') {
    throw new DomainError('invalid', 'Bản ký số phải là tệp PDF.', [{ path: 'contentType', message: 'chỉ nhận application/pdf' }]);
  }
  const key = signedKey(campaign);
  const upload = await presignUpload({ key, size: input.size, sha256: input.sha256.toLowerCase(), contentType: input.contentType, kinds: SIGNED_ORIGINAL_KINDS });
  const record: SignedLetter = { key, filename: input.filename, size: input.size, sha256: input.sha256.toLowerCase(), requestedAt: now.toISOString(), requestedBy: actor.sub };
  await saveItem({ ...keys.signedDocument(campaign.agencyId, campaign.id, 'launch-letter'), entity: 'SignedDocument', ...record });
  return { documentId: 'launch-letter', upload };
}

export async function getSignedLetter(c: Pick<Campaign, 'agencyId' | 'id'>): Promise<SignedLetter | undefined> {
  const item = await getItemByKey(keys.signedDocument(c.agencyId, c.id, 'launch-letter'));
  return item ? (withoutKeys(item) as unknown as SignedLetter) : undefined;
}

/**
 * At issue: the signed letter read back and checked (size, SHA-256, a PDF from its bytes), or its absence refused when
 * the agency requires one. Returns the record to write in the issue transaction (verified, with the version issued).
 */
export async function checkedSignedLetter(campaign: Campaign, agency: Agency | undefined, now: Date): Promise<Record<string, unknown> | undefined> {
  const signed = await getSignedLetter(campaign);
  if (!signed) {
    if (agency?.requireSignedLetter) {
      throw new DomainError('conflict', 'Cơ quan yêu cầu bản ký số của văn bản trước khi phát động; hãy tải lên bản PDF đã ký.', undefined, 'document.signed_required');
    }
    return undefined;
  }
  const verified = await verifyUpload(signed.key, { size: signed.size, sha256: signed.sha256, kinds: SIGNED_ORIGINAL_KINDS, contentType: 'application/pdf' });
  if (!verified.ok) {
    throw new DomainError('conflict', `Bản ký số chưa dùng được: ${verified.message}`, [{ path: 'signed', message: verified.message }], 'document.signed_invalid');
  }
  return {
    ...keys.signedDocument(campaign.agencyId, campaign.id, 'launch-letter'),
    entity: 'SignedDocument',
    ...signed,
    verifiedAt: now.toISOString(),
    ...(verified.versionId ? { versionId: verified.versionId } : {}),
  };
}
