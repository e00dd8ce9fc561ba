import { randomUUID } from 'node:crypto';
import { deadlineRemindersDue, remindersDue } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { closeCampaignNominations } from './nominations';
import { reconcileDeliveries, type ReconcileReport } from './reconcile';
import { logger } from '../powertools';
import type { Campaign } from '../schemas/campaign';
import { listAllCampaigns, saveWithEvent } from '../store/campaigns';
import { keys } from '../store/keys';
import { listAgencies } from '../store/agencies';

/**
 * Every campaign of every agency, agency by agency and page by page: an agency runs a handful a year, and a
 * province a few dozen agencies, so the list stays short. The tick is the platform's own job, so it alone crosses
 * agencies; each action it takes is keyed by the campaign's own agency.
 */
async function allCampaigns(): Promise<Campaign[]> {
  const out: Campaign[] = [];
  for (const agency of await listAgencies()) out.push(...(await listAllCampaigns(agency.id)));
  return out;
}

/**
 * Record a reminder event once per campaign and period (`ReportReminderDue`) or deadline
 * (`ReminderDue`, registration or nominations): the marker item and the event are one transaction
 * with the marker conditional, so two ticks (or a retried one) remind once. The marker is keyed by
 * what is reminded, not by the date: a deadline extended after its reminder went out is not
 * reminded again (the extension notice told the units).
 */
async function recordReminderDue(campaign: Campaign, due: { period: string } | { what: 'registration' | 'nominations' }, deadline: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const eventId = randomUUID();
  const [marker, type, data] = 'period' in due ? [due.period, 'ReportReminderDue' as const, { period: due.period, deadline }] : [due.what, 'ReminderDue' as const, { what: due.what, deadline }];
  return saveWithEvent(
    // The marker names its event, so a submission that arrives later can supersede the reminder still queued.
    [{ item: { ...keys.reminder(campaign.agencyId, campaign.id, marker), entity: 'ReminderMarker', ...data, eventId, recordedAt: at }, onlyIfAbsent: true }],
    { eventId, type, agencyId: campaign.agencyId, campaignId: campaign.id, version: campaign.version, occurredAt: at, actor: 'scheduler', data },
  );
}

/**
 * The periodic tick (EventBridge Scheduler in the cloud, the twin's scheduler locally): what is
 * due by the clock: reminders (reports, registration, nominations), closing nominations at their deadline, and the outbox reconciler.
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
      if (await recordReminderDue(campaign, { period: due.period }, due.deadline, now)) {
        reminders++;
        logger.info('report reminder due', { campaignId: campaign.id, period: due.period, deadline: due.deadline });
      }
    }
    for (const due of deadlineRemindersDue(campaign, now)) {
      if (await recordReminderDue(campaign, { what: due.what }, due.deadline, now)) {
        reminders++;
        logger.info('deadline reminder due', { campaignId: campaign.id, what: due.what, deadline: due.deadline });
      }
    }
  }
  return { reminders, closed, outbox: await reconcileDeliveries(now) };
}
