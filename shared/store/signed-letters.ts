import type { Campaign } from '../schemas/campaign';
import { getItemByKey } from './campaigns';
import { keys, withoutKeys } from './keys';

/** The signed original of a campaign's letter, as recorded (shared/usecases/signed-letter.ts). */
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

export async function getSignedLetter(c: Pick<Campaign, 'agencyId' | 'id'>): Promise<SignedLetter | undefined> {
  const item = await getItemByKey(keys.signedDocument(c.agencyId, c.id, 'launch-letter'));
  return item ? (withoutKeys(item) as unknown as SignedLetter) : undefined;
}
