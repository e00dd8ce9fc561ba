import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Powertools batch processing for a stream consumer: each record is handled on its own and the
 * failures are reported as `batchItemFailures`, so Lambda retries from the first failed record
 * instead of the whole batch. Records of one shard are processed in order (`processInParallel:
 * false`) unless the consumer says its records are independent. `prepare` runs once per batch
 * (one read for all its records instead of one per record) and its result is handed to each.
 * A processor per invocation: its state is the batch's, even if two invocations share a process.
 */
export function streamConsumer<B = undefined>(
  recordHandler: (record: DynamoDBRecord, batch: B) => Promise<void>,
  options: { inParallel?: boolean; prepare?: (event: DynamoDBStreamEvent) => Promise<B> } = {},
) {
  return async (event: DynamoDBStreamEvent, context: Context) => {
    const batch = (options.prepare ? await options.prepare(event) : undefined) as B;
    return processPartialResponse(event, (record: DynamoDBRecord) => recordHandler(record, batch), new BatchProcessor(EventType.DynamoDBStreams), {
      context,
      processInParallel: options.inParallel ?? false,
      // Report a fully failed batch the same way as a partial one; the mapping then retries or bisects it.
      throwOnFullBatchFailure: false,
    });
  };
}
