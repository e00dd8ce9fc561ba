import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { RateLimiter } from '#shared/concurrency';
import { sendRateLimiter } from '#shared/mail/send-rate';
import { CAMPAIGN_TAG, encodeOutboxTag, OUTBOX_TAG } from '#shared/mail/outbox-tag';
import { sendEmail, type SendFailure } from '#shared/mail/ses';
import { logger } from '#shared/powertools';
import { outboxLogKey, redactEmails } from '#shared/redact';
import { metricNames, metrics } from '#shared/powertools-metrics';
import { Delivery } from '#shared/schemas/events';
import {
  claimDelivery,
  deliveryKey,
  markSending,
  recordDoubt,
  recordOutcome,
  suppressedAmong,
} from '#shared/store/deliveries';
import { getMessage, type StoredMessage } from '#shared/store/messages';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';
import { MAX_ATTEMPTS, retryDelayMs } from '#shared/usecases/delivery-policy';

const from = process.env.MAIL_FROM ?? '';
const configurationSet = process.env.SES_CONFIGURATION_SET || undefined;
/** MAIL_SEND_RATE, or the account's SES quota, per process; see README "Configuration". Read once. */
let limiter: Promise<RateLimiter> | undefined;
/** How long a claim holds before the reconciler may take the item back (longer than any one send). */
const LEASE_MS = Number(process.env.MAIL_LEASE_SECONDS ?? '300') * 1000;
/** One rendered letter serves every address of an event: cache it for the life of the process. */
const messages = new Map<string, Promise<StoredMessage | undefined>>();

function messageFor(d: Delivery) {
  const key = `${d.campaignId}/${d.eventId}/${d.message}`;
  let m = messages.get(key);
  if (!m) {
    m = getMessage(d.campaignId, d.eventId, d.message);
    messages.set(key, m);
    // Only a found, still-current message is worth keeping: a superseding mark can arrive later.
    m.then((v) => (!v || v.supersededBy) && messages.delete(key), () => messages.delete(key));
  }
  return m;
}

/**
 * A pending outbox item → at most one SES email. Claim (conditional, with a lease), check that the
 * content is still current and the address not suppressed, mark `sending` under the claim, send,
 * record the outcome under the claim. Nothing here throws for an SES failure: a retryable one is
 * put back on the attention index for the reconciler (after a backoff), an ambiguous one keeps its
 * claim and is reconciled, not resent blindly. Thrown errors (a poison record, DynamoDB down) go
 * to the stream's retries and then its dead-letter queue.
 */
async function sendDelivery(record: DynamoDBRecord, batch: { suppressed: Set<string> }): Promise<void> {
  const d = newImage(record, Delivery);
  if (d.channel !== 'email' || d.status !== 'pending') return;
  const key = deliveryKey(d);
  const log = logger.createChild({ persistentKeys: { eventId: d.eventId, campaignId: d.campaignId, outboxKey: outboxLogKey(key) } });

  const claim = await claimDelivery(d, new Date(), LEASE_MS, MAX_ATTEMPTS, randomUUID());
  if (!claim) {
    log.info('already claimed or finished; skipped');
    return;
  }
  const message = await messageFor(d);
  if (!message) throw new Error(`message ${d.message} of event ${d.eventId} not found`);
  if (message.supersededBy) {
    await recordOutcome(d, claim.token, { status: 'superseded', error: `nội dung đã được thay thế bởi sự kiện ${message.supersededBy}` }, new Date());
    metrics.addMetric(metricNames.superseded, MetricUnit.Count, 1);
    log.info('superseded; not sent', { supersededBy: message.supersededBy });
    return;
  }
  if (batch.suppressed.has(d.address)) {
    await recordOutcome(d, claim.token, { status: 'suppressed', error: 'địa chỉ nằm trong danh sách chặn (đã bị trả lại hoặc khiếu nại)' }, new Date());
    metrics.addMetric(metricNames.suppressed, MetricUnit.Count, 1);
    log.info('suppressed; not sent');
    return;
  }

  limiter ??= sendRateLimiter();
  await limiter.then((l) => l.take());
  if (!(await markSending(d, claim.token, new Date()))) {
    log.warn('claim lost before sending (the lease lapsed and the item was taken back); not sent');
    return;
  }
  let messageId: string;
  try {
    messageId = await sendEmail({ from, to: d.address, message, tags: { [CAMPAIGN_TAG]: d.campaignId, [OUTBOX_TAG]: encodeOutboxTag(key.sk) }, configurationSet });
  } catch (error) {
    const failure: SendFailure = (error as { failure?: SendFailure }).failure ?? { kind: 'ambiguous', message: String(error) };
    if (failure.kind === 'ambiguous') {
      // SES may have accepted it: keep the claim; the reconciler decides when the lease lapses.
      await recordDoubt(d, claim.token, failure.message, new Date());
      log.warn('send outcome unknown; left for reconciliation', { failure: { ...failure, message: redactEmails(failure.message) }, attempt: claim.attempt });
      return;
    }
    const retryable = failure.kind !== 'rejected' && claim.attempt < MAX_ATTEMPTS;
    const retryAt = retryable ? new Date(Date.now() + retryDelayMs(claim.attempt)).toISOString() : undefined;
    await recordOutcome(d, claim.token, { status: 'failed', error: failure.message, retryable, ...(retryAt ? { retryAt } : {}) }, new Date());
    metrics.addMetric(metricNames.failed, MetricUnit.Count, 1);
    log.warn('send failed', { failure: { ...failure, message: redactEmails(failure.message) }, attempt: claim.attempt, retryable, retryAt });
    return;
  }
  // Outside the try: SES accepted the message, so a failure to record it must never look like an
  // SES failure (that would send it again). If this write fails, the item stays `sending` and the
  // reconciler settles it from SES's own event, or reports it in doubt.
  await recordOutcome(d, claim.token, { status: 'sent', messageId }, new Date());
  metrics.addMetric(metricNames.sent, MetricUnit.Count, 1);
  metrics.addMetric(metricNames.latency, MetricUnit.Milliseconds, Date.now() - Date.parse(d.createdAt));
  log.info('sent', { messageId, attempt: claim.attempt });
}

/** The suppression list, read once for the whole batch (one BatchGet per 100 addresses, not one per record). */
async function prepareBatch(event: DynamoDBStreamEvent) {
  const addresses = event.Records.flatMap((r) => {
    const a = r.dynamodb?.NewImage?.address?.S;
    return a ? [a] : [];
  });
  return { suppressed: await suppressedAmong(addresses) };
}

export const handler = middy(streamConsumer(sendDelivery, { inParallel: true, prepare: prepareBatch }))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
