import type { Campaign, CampaignInput, CampaignStatus } from '../schemas/campaign';
import { DomainError } from './errors';

/**
 * The campaign's life (DESIGN.md "The job"): a draft is issued (phát động) once. Later stages
 * (registered, reported, nominations closed) extend this table; a transition not listed is refused.
 */
const transitions: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['issued'],
  issued: [],
};

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return transitions[from].includes(to);
}

export function newCampaign(input: CampaignInput, ids: { id: string; now: string; actor: string }): Campaign {
  return { ...input, id: ids.id, status: 'draft', version: 1, createdAt: ids.now, createdBy: ids.actor };
}

/**
 * Issue a draft. The letter's date defaults to the day it is issued, in Vietnam's calendar
 * (`today`), since the email must carry the date the document bears.
 */
export function issueCampaign(campaign: Campaign, at: { now: string; today: string; actor: string }): Campaign {
  if (!canTransition(campaign.status, 'issued')) {
    throw new DomainError('conflict', `Phong trào đã ở trạng thái "${campaign.status}", chỉ phát động được khi còn là bản nháp (draft).`);
  }
  return {
    ...campaign,
    status: 'issued',
    version: campaign.version + 1,
    date: campaign.date ?? at.today,
    issuedAt: at.now,
    issuedBy: at.actor,
  };
}
