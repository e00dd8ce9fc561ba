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
import { claimDeliveries, deliveryKey, markSendingAll, recordAll, suppressedAmong } from '#shared/store/deliveries';
import { type AttachmentRef, getMessage, type StoredMessage } from '#shared/store/messages';
import { getVerifiedObject } from '#shared/files/get';
import { getAgency } from '#shared/store/agencies';
import { allowedSenders, senderFor, type Sender } from '#shared/usecases/senders';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';
import { MAX_ATTEMPTS, retryDelayMs } from '#shared/usecases/delivery-policy';
import { type MessageContent, sendDeliveries, type SendDeps, type SendFailure, type SendReport } from '#shared/usecases/send-delivery';

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
const messages = new Map<string, Promise<MessageContent | undefined>>();
/** A file's bytes, by key and SHA-256 (what the message names can never change under the same pair). */
const files = new Map<string, Promise<Uint8Array>>();

function fileFor(ref: AttachmentRef): Promise<Uint8Array> {
  const id = `${ref.key}#${ref.versionId ?? ''}#${ref.sha256}`;
  let f = files.get(id);
  if (!f) {
    f = getVerifiedObject(ref);
    files.set(id, f);
    f.catch(() => files.delete(id));
  }
  return f;
}

/** The message with its attachments' bytes: read here, before the protocol starts, never inside the window of doubt. */
async function loadMessage(d: Delivery): Promise<MessageContent | undefined> {
  const m: StoredMessage | undefined = await getMessage(d.agencyId, d.campaignId, d.eventId, d.message);
  if (!m?.attachments?.length) return m;
  const contents = await Promise.all(m.attachments.map(fileFor));
  return { ...m, files: m.attachments.map((a, i) => ({ filename: a.filename, contentType: a.contentType, content: contents[i]! })) };
}

function messageFor(d: Delivery) {
  const key = `${d.agencyId}/${d.campaignId}/${d.eventId}/${d.message}`;
  let m = messages.get(key);
  if (!m) {
    m = loadMessage(d);
    messages.set(key, m);
    // Only a found, still-current message is worth keeping: a superseding mark can arrive later.
    m.then(
      (v) => (!v || v.supersededBy) && messages.delete(key),
      () => messages.delete(key),
    );
  }
  return m;
}

/** The most items one round marks and sends at once: one second of this process's share of the rate, and one transaction's 100 operations. */
const MAX_ROUND = 100;

/**
 * The protocol's ports, bound to DynamoDB and SES v2 (shared/usecases/send-delivery.ts), for one agency's sender. The
 * sender is read before the protocol starts: a failed read must not fall inside the window of doubt around SES's call.
 */
const depsFor = (sender: Sender, pace: RateLimiter): SendDeps => ({
  outbox: { claim: claimDeliveries, markSending: markSendingAll, record: recordAll },
  message: messageFor,
  sender: {
    send: (d, message) =>
      sendEmail({
        ...sender,
        to: d.address,
        message,
        ...(message.files?.length ? { attachments: message.files } : {}),
        tags: { [AGENCY_TAG]: d.agencyId, [CAMPAIGN_TAG]: d.campaignId, [OUTBOX_TAG]: encodeOutboxTag(deliveryKey(d).sk) },
        configurationSet,
      }),
  },
  pace: async (n) => {
    await Promise.all(Array.from({ length: n }, () => pace.take()));
  },
  roundSize: Math.max(1, Math.min(MAX_ROUND, Math.floor(pace.perSecond))),
  now: () => new Date(),
  newToken: randomUUID,
  leaseMs: LEASE_MS,
  maxAttempts: MAX_ATTEMPTS,
  retryDelayMs,
});

/** One report's log line and metrics. */
function logReport(d: Delivery, report: SendReport): void {
  const log = logger.createChild({ persistentKeys: { eventId: d.eventId, campaignId: d.campaignId, outboxKey: outboxLogKey(deliveryKey(d)) } });
  const redacted = (f: SendFailure) => ({ ...f, message: redactEmails(f.message) });
  switch (report.kind) {
    case 'not-pending':
      return;
    case 'claimed-elsewhere':
      log.info('already claimed or finished; skipped');
      return;
    case 'superseded':
      metrics.addMetric(metricNames.superseded, MetricUnit.Count, 1);
      log.info('superseded; not sent', { supersededBy: report.supersededBy });
      return;
    case 'suppressed':
      metrics.addMetric(metricNames.suppressed, MetricUnit.Count, 1);
      log.info('suppressed; not sent');
      return;
    case 'claim-lost':
      log.warn('claim lost before sending (the lease lapsed and the item was taken back); not sent');
      return;
    case 'ambiguous':
      log.warn('send outcome unknown; left for reconciliation', { failure: redacted(report.failure), attempt: report.attempt });
      return;
    case 'failed':
      metrics.addMetric(metricNames.failed, MetricUnit.Count, 1);
      log.warn('send failed', { failure: redacted(report.failure), attempt: report.attempt, retryable: report.retryable, retryAt: report.retryAt });
      return;
    case 'sent':
      metrics.addMetric(metricNames.sent, MetricUnit.Count, 1);
      metrics.addMetric(metricNames.latency, MetricUnit.Milliseconds, Date.now() - Date.parse(d.createdAt));
      log.info('sent', { messageId: report.messageId, attempt: report.attempt });
      return;
  }
}

type Report = PromiseSettledResult<SendReport>;

/**
 * The whole batch through the protocol at once (a few requests for all its items, not three per
 * item), one agency's items after another, each with its sender and its suppression list (read
 * once per batch: one BatchGet per 100 addresses). Each record's report is then handed to its turn
 * in the batch processor, which reports the rejected ones as failures.
 */
async function sendBatch(event: DynamoDBStreamEvent): Promise<Map<DynamoDBRecord, Report>> {
  const out = new Map<DynamoDBRecord, Report>();
  const byAgency = new Map<string, { record: DynamoDBRecord; d: Delivery }[]>();
  for (const record of event.Records) {
    try {
      const d = newImage(record, Delivery);
      byAgency.set(d.agencyId, [...(byAgency.get(d.agencyId) ?? []), { record, d }]);
    } catch (error) {
      // A poison record (an image that does not parse) fails alone.
      out.set(record, { status: 'rejected', reason: error });
    }
  }
  limiter ??= sendRateLimiter();
  const pace = await limiter;
  for (const [agencyId, items] of byAgency) {
    let reports: Report[];
    try {
      const [sender, suppressed] = await Promise.all([
        senderOf(agencyId),
        suppressedAmong(
          agencyId,
          items.map((i) => i.d.address),
        ),
      ]);
      reports = await sendDeliveries(
        items.map((i) => i.d),
        (d) => suppressed.has(d.address),
        depsFor(sender, pace),
      );
    } catch (error) {
      reports = items.map(() => ({ status: 'rejected', reason: error }));
    }
    items.forEach((item, n) => {
      const report = reports[n]!;
      out.set(item.record, report);
      if (report.status === 'fulfilled') logReport(item.d, report.value);
    });
  }
  return out;
}

/** A record's turn: its report from the batch; a rejected one is this record's failure, for the queue's retries and dead letters. */
async function onDelivery(record: DynamoDBRecord, reports: Map<DynamoDBRecord, Report>): Promise<void> {
  const report = reports.get(record);
  if (!report) throw new Error('record not seen by the batch');
  if (report.status === 'rejected') throw report.reason;
}

export const handler = middy(streamConsumer(onDelivery, { inParallel: true, prepare: sendBatch }))
  .use(injectLambdaContext(logger))
  .use(publishMetricsIfAny());
