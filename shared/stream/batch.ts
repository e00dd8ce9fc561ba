import { BatchProcessor, EventType, processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * Powertools batch processing for a consumer of the table's records: each record is handled on its
 * own and the failures are reported as `batchItemFailures`, so only they are retried. Records are
 * processed in order (`processInParallel: false`) unless the consumer says its records are
 * independent. `prepare` runs once per batch (one read for all its records instead of one per
 * record) and its result is handed to each. A processor per invocation: its state is the batch's,
 * even if two invocations share a process.
 *
 * Two event shapes, one handler: the records come from the consumer's SQS queue, where the stream
 * router put each stream record as a message body (infra/wiring.ts), or straight from a stream
 * (a direct invocation, a replay). From a queue, the handler still gets the stream record, and
 * failures are reported by SQS message id; a FIFO batch stops a message group at its first
 * failure, so the group's later messages are retried after it, in order.
 */
export function streamConsumer<B = undefined>(
  recordHandler: (record: DynamoDBRecord, batch: B) => Promise<void>,
  options: { inParallel?: boolean; prepare?: (event: DynamoDBStreamEvent) => Promise<B> } = {},
) {
  return async (event: DynamoDBStreamEvent | SQSEvent, context: Context) => {
    if (isSqsEvent(event)) return fromQueue(event, context, recordHandler, options);
    const batch = (options.prepare ? await options.prepare(event) : undefined) as B;
    return processPartialResponse(event, (record: DynamoDBRecord) => recordHandler(record, batch), new BatchProcessor(EventType.DynamoDBStreams), {
      context,
      processInParallel: options.inParallel ?? false,
      // Report a fully failed batch the same way as a partial one; the mapping then retries or bisects it.
      throwOnFullBatchFailure: false,
    });
  };
}

const isSqsEvent = (event: DynamoDBStreamEvent | SQSEvent): event is SQSEvent => (event.Records[0] as { eventSource?: string } | undefined)?.eventSource === 'aws:sqs';

/** The stream record a message carries; a body that is not one fails that message alone. */
export function streamRecordOf(message: Pick<SQSRecord, 'body' | 'messageId'>): DynamoDBRecord {
  const record = JSON.parse(message.body) as DynamoDBRecord;
  if (typeof record !== 'object' || record === null || typeof record.dynamodb !== 'object') {
    throw new Error(`message ${message.messageId} does not carry a DynamoDB stream record`);
  }
  return record;
}

async function fromQueue<B>(
  event: SQSEvent,
  context: Context,
  recordHandler: (record: DynamoDBRecord, batch: B) => Promise<void>,
  options: { inParallel?: boolean; prepare?: (event: DynamoDBStreamEvent) => Promise<B> },
) {
  const decoded = new Map<string, DynamoDBRecord>();
  for (const m of event.Records) {
    try {
      decoded.set(m.messageId, streamRecordOf(m));
    } catch {
      // Reported as this message's failure when its turn comes.
    }
  }
  const batch = (options.prepare ? await options.prepare({ Records: [...decoded.values()] }) : undefined) as B;
  const handle = (m: SQSRecord) => recordHandler(decoded.get(m.messageId) ?? streamRecordOf(m), batch);
  const common = { context, throwOnFullBatchFailure: false };
  if (event.Records.some((m) => m.attributes?.MessageGroupId)) {
    // Per-group order: a failed message fails the rest of its group in this batch; other groups go on.
    return processPartialResponse(event, handle, new SqsFifoPartialProcessorAsync(), { ...common, skipGroupOnError: true });
  }
  return processPartialResponse(event, handle, new BatchProcessor(EventType.SQS), { ...common, processInParallel: options.inParallel ?? false });
}
