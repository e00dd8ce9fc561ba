import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * Powertools batch processing for a stream consumer: each record is handled on its own and the
 * failures are reported as `batchItemFailures`, so Lambda retries from the first failed record
 * instead of the whole batch. Records of one shard are processed in order (`processInParallel:
 * false`) unless the consumer says its records are independent.
 */
export function streamConsumer(recordHandler: (record: DynamoDBRecord) => Promise<void>, options: { inParallel?: boolean } = {}) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return (event: DynamoDBStreamEvent, context: Context) =>
    processPartialResponse(event, recordHandler, processor, {
      context,
      processInParallel: options.inParallel ?? false,
      // Report a fully failed batch the same way as a partial one; the mapping then retries or bisects it.
      throwOnFullBatchFailure: false,
    });
}
