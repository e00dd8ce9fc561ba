import type { Campaign, CampaignInput, CampaignStatus } from '../schemas/campaign';
import { DomainError } from './errors';

/**
 * The campaign's life (docs/architecture.md "The job"): a draft is issued (phát động) once. Later stages
 * (registered, reported, nominations closed) extend this table; a transition not listed is refused.
 */
const transitions: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['issued'],
  issued: ['nominations-closed'],
  'nominations-closed': ['finalized'],
  finalized: [],
};

const STATUS_VI: Record<CampaignStatus, string> = {
  draft: 'bản nháp',
  issued: 'đã phát động',
  'nominations-closed': 'đã khóa nhận hồ sơ đề nghị',
  finalized: 'đã chốt kết quả',
};

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return transitions[from].includes(to);
}

export function newCampaign(input: CampaignInput, ids: { id: string; now: string; actor: string; agencyId: string; agencyLevel?: Campaign['agencyLevel'] }): Campaign {
  const level = ids.agencyLevel ? { agencyLevel: ids.agencyLevel } : {};
  return { ...input, id: ids.id, agencyId: ids.agencyId, ...level, status: 'draft', version: 1, createdAt: ids.now, createdBy: ids.actor };
}

/**
 * Issue a draft. The letter's date defaults to the day it is issued, in Vietnam's calendar
 * (`today`), since the email must carry the date the document bears.
 */
export function issueCampaign(campaign: Campaign, at: { now: string; today: string; actor: string }): Campaign {
  if (!canTransition(campaign.status, 'issued')) {
    throw new DomainError('conflict', `Phong trào ${STATUS_VI[campaign.status]} (status "${campaign.status}"); chỉ phát động được khi còn là bản nháp (draft).`, undefined, 'campaign.not_draft');
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

/**
 * Close nominations (đề nghị khen thưởng): by the Office, or by the clock at the deadline. Only an
 * issued campaign closes, so a manual close racing the scheduled one yields one event.
 */
export function closeNominations(campaign: Campaign, at: { now: string; actor: string }): Campaign {
  if (!canTransition(campaign.status, 'nominations-closed')) {
    throw new DomainError('conflict', `Phong trào ${STATUS_VI[campaign.status]} (status "${campaign.status}"); chỉ khóa nhận hồ sơ khi đã phát động (issued).`, undefined, 'campaign.not_issued');
  }
  return { ...campaign, status: 'nominations-closed', version: campaign.version + 1, nominationsClosedAt: at.now, nominationsClosedBy: at.actor };
}

/** Freeze the results after the Council's vote. */
export function finalizeCampaign(campaign: Campaign, at: { now: string; actor: string }): Campaign {
  if (!canTransition(campaign.status, 'finalized')) {
    throw new DomainError(
      'conflict',
      `Phong trào ${STATUS_VI[campaign.status]} (status "${campaign.status}"); chỉ chốt kết quả sau khi đã khóa nhận hồ sơ (nominations-closed).`,
      undefined,
      'campaign.not_closed',
    );
  }
  return { ...campaign, status: 'finalized', version: campaign.version + 1, finalizedAt: at.now, finalizedBy: at.actor };
}

/** The date whose law applies to the nominations: the letter's own choice, else the nomination deadline's day. */
export function referenceDateOf(campaign: Pick<Campaign, 'referenceDate' | 'deadlines'>, todayInVietnam: (d: Date) => string): string {
  return campaign.referenceDate ?? todayInVietnam(new Date(campaign.deadlines.nominations));
}

/**
 * The year whose work a campaign judges (năm đánh giá; issue 11), which sets tenure, the consecutive-year chains, the
 * initiatives' years and the sentences, while the reference date chooses the law. The campaign's own `assessmentYear`
 * first; else the launch letter's year, since a letter launches the emulation of its year ("Phong trào thi đua … năm
 * 2023") and is dated in it; else the year of the final reports' deadline, else the nomination deadline's. The
 * deadlines come last because the year-end review is often reported and decided in the following January: the year
 * of those dates is the bug the issue describes.
 */
export function assessmentYearOf(campaign: Pick<Campaign, 'assessmentYear' | 'date' | 'deadlines'>, todayInVietnam: (d: Date) => string): number {
  if (campaign.assessmentYear !== undefined) return campaign.assessmentYear;
  if (campaign.date) return Number(campaign.date.slice(0, 4));
  return Number(todayInVietnam(new Date(campaign.deadlines.reports ?? campaign.deadlines.nominations)).slice(0, 4));
}
