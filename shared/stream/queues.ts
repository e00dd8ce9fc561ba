import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { logger } from '../powertools';
import type { Entry } from './route';

/**
 * The stream router's SQS adapter: one client per process; the endpoint comes from the SDK's own
 * configuration (the queue URLs, and AWS_ENDPOINT_URL_SQS on the local twin).
 */
const sqs = new SQSClient({});

/** SendMessageBatch, retrying in place (3 times, with backoff) the entries SQS failed on its side; returns the ids still refused. */
export async function sendBatch(queueUrl: string, entries: Entry[]): Promise<string[]> {
  let pending = entries;
  for (let attempt = 0; ; attempt++) {
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
    const failed = out.Failed ?? [];
    if (failed.length === 0) return [];
    const ids = new Set(failed.map((f) => f.Id));
    if (attempt >= 3 || failed.some((f) => f.SenderFault)) {
      logger.error('SQS refused messages', { queueUrl, failed });
      return [...ids].filter((id): id is string => typeof id === 'string');
    }
    pending = pending.filter((e) => ids.has(e.Id));
    await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
  }
}
