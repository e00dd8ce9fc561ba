import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { reportDeadline } from '#shared/domain/deadlines';
import { normaliseAddress } from '#shared/domain/recipients';
import { scoreReport } from '#shared/domain/scoring';
import { renderReportAcknowledgement, renderReportOfficeNotice } from '#shared/mail/report-mails';
import { queueMail } from '#shared/outbox';
import { logger } from '#shared/powertools';
import { DomainEvent } from '#shared/schemas/events';
import { UnitReport } from '#shared/schemas/scoring';
import { getCampaign } from '#shared/store/campaigns';
import { loadDirectory } from '#shared/store/directory';
import { getReminderMarker } from '#shared/store/reports';
import { markMailingPrepared } from '#shared/store/mailings';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';
import { remindersToSupersede, supersedeReminder } from '#shared/usecases/reminder-recipients';

/**
 * ReportSubmitted → two mails through the outbox: the acknowledgement to the unit (what was
 * received, its computed total, the deadline) and the notice to the Office (the campaign's
 * `officeGroup`). The report comes from the event, as it was received.
 */
async function onReportSubmitted(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  const log = logger.createChild({ persistentKeys: { eventId: event.eventId, campaignId: event.campaignId } });
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  if (!campaign?.scoringTable) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} is missing or has no scoring table`);
  const report = UnitReport.parse(event.data.report);
  const table = campaign.scoringTable;
  const directory = await loadDirectory(event.agencyId);
  const unit = directory.units.find((u) => u.unitId === report.unitId);
  if (!unit) throw new Error(`unit ${report.unitId} of event ${event.eventId} is not in the directory`);

  const scored = scoreReport(table, report);
  const receipt = { campaign, unit, report, scored, table, receivedAt: event.occurredAt, resubmission: event.data.resubmission === true };
  const unitEntry = { code: `UNIT:${unit.unitId}`, name: unit.name };
  const deadline = reportDeadline(campaign, report.period);
  const acks = await queueMail(event, 'ack', renderReportAcknowledgement({ ...receipt, ...(deadline ? { deadline } : {}) }), {
    emails: [...new Set(unit.emails.map(normaliseAddress))].map((address) => ({ address, groups: [unitEntry] })),
  });

  const office = campaign.officeGroup ? directory.groups.find((g) => g.code === campaign.officeGroup) : undefined;
  let notices = 0;
  if (office) {
    const officeEntry = { code: office.code, name: office.name };
    notices = await queueMail(event, 'office-notice', renderReportOfficeNotice(receipt), {
      emails: [...new Set(office.emails.map(normaliseAddress))].map((address) => ({ address, groups: [officeEntry] })),
    });
  } else {
    log.warn('the campaign names no office group (or it left the directory): the Office is not notified', { officeGroup: campaign.officeGroup });
  }
  // A reminder to this unit still waiting in the outbox is stale now: superseded, not sent.
  // (Its deliveries too: a mailer may hold the message cached from before the mark.)
  const reminder = await getReminderMarker(campaign.agencyId, campaign.id, report.period);
  if (reminder?.eventId) await supersedeReminder(campaign.agencyId, campaign.id, String(reminder.eventId), `reminder:${unit.unitId}`, event.eventId, new Date());
  // And the Office's reminder of the same day, asked on demand (shared/usecases/reminders.ts).
  for (const requested of await remindersToSupersede(campaign.agencyId, campaign.id, report.period, unit.unitId, new Date(event.occurredAt))) {
    await supersedeReminder(campaign.agencyId, campaign.id, requested, `reminder:${unit.unitId}`, event.eventId, new Date());
  }
  await markMailingPrepared(event, acks + notices, new Date());
  log.info('report acknowledged', { unitId: unit.unitId, period: report.period, acks, notices });
}

export const handler = middy(streamConsumer(onReportSubmitted)).use(injectLambdaContext(logger));
