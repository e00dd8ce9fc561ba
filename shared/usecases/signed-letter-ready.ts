import { DomainError } from '../domain/errors';
import type { Agency } from '../schemas/agency';
import type { Campaign } from '../schemas/campaign';
import { getSignedLetter } from '../store/signed-letters';

/**
 * At issue: a signed letter asked for must have been uploaded and checked (completeSignedUpload), and an agency that
 * requires one gets no letter without it. Reads the table only: the file was checked when its upload was completed.
 */
export async function requireSignedLetterReady(campaign: Campaign, agency: Agency | undefined): Promise<void> {
  const signed = await getSignedLetter(campaign);
  if (signed && !signed.verifiedAt) {
    throw new DomainError(
      'conflict',
      'Bản ký số đã được yêu cầu nhưng chưa tải lên hoặc chưa kiểm tra xong; hãy tải lên rồi xác nhận (…/signed/complete).',
      [{ path: 'signed', message: 'chưa hoàn tất' }],
      'document.signed_invalid',
    );
  }
  if (!signed && agency?.requireSignedLetter) {
    throw new DomainError('conflict', 'Cơ quan yêu cầu bản ký số của văn bản trước khi phát động; hãy tải lên bản PDF đã ký.', undefined, 'document.signed_required');
  }
}
