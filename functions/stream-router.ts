import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#shared/powertools';
import { sendBatch } from '#shared/stream/queues';
import { parseRoutes, routeRecords } from '#shared/stream/route';

/**
 * The table's one stream reader (README "The events"): puts each record on the queue of every
 * consumer whose filter it matches, the stream record itself as the message body. Its mapping
 * lets through only records some consumer takes. A record not put on every queue it belongs to is
 * reported by its sequence number, and the mapping retries from it.
 *
 * A function rather than an EventBridge Pipe to a bus with a rule per consumer: a consumer that
 * needs the campaign's order reads a FIFO queue grouped by campaign, and a rule can give a FIFO
 * target only a fixed message group; and the routing is the wiring's filters run by the same
 * matcher the local twin runs (shared/stream/filter-match.ts), so the twin tests the cloud's routing.
 */
const routes = parseRoutes(process.env.ROUTES);

async function route(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const report = await routeRecords(event.Records, routes, sendBatch);
  logger.info('routed', { records: event.Records.length, sent: report.sent });
  if (report.firstFailed === undefined) return { batchItemFailures: [] };
  const failed = event.Records[report.firstFailed]!;
  logger.warn('records not routed; the mapping retries from the first', { errors: report.errors, sequenceNumber: failed.dynamodb?.SequenceNumber });
  return { batchItemFailures: [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? '' }] };
}

export const handler = middy(route).use(injectLambdaContext(logger));
