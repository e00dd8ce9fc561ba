import { outboxLogKey, pseudonym, redactEmails } from '../redact';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
// zod/mini: this function needs no other zod, so its bundle carries no classic zod (issue 9 "Lighter bundles").
import * as z from 'zod/mini';
import { normaliseAddress } from '../domain/recipients';
import { renderBounceNotice } from '../mail/bounce-notice';
import { AGENCY_TAG, CAMPAIGN_TAG, decodeOutboxTag, OUTBOX_TAG } from '../mail/outbox-tag';
import { queueMail } from '../outbox';
import { DEFAULT_AGENCY_ID } from './principal';
import { logger } from '../powertools';
import { metricNames, metrics } from '../powertools-metrics';
import type { DeliveryStatus, DomainEvent } from '../schemas/events';
import { documentClient, tableName } from '../store/client';
import { getCampaign, newEvent, saveWithEvent } from '../store/campaigns';
import { getDelivery, isConditionFailure, suppress, transition } from '../store/deliveries';
import { loadDirectory } from '../store/directory';
import { campaignPk } from '../store/keys';
import { groupRecipients } from './group-recipients';

/** The part of an SES event (configuration-set event publishing, via SNS) this system reads. */
export const SesEvent = z.looseObject({
  eventType: z.string(),
  mail: z.looseObject({
    messageId: z.string(),
    timestamp: z.optional(z.string()),
    destination: z._default(z.array(z.string()), []),
    tags: z._default(z.record(z.string(), z.array(z.string())), {}),
  }),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z._default(z.array(z.looseObject({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) })), []),
      timestamp: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(z.looseObject({ complainedRecipients: z._default(z.array(z.looseObject({ emailAddress: z.string() })), []), timestamp: z.optional(z.string()) })),
  delivery: z.optional(z.looseObject({ timestamp: z.optional(z.string()) })),
  reject: z.optional(z.looseObject({ reason: z.optional(z.string()) })),
});
export type SesEvent = z.infer<typeof SesEvent>;

/** Record what SES said on the item, whatever its state; the reconciler reads it as evidence. */
async function annotate(key: { pk: string; sk: string }, sesEvent: { type: string; at: string; detail?: string }) {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET sesEvent = :e',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':e': sesEvent },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Move the item to `to` from whichever of `from` it is in now. */
async function settle(key: { pk: string; sk: string }, from: readonly DeliveryStatus[], to: DeliveryStatus, set: Record<string, unknown>, now: Date) {
  const d = await getDelivery(key);
  if (!d || !from.includes(d.status)) return false;
  return transition(key, { status: d.status }, { status: to, set }, now);
}

/**
 * One SES event → the outbox item it belongs to (by the `outbox` tag the mailer set). Send and
 * Delivery prove a message left: an item in doubt becomes `sent`. A permanent bounce or a
 * complaint marks the item, puts the address on the suppression list, writes a `DeliveryBounced`
 * event for the audit trail, and tells the Office, once per campaign, through the outbox.
 */
export async function recordSesEvent(raw: unknown, now: Date): Promise<void> {
  const e = SesEvent.parse(raw);
  const outbox = e.mail.tags[OUTBOX_TAG]?.[0];
  const campaignId = e.mail.tags[CAMPAIGN_TAG]?.[0];
  // Mail sent before agencies existed carries no agency tag: the migration moved its campaign into the default agency.
  const agencyId = e.mail.tags[AGENCY_TAG]?.[0] ?? DEFAULT_AGENCY_ID;
  const log = logger.createChild({ persistentKeys: { sesMessageId: e.mail.messageId, sesEventType: e.eventType, agencyId, campaignId } });
  if (!outbox || !campaignId) {
    log.warn('SES event without this system’s outbox tags: ignored');
    return;
  }
  const key = { pk: campaignPk(agencyId, campaignId), sk: decodeOutboxTag(outbox) };
  const at = now.toISOString();
  log.appendKeys({ outboxKey: outboxLogKey(key) });

  switch (e.eventType) {
    case 'Send':
    case 'Delivery': {
      await annotate(key, { type: e.eventType, at });
      if (await settle(key, ['sending', 'uncertain', 'failed'], 'sent', { messageId: e.mail.messageId, sentAt: at }, now)) log.info('SES event confirmed a delivery in doubt');
      return;
    }
    case 'Bounce':
    case 'Complaint': {
      const hard = e.eventType === 'Complaint' || e.bounce?.bounceType === 'Permanent';
      const detail =
        e.eventType === 'Bounce'
          ? `${e.bounce?.bounceType ?? '?'}/${e.bounce?.bounceSubType ?? '?'}${e.bounce?.bouncedRecipients[0]?.diagnosticCode ? `: ${e.bounce.bouncedRecipients[0].diagnosticCode}` : ''}`
          : 'complaint';
      await annotate(key, { type: e.eventType, at, detail });
      if (!hard) {
        log.info('soft bounce recorded; SES retries it itself', { detail: redactEmails(detail) });
        return;
      }
      const kind = e.eventType === 'Bounce' ? ('bounce' as const) : ('complaint' as const);
      const addresses = (e.eventType === 'Bounce' ? e.bounce!.bouncedRecipients : e.complaint!.complainedRecipients).map((r) => normaliseAddress(r.emailAddress));
      for (const address of addresses) await suppress(agencyId, address, { kind, detail, campaignId, at });
      await settle(key, ['sent', 'sending', 'uncertain'], kind === 'bounce' ? 'bounced' : 'complained', { lastError: detail }, now);
      metrics.addMetric(kind === 'bounce' ? metricNames.bounced : metricNames.complained, MetricUnit.Count, 1);
      await tellTheOffice(agencyId, campaignId, addresses[0] ?? e.mail.destination[0] ?? '?', kind, detail, now);
      log.warn('hard bounce or complaint: address suppressed', { addresses: addresses.map(pseudonym), detail: redactEmails(detail) });
      return;
    }
    case 'Reject':
    case 'Rendering Failure': {
      const detail = e.reject?.reason ?? e.eventType;
      await annotate(key, { type: e.eventType, at, detail });
      await settle(key, ['sent', 'sending', 'uncertain'], 'failed', { lastError: `SES: ${detail}`, retryable: false }, now);
      return;
    }
    default:
      await annotate(key, { type: e.eventType, at });
  }
}

/** The audit event for each bounce, and the Office's notice once per campaign (a fixed outbox key). */
async function tellTheOffice(agencyId: string, campaignId: string, address: string, kind: 'bounce' | 'complaint', detail: string, now: Date) {
  const campaign = await getCampaign(agencyId, campaignId);
  if (!campaign) return;
  await saveWithEvent([], newEvent(campaign, 'DeliveryBounced', 'ses', now.toISOString(), { address, kind, detail }));
  const notice: DomainEvent = { ...newEvent(campaign, 'DeliveryBounced', 'ses', now.toISOString()), eventId: 'bounces' };
  const { groups } = await loadDirectory(agencyId);
  await queueMail(notice, 'bounce-notice', renderBounceNotice({ campaign, address, kind, detail }), {
    emails: groupRecipients(groups, [campaign.officeGroup ?? campaign.councilGroup]),
  });
}
