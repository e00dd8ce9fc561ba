/**
 * The twin's Lambda SQS event source mappings: one per queue consumer of infra/wiring.ts, over its
 * LocalQueue, as Lambda runs them:
 * - batches of up to `batchSize` messages; on a standard queue it waits up to
 *   `maxBatchingWindowSeconds` to fill one; at most `maxConcurrency` invocations at once;
 * - the event is Lambda's SQS event (messageId, receiptHandle, body, attributes with the receive
 *   count, and the group id, deduplication id and sequence number on a FIFO queue);
 * - partial batch responses (`batchItemFailures[].itemIdentifier` = message id): the messages not
 *   reported are deleted, the reported ones are left to reappear after the visibility timeout; an
 *   invalid identifier, a thrown error or a timeout leaves the whole batch (the twin may let a
 *   failed message reappear sooner than the visibility timeout: `retryAfterMs`);
 * - a message received `maxReceiveCount` times goes to the dead-letter queue (the queue does that).
 */
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionSpec, QueueSubscription } from '../wiring';
import { invokeWithTimeout, LOCAL_ACCOUNT_ID, lambdaContext } from './lambda-context';
import { interpretBatchResponse, type InvocationError, type PollerLog } from './poller';
import type { LocalQueue, QueueMessage } from './queues';

export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined | unknown>;

export interface QueueMappingStats {
  invocations: number;
  messagesDeleted: number;
  messagesFailed: number;
}

export interface QueueMapping {
  readonly name: string;
  readonly queue: LocalQueue;
  readonly subscription: QueueSubscription;
  start(): void;
  /** Stops polling and waits for the invocations in flight. */
  stop(): Promise<void>;
  /** Nothing visible, nothing in flight (a failed message waiting to reappear counts as in flight). */
  isIdle(): boolean;
  stats(): QueueMappingStats;
}

export interface QueueMappingOptions {
  name: string;
  spec: FunctionSpec;
  queue: LocalQueue;
  handler: QueueHandler;
  region: string;
  accountId?: string;
  enforceTimeouts?: boolean;
  /** When set, a failed message reappears after this long instead of the visibility timeout (the twin's shortcut). */
  retryAfterMs?: number;
  log: PollerLog;
  /** Told of every invocation: the consumer, its messages, how many it failed, how long it took. */
  onBatch?: (batch: { consumer: string; records: number; failures: number; ms: number }) => void;
}

function errorInfo(error: unknown): InvocationError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: typeof error === 'string' ? error : JSON.stringify(error) };
}

/** A queue message as Lambda hands it to the function. */
export function toSqsRecord(m: QueueMessage, queue: LocalQueue, region: string): SQSRecord {
  return {
    messageId: m.messageId,
    receiptHandle: m.receiptHandle!,
    body: m.body,
    attributes: {
      ApproximateReceiveCount: String(m.receiveCount),
      SentTimestamp: String(m.sentAt),
      SenderId: 'AROALOCALTWINSTREAMROUTER',
      ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      ...(m.groupId !== undefined ? { MessageGroupId: m.groupId, MessageDeduplicationId: m.deduplicationId!, SequenceNumber: m.sequenceNumber! } : {}),
    },
    messageAttributes: {},
    md5OfBody: m.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: region,
  };
}

export function createQueueMapping(o: QueueMappingOptions): QueueMapping {
  const sub = o.spec.queue;
  if (!sub) throw new Error(`${o.name} consumes no queue`);
  const stats: QueueMappingStats = { invocations: 0, messagesDeleted: 0, messagesFailed: 0 };
  const running = new Set<Promise<void>>();
  let stopping = false;
  let loop: Promise<void> | undefined;

  async function invoke(batch: QueueMessage[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((m) => toSqsRecord(m, o.queue, o.region)) };
    const context = lambdaContext({ name: o.name, memorySize: o.spec.memorySize, timeoutSeconds: o.spec.timeoutSeconds, region: o.region, accountId: o.accountId ?? LOCAL_ACCOUNT_ID });
    stats.invocations++;
    const t0 = Date.now();
    let failedIds: Set<string>;
    let error: InvocationError | undefined;
    try {
      const run = () => o.handler(structuredClone(event), context);
      const result = (o.enforceTimeouts ?? true) ? await invokeWithTimeout(run, o.spec.timeoutSeconds) : await run();
      const outcome = interpretBatchResponse(
        result,
        batch.map((m) => m.messageId),
      );
      if (outcome.kind === 'success') failedIds = new Set();
      else {
        error = outcome.error;
        failedIds = outcome.kind === 'partial' ? new Set(outcome.error.batchItemFailures) : new Set(batch.map((m) => m.messageId));
      }
    } catch (e) {
      error = errorInfo(e);
      failedIds = new Set(batch.map((m) => m.messageId));
    }
    for (const m of batch) {
      if (failedIds.has(m.messageId)) {
        stats.messagesFailed++;
        o.queue.noteFailure(m.receiptHandle!, error!, o.retryAfterMs);
      } else if (o.queue.delete(m.receiptHandle!)) stats.messagesDeleted++;
    }
    o.onBatch?.({ consumer: o.name, records: batch.length, failures: failedIds.size, ms: Date.now() - t0 });
    if (failedIds.size) o.log.info(`[queue] ${o.name}: ${failedIds.size} of ${batch.length} message(s) failed (${error?.message}); they reappear after the visibility timeout`);
  }

  async function run(): Promise<void> {
    const windowMs = sub!.order === 'per-campaign' ? 0 : sub!.maxBatchingWindowSeconds * 1000;
    let waitingSince: number | undefined;
    while (!stopping) {
      if (running.size >= sub!.maxConcurrency) {
        await Promise.race(running);
        continue;
      }
      const { visible } = o.queue.counts();
      if (visible === 0) {
        waitingSince = undefined;
        await o.queue.changed(200);
        continue;
      }
      // A standard queue's batching window: wait for a full batch, or for the window to close.
      waitingSince ??= Date.now();
      if (visible < sub!.batchSize && windowMs > 0 && Date.now() - waitingSince < windowMs) {
        await o.queue.changed(Math.max(1, windowMs - (Date.now() - waitingSince)));
        continue;
      }
      waitingSince = undefined;
      const batch = o.queue.receive(sub!.batchSize);
      if (batch.length === 0) {
        // Visible but held back (a FIFO group in flight): wait for a change.
        await o.queue.changed(200);
        continue;
      }
      const p = invoke(batch)
        .catch((e) => o.log.warn(`[queue] ${o.name}: internal error: ${errorInfo(e).message}`))
        .finally(() => running.delete(p));
      running.add(p);
    }
  }

  return {
    name: o.name,
    queue: o.queue,
    subscription: sub,
    start() {
      loop ??= run();
    },
    async stop() {
      stopping = true;
      await loop;
      await Promise.all(running);
    },
    isIdle() {
      const { visible, inFlight } = o.queue.counts();
      return running.size === 0 && visible === 0 && inFlight === 0;
    },
    stats: () => ({ ...stats }),
  };
}
