import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { REMINDER_TARGETS, type DeadlineName, type ReminderTarget } from '#shared/domain/deadlines';
import { normaliseAddress } from '#shared/domain/recipients';
import { renderDeadlineExtension, renderNominationReminder, renderRegistrationReminder } from '#shared/mail/deadline-mails';
import { renderReportReminder } from '#shared/mail/report-mails';
import { queueMail } from '#shared/outbox';
import { logger } from '#shared/powertools';
import type { Campaign } from '#shared/schemas/campaign';
import type { Unit } from '#shared/schemas/directory';
import { DomainEvent } from '#shared/schemas/events';
import { getCampaign } from '#shared/store/campaigns';
import { loadDirectory } from '#shared/store/directory';
import { markMailingPrepared } from '#shared/store/mailings';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';
import { remindersToSupersede, supersedeReminder, unitsToRemind } from '#shared/usecases/reminder-recipients';

/**
 * The mails of deadlines (README "The events"), each unit's its own message in the outbox so a
 * retried batch reminds nobody twice:
 * - ReportReminderDue (the clock, once per campaign and period) → each participating unit that has not reported;
 * - ReminderDue (the clock, once per campaign, before the registration or the nomination deadline) →
 *   each participating unit that has not yet registered / nominated;
 * - ReminderRequested (the Office, on demand) → the units it names that still have not submitted;
 * - DeadlineExtended → the notice (thông báo gia hạn) to every participating unit and the Office;
 * - RegistrationSubmitted, NominationSubmitted → the unit's reminder still queued is superseded, not sent.
 */
async function onDeadlineEvent(record: DynamoDBRecord): Promise<void> {
  const event = newImage(record, DomainEvent);
  if (event.type === 'RegistrationSubmitted' || event.type === 'NominationSubmitted') return supersedeReminders(event);
  const campaign = await getCampaign(event.agencyId, event.campaignId);
  if (!campaign) throw new Error(`campaign ${event.campaignId} of event ${event.eventId} does not exist`);
  const queued = event.type === 'DeadlineExtended' ? await queueExtensionNotice(event, campaign) : await queueReminders(event, campaign);
  await markMailingPrepared(event, queued, new Date());
}

const unitRows = (unit: Pick<Unit, 'unitId' | 'name' | 'emails'>) =>
  [...new Set(unit.emails.map(normaliseAddress))].map((address) => ({ address, groups: [{ code: `UNIT:${unit.unitId}`, name: unit.name }] }));

/** Which reminder an event is, and which units it may go to (all pending ones, or those the Office named). */
function reminderOf(event: DomainEvent): { what: ReminderTarget; only?: ReadonlySet<string> } {
  if (event.type === 'ReportReminderDue') return { what: parseTarget(event.data.period) };
  if (event.type === 'ReminderDue') return { what: parseTarget(event.data.what) };
  if (event.type === 'ReminderRequested') return { what: parseTarget(event.data.what), only: new Set((event.data.units as unknown[]).map(String)) };
  throw new Error(`event ${event.eventId}: ${event.type} is not a reminder`);
}

function parseTarget(value: unknown): ReminderTarget {
  const what = REMINDER_TARGETS.find((t) => t === value);
  if (!what) throw new Error(`not a reminder target: ${JSON.stringify(value)}`);
  return what;
}

async function queueReminders(event: DomainEvent, campaign: Campaign): Promise<number> {
  const { what, only } = reminderOf(event);
  const deadline = String(event.data.deadline);
  // Who has not submitted is read now, not when the event was written: a unit that acted since is not reminded.
  const { pending } = await unitsToRemind(campaign, what);
  const units = only ? pending.filter((u) => only.has(u.unitId)) : pending;
  let queued = 0;
  for (const unit of units) {
    const mail =
      what === 'registration'
        ? renderRegistrationReminder({ campaign, unit, deadline })
        : what === 'nominations'
          ? renderNominationReminder({ campaign, unit, deadline })
          : renderReportReminder({ campaign, unit, period: what, deadline });
    queued += await queueMail(event, `reminder:${unit.unitId}`, mail, { emails: unitRows(unit) });
  }
  logger.info('reminders queued', { campaignId: campaign.id, eventId: event.eventId, type: event.type, what, units: units.map((u) => u.unitId) });
  return queued;
}

/** The notice of an extension: one message, to every participating unit's addresses and the Office's, each address once. */
async function queueExtensionNotice(event: DomainEvent, campaign: Campaign): Promise<number> {
  const { units, groups } = await loadDirectory(event.agencyId);
  const rows = new Map<string, { code: string; name: string }[]>();
  const add = (address: string, entry: { code: string; name: string }) => rows.set(address, [...(rows.get(address) ?? []), entry]);
  for (const unit of units.filter((u) => campaign.participatingUnits.includes(u.unitId))) for (const row of unitRows(unit)) add(row.address, row.groups[0]!);
  const office = campaign.officeGroup ? groups.find((g) => g.code === campaign.officeGroup) : undefined;
  if (office) for (const address of new Set(office.emails.map(normaliseAddress))) add(address, { code: office.code, name: office.name });
  else logger.warn('the campaign names no office group (or it left the directory): the Office is not sent the extension notice', { campaignId: campaign.id });
  const mail = renderDeadlineExtension({
    campaign,
    deadline: event.data.deadline as DeadlineName,
    from: String(event.data.from),
    to: String(event.data.to),
    reason: String(event.data.reason),
  });
  const queued = await queueMail(event, 'notice', mail, { emails: [...rows].map(([address, groups]) => ({ address, groups })) });
  logger.info('extension notice queued', { campaignId: campaign.id, eventId: event.eventId, deadline: event.data.deadline, addresses: rows.size });
  return queued;
}

/** A unit registered or nominated: the reminder still queued for it (the clock's, or the Office's of that day) is stale. */
async function supersedeReminders(event: DomainEvent): Promise<void> {
  const what: ReminderTarget = event.type === 'RegistrationSubmitted' ? 'registration' : 'nominations';
  const unitIds = new Set([event.data.unitId, event.data.nomineeUnitId].filter((u): u is string => typeof u === 'string'));
  for (const unitId of unitIds) {
    for (const reminderEventId of await remindersToSupersede(event.agencyId, event.campaignId, what, unitId, new Date(event.occurredAt))) {
      await supersedeReminder(event.agencyId, event.campaignId, reminderEventId, `reminder:${unitId}`, event.eventId, new Date());
    }
  }
}

export const handler = middy(streamConsumer(onDeadlineEvent)).use(injectLambdaContext(logger));
