import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { normaliseAddress } from '#shared/domain/recipients';
import { renderReportReminder } from '#shared/mail/report-mails';
import { queueMail } from '#shared/outbox';
import { logger } from '#shared/powertools';
import { DomainEvent } from '#shared/schemas/events';
import { ReportPeriod } from '#shared/schemas/scoring';
import { getCampaign } from '#shared/store/campaigns';
import { loadDirectory } from '#shared/store/directory';
import { listReports } from '#shared/store/reports';
import { markMailingPrepared } from '#shared/store/mailings';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';

/**
 * ReportReminderDue (recorded once per campaign and period by the scheduled tick) → one reminder
 * per participating unit that has not reported for the period. Each unit's mail is its own
 * message in the outbox, so a retried batch reminds nobody twice.
 */
async function onReportReminderDue(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  if (!campaign) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} does not exist`);
  const period = ReportPeriod.parse(event.data.period);
  const deadline = String(event.data.deadline);
  const reported = new Set((await listReports(campaign.agencyId, campaign.id, period)).map((r) => String(r.unitId)));
  const { units } = await loadDirectory(event.agencyId);
  const missing = units.filter((u) => campaign.participatingUnits.includes(u.unitId) && !reported.has(u.unitId));
  let queued = 0;
  for (const unit of missing) {
    queued += await queueMail(event, `reminder:${unit.unitId}`, renderReportReminder({ campaign, unit, period, deadline }), {
      emails: [...new Set(unit.emails.map(normaliseAddress))].map((address) => ({ address, groups: [{ code: `UNIT:${unit.unitId}`, name: unit.name }] })),
    });
  }
  await markMailingPrepared(event, queued, new Date());
  logger.info('report reminders queued', { campaignId: campaign.id, eventId: event.eventId, period, units: missing.map((u) => u.unitId) });
}

export const handler = middy(streamConsumer(onReportReminderDue)).use(injectLambdaContext(logger));
