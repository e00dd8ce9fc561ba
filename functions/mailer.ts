import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBRecord } from 'aws-lambda';
import { RateLimiter } from '#shared/concurrency';
import { sendEmail, type SendFailure } from '#shared/mail/ses';
import { logger } from '#shared/powertools';
import { Delivery } from '#shared/schemas/events';
import { claimDelivery, getMessage, recordOutcome, type RenderedMessage } from '#shared/store/deliveries';
import { streamConsumer } from '#shared/stream/batch';
import { newImage } from '#shared/stream/decode';

/** Tries per delivery before it stays `failed` for the Office to see and retry by hand. */
export const MAX_ATTEMPTS = 5;

const from = process.env.MAIL_FROM ?? '';
const configurationSet = process.env.SES_CONFIGURATION_SET || undefined;
/** The account's maximum send rate (SES quota), per process; see README "Configuration". */
const limiter = new RateLimiter(Number(process.env.MAIL_SEND_RATE ?? '14'));
/** One rendered letter serves every address of an event: cache it for the life of the process. */
const messages = new Map<string, Promise<RenderedMessage | undefined>>();

function messageFor(d: Delivery) {
  const key = `${d.campaignId}/${d.eventId}/${d.message}`;
  let m = messages.get(key);
  if (!m) {
    m = getMessage(d.campaignId, d.eventId, d.message);
    messages.set(key, m);
    m.then((v) => v ?? messages.delete(key), () => messages.delete(key));
  }
  return m;
}

/**
 * A pending outbox item → one SES email. Claims the item first (conditional update), so a batch
 * delivered twice or two racing invocations send once; records the outcome on the item.
 */
async function sendDelivery(record: DynamoDBRecord): Promise<void> {
  const d = newImage(record, Delivery);
  if (d.channel !== 'email' || d.status !== 'pending') return;
  const log = logger.createChild({ persistentKeys: { eventId: d.eventId, campaignId: d.campaignId, outboxKey: `${d.eventId}#${d.message}#${d.address}` } });

  const attempt = await claimDelivery(d, new Date().toISOString(), MAX_ATTEMPTS);
  if (attempt === undefined) {
    log.info('already claimed or finished; skipped');
    return;
  }
  const message = await messageFor(d);
  if (!message) {
    await recordOutcome(d, { status: 'failed', error: 'rendered message not found', retryable: true }, new Date().toISOString());
    throw new Error(`message of event ${d.eventId} not found`);
  }
  try {
    await limiter.take();
    const messageId = await sendEmail({ from, to: d.address, message, tags: { campaign: d.campaignId, event: d.eventId }, configurationSet });
    await recordOutcome(d, { status: 'sent', messageId }, new Date().toISOString());
    log.info('sent', { messageId, attempt });
  } catch (error) {
    const failure: SendFailure = (error as { failure?: SendFailure }).failure ?? { kind: 'transient', message: String(error) };
    const retryable = failure.kind !== 'rejected' && attempt < MAX_ATTEMPTS;
    await recordOutcome(d, { status: 'failed', error: failure.message, retryable }, new Date().toISOString());
    log.warn('send failed', { failure, attempt, retryable });
    // Thrown: reported as a batch item failure, and the stream retries this record.
    if (retryable) throw error;
  }
}

export const handler = middy(streamConsumer(sendDelivery, { inParallel: true })).use(injectLambdaContext(logger));
