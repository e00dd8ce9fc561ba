import { DomainError } from '../domain/errors';
import type { Campaign } from '../schemas/campaign';
import { id } from '../schemas/ids';
import { getCampaign } from '../store/campaigns';
import { parseParam } from './params';

/**
 * The caller's agency's campaign; another agency's is "not found", exactly like one that does not exist. Its own
 * module, so that the use cases that only look a campaign up do not bundle the ones that issue it (the signed
 * original's S3 checks: shared/usecases/signed-letter.ts).
 */
export async function findCampaign(agencyId: string, rawId: unknown): Promise<Campaign> {
  const campaignId = parseParam(id, rawId, 'id');
  const campaign = await getCampaign(agencyId, campaignId);
  if (!campaign) throw new DomainError('not-found', `Không tìm thấy phong trào "${campaignId}".`, undefined, 'campaign.not_found');
  return campaign;
}
