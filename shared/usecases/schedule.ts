import { randomUUID } from 'node:crypto';
import { remindersDue } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { closeCampaignNominations } from './nominations';
import { reconcileDeliveries, type ReconcileReport } from './reconcile';
import { logger } from '../powertools';
import type { Campaign } from '../schemas/campaign';
import { listCampaigns, saveWithEvent } from '../store/campaigns';
import { keys } from '../store/keys';
import { listAgencies } from '../store/agencies';

/**
 * Every campaign of every agency, agency by agency and page by page: an agency runs a handful a year, and a
 * province a few dozen agencies, so the list stays short. The tick is the platform's own job, so it alone crosses
 * agencies; each action it takes is keyed by the campaign's own agency.
 */
async function allCampaigns(): Promise<Campaign[]> {
  const out: Campaign[] = [];
  for (const agency of await listAgencies()) {
    let cursor: string | undefined;
    do {
      const page = await listCampaigns(agency.id, 100, cursor);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return out;
}

/**
 * Record a `ReportReminderDue` event once per campaign and period: the marker item and the event
 * are one transaction with the marker conditional, so two ticks (or a retried one) remind once.
 */
async function recordReminderDue(campaign: Campaign, period: string, deadline: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const eventId = randomUUID();
  return saveWithEvent(
    // The marker names its event, so a report that arrives later can supersede the reminder still queued.
    [{ item: { ...keys.reminder(campaign.agencyId, campaign.id, period), entity: 'ReminderMarker', period, deadline, eventId, recordedAt: at }, onlyIfAbsent: true }],
    { eventId, type: 'ReportReminderDue', agencyId: campaign.agencyId, campaignId: campaign.id, version: campaign.version, occurredAt: at, actor: 'scheduler', data: { period, deadline } },
  );
}

/**
 * The periodic tick (EventBridge Scheduler in the cloud, the twin's scheduler locally): what is
 * due by the clock: reminders, closing nominations at their deadline, and the outbox reconciler.
 * Each action is idempotent, so a late or doubled tick changes nothing.
 */
export async function runScheduledTick(now: Date): Promise<{ reminders: number; closed: number; outbox: ReconcileReport }> {
  let reminders = 0;
  let closed = 0;
  for (const campaign of await allCampaigns()) {
    if (campaign.status === 'issued' && now.getTime() >= Date.parse(campaign.deadlines.nominations)) {
      try {
        await closeCampaignNominations(campaign.agencyId, campaign.id, 'scheduler', now);
        closed++;
        logger.info('nominations closed at their deadline', { campaignId: campaign.id, deadline: campaign.deadlines.nominations });
      } catch (error) {
        // The Office closed it first (or another tick did): one NominationsClosed event either way.
        if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      }
      continue;
    }
    for (const due of remindersDue(campaign, now)) {
      if (await recordReminderDue(campaign, due.period, due.deadline, now)) {
        reminders++;
        logger.info('report reminder due', { campaignId: campaign.id, period: due.period, deadline: due.deadline });
      }
    }
  }
  return { reminders, closed, outbox: await reconcileDeliveries(now) };
}
