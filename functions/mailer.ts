import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '#shared/concurrency';
import { sendRateLimiter } from '#shared/mail/send-rate';
import { AGENCY_TAG, CAMPAIGN_TAG, encodeOutboxTag, OUTBOX_TAG } from '#shared/mail/outbox-tag';
import { sendEmail } from '#shared/mail/ses';
import { logger } from '#shared/powertools';
import { outboxLogKey, redactEmails } from '#shared/redact';
import { metricNames, metrics, publishMetricsIfAny } from '#shared/powertools-metrics';
import { Delivery } from '#shared/schemas/events';
import { claimDelivery, deliveryKey, markSending, recordDoubt, recordOutcome, suppressedAmong } from '#shared/store/deliveries';
import { getMessage, type StoredMessage } from '#shared/store/messages';
import { getAgency } from '#shared/store/agencies';
import { allowedSenders, senderFor, type Sender } from '#shared/usecases/senders';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';
import { MAX_ATTEMPTS, retryDelayMs } from '#shared/usecases/delivery-policy';
import { sendDelivery, type SendDeps, type SendFailure } from '#shared/usecases/send-delivery';

const from = process.env.MAIL_FROM ?? '';
/** Each agency's sender, read once per process and kept a few minutes: an agency's change of sender arrives soon enough. */
const SENDER_TTL_MS = 5 * 60_000;
const senders = new Map<string, { at: number; sender: Promise<Sender> }>();

function senderOf(agencyId: string): Promise<Sender> {
  const cached = senders.get(agencyId);
  if (cached && Date.now() - cached.at < SENDER_TTL_MS) return cached.sender;
  const sender = getAgency(agencyId).then((agency) => senderFor(agency, from, allowedSenders()));
  senders.set(agencyId, { at: Date.now(), sender });
  sender.catch(() => senders.delete(agencyId));
  return sender;
}
const configurationSet = process.env.SES_CONFIGURATION_SET || undefined;
/** MAIL_SEND_RATE, or the account's SES quota, per process; see README "Configuration". Read once. */
let limiter: Promise<RateLimiter> | undefined;
/** How long a claim holds before the reconciler may take the item back (longer than any one send). */
const LEASE_MS = Number(process.env.MAIL_LEASE_SECONDS ?? '300') * 1000;
/** One rendered letter serves every address of an event: cache it for the life of the process. */
const messages = new Map<string, Promise<StoredMessage | undefined>>();

function messageFor(d: Delivery) {
  const key = `${d.agencyId}/${d.campaignId}/${d.eventId}/${d.message}`;
  let m = messages.get(key);
  if (!m) {
    m = getMessage(d.agencyId, d.campaignId, d.eventId, d.message);
    messages.set(key, m);
    // Only a found, still-current message is worth keeping: a superseding mark can arrive later.
    m.then(
      (v) => (!v || v.supersededBy) && messages.delete(key),
      () => messages.delete(key),
    );
  }
  return m;
}

/**
 * The protocol's ports, bound to DynamoDB and SES v2 (shared/usecases/send-delivery.ts), for one agency's sender. The
 * sender is read before the protocol starts: a failed read must not fall inside the window of doubt around SES's call.
 */
const depsFor = (sender: Sender): SendDeps => ({
  outbox: { claim: claimDelivery, markSending, recordOutcome, recordDoubt },
  message: messageFor,
  sender: {
    send: (d, message) =>
      sendEmail({
        ...sender,
        to: d.address,
        message,
        tags: { [AGENCY_TAG]: d.agencyId, [CAMPAIGN_TAG]: d.campaignId, [OUTBOX_TAG]: encodeOutboxTag(deliveryKey(d).sk) },
        configurationSet,
      }),
  },
  pace: async () => {
    limiter ??= sendRateLimiter();
    return (await limiter).take();
  },
  now: () => new Date(),
  newToken: randomUUID,
  leaseMs: LEASE_MS,
  maxAttempts: MAX_ATTEMPTS,
  retryDelayMs,
});

/** A pending outbox item → at most one SES email, by the protocol; here only its logs and metrics. */
async function onDelivery(record: DynamoDBRecord, batch: { suppressed: Map<string, Set<string>> }): Promise<void> {
  const d = newImage(record, Delivery);
  const log = logger.createChild({ persistentKeys: { eventId: d.eventId, campaignId: d.campaignId, outboxKey: outboxLogKey(deliveryKey(d)) } });
  const report = await sendDelivery(d, batch.suppressed.get(d.agencyId) ?? new Set(), depsFor(await senderOf(d.agencyId)));
  const redacted = (f: SendFailure) => ({ ...f, message: redactEmails(f.message) });
  switch (report.kind) {
    case 'not-pending':
      return;
    case 'claimed-elsewhere':
      return log.info('already claimed or finished; skipped');
    case 'superseded':
      metrics.addMetric(metricNames.superseded, MetricUnit.Count, 1);
      return log.info('superseded; not sent', { supersededBy: report.supersededBy });
    case 'suppressed':
      metrics.addMetric(metricNames.suppressed, MetricUnit.Count, 1);
      return log.info('suppressed; not sent');
    case 'claim-lost':
      return log.warn('claim lost before sending (the lease lapsed and the item was taken back); not sent');
    case 'ambiguous':
      return log.warn('send outcome unknown; left for reconciliation', { failure: redacted(report.failure), attempt: report.attempt });
    case 'failed':
      metrics.addMetric(metricNames.failed, MetricUnit.Count, 1);
      return log.warn('send failed', { failure: redacted(report.failure), attempt: report.attempt, retryable: report.retryable, retryAt: report.retryAt });
    case 'sent':
      metrics.addMetric(metricNames.sent, MetricUnit.Count, 1);
      metrics.addMetric(metricNames.latency, MetricUnit.Milliseconds, Date.now() - Date.parse(d.createdAt));
      return log.info('sent', { messageId: report.messageId, attempt: report.attempt });
  }
}

/**
 * The suppression lists, read once for the whole batch (one BatchGet per 100 addresses, not one per record). Each
 * agency keeps its own list, and one batch may hold several agencies' mail.
 */
async function prepareBatch(event: DynamoDBStreamEvent) {
  const byAgency = new Map<string, string[]>();
  for (const r of event.Records) {
    const image = r.dynamodb?.NewImage;
    const address = image?.address?.S;
    const agencyId = image?.agencyId?.S;
    if (address && agencyId) byAgency.set(agencyId, [...(byAgency.get(agencyId) ?? []), address]);
  }
  const suppressed = new Map<string, Set<string>>();
  for (const [agencyId, addresses] of byAgency) suppressed.set(agencyId, await suppressedAmong(agencyId, addresses));
  return { suppressed };
}

export const handler = middy(streamConsumer(onDelivery, { inParallel: true, prepare: prepareBatch }))
  .use(injectLambdaContext(logger))
  .use(publishMetricsIfAny());
