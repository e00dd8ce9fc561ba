import type { DynamoDBRecord } from 'aws-lambda';
import { type FilterPattern, matchesAny } from './filter-match';

/**
 * The stream router's routing (infra/wiring.ts: the table's one stream reader, a queue per
 * consumer): every record goes, as it came, to the queue of each consumer one of whose patterns it
 * matches. Pure but for the `send` it is given, so the cloud function and the tests share it.
 */
export interface Route {
  /** The consuming function's wiring name (for logs and metrics). */
  consumer: string;
  queueUrl: string;
  /** A FIFO queue: the record's partition key (its campaign) is the message group. */
  fifo: boolean;
  filters: FilterPattern[];
}

/**
 * A copy written by the agencies migration (scripts/migrate-to-agencies.ts): an old item moved under its agency's key,
 * marked `migratedAt`. Its INSERT is not news: the event was handled and the mail sent under the old key, so routing it
 * would send the mail again. Only the INSERT is skipped: a later change of the same item (an Office retry putting a
 * delivery back to `pending`, the reconciler retrying a mailing) still carries the mark and must be routed.
 */
export const isMigrationCopy = (record: DynamoDBRecord) => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.migratedAt !== undefined;

/** One SendMessageBatch entry. */
export interface Entry {
  Id: string;
  MessageBody: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/** Sends up to 10 entries to one queue; resolves with the ids of the entries SQS did not take. */
export type SendBatch = (queueUrl: string, entries: Entry[]) => Promise<string[]>;

/** SQS's limits on one SendMessageBatch: 10 messages, 256 KiB in all (the size of one message too). */
export const MAX_ENTRIES = 10;
export const MAX_BATCH_BYTES = 256 * 1024;

/** The routes, from the router's environment (ROUTES, JSON, set by the stack or the twin from the wiring). */
export function parseRoutes(json: string | undefined): Route[] {
  if (!json) throw new Error('ROUTES is not set: the stream router has nowhere to put records');
  const routes = JSON.parse(json) as Route[];
  if (!Array.isArray(routes) || routes.length === 0) throw new Error('ROUTES holds no route');
  for (const r of routes) {
    if (typeof r.consumer !== 'string' || typeof r.queueUrl !== 'string' || typeof r.fifo !== 'boolean' || !Array.isArray(r.filters) || r.filters.length === 0) {
      throw new Error(`ROUTES: a route needs consumer, queueUrl, fifo and at least one filter: ${JSON.stringify(r)}`);
    }
  }
  return routes;
}

/**
 * The message body: the stream record as received. Consumers read only the new image, so a record
 * too large for SQS (a MODIFY of a large item carries both images) goes without its old image.
 */
export function messageBody(record: DynamoDBRecord): string {
  const whole = JSON.stringify(record);
  if (Buffer.byteLength(whole) <= MAX_BATCH_BYTES) return whole;
  const { OldImage: _old, ...dynamodb } = record.dynamodb ?? {};
  const slim = JSON.stringify({ ...record, dynamodb });
  if (Buffer.byteLength(slim) > MAX_BATCH_BYTES) throw new Error(`stream record ${record.eventID} is larger than an SQS message even without its old image`);
  return slim;
}

export function entryFor(record: DynamoDBRecord, index: number, fifo: boolean): Entry {
  const entry: Entry = { Id: String(index), MessageBody: messageBody(record) };
  if (!fifo) return entry;
  // The partition key is the campaign for every campaign item; the stream orders records per
  // partition key, and so does the message group. The stream's event id is unique per record: a
  // record routed again (a retried batch) within SQS's 5-minute window is dropped, not doubled.
  const group = record.dynamodb?.Keys?.pk?.S;
  if (!group || !record.eventID) throw new Error(`stream record ${record.eventID ?? '?'} has no partition key or event id to order it by`);
  return { ...entry, MessageGroupId: group, MessageDeduplicationId: record.eventID };
}

/** Consecutive entries in batches within SQS's limits. */
export function chunk(entries: Entry[]): Entry[][] {
  const out: Entry[][] = [];
  let current: Entry[] = [];
  let bytes = 0;
  for (const e of entries) {
    const size = Buffer.byteLength(e.MessageBody);
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

export interface RouteReport {
  /** Messages put on each consumer's queue. */
  sent: Record<string, number>;
  /** Index (in the batch) of the first record not put on every queue it belongs to; undefined when all were. */
  firstFailed?: number;
  errors: string[];
}

/**
 * Routes a batch of stream records. Each queue gets its records in stream order, batch after batch;
 * a queue that refuses one (after `send`'s own retries) gets nothing after it, and the earliest such
 * record is reported, so that the stream mapping retries from there (the records after it are sent
 * again: harmless, consumers are idempotent and FIFO queues drop the repeat).
 */
export async function routeRecords(records: readonly DynamoDBRecord[], routes: readonly Route[], send: SendBatch): Promise<RouteReport> {
  const report: RouteReport = { sent: {}, errors: [] };
  const fail = (index: number, error: string) => {
    report.errors.push(error);
    report.firstFailed = Math.min(report.firstFailed ?? index, index);
  };
  await Promise.all(
    routes.map(async (route) => {
      const entries: Entry[] = [];
      for (const [index, record] of records.entries()) {
        if (isMigrationCopy(record) || !matchesAny(route.filters, record)) continue;
        try {
          entries.push(entryFor(record, index, route.fifo));
        } catch (error) {
          // Nothing after it goes to this queue (its order would be broken); the earlier ones do.
          fail(index, `${route.consumer}: ${(error as Error).message}`);
          break;
        }
      }
      let sent = 0;
      const done = () => (report.sent[route.consumer] = sent);
      for (const batch of chunk(entries)) {
        let failed: string[];
        try {
          failed = await send(route.queueUrl, batch);
        } catch (error) {
          failed = batch.map((e) => e.Id);
          report.errors.push(`${route.consumer}: ${(error as Error).message}`);
        }
        if (failed.length) {
          fail(Math.min(...failed.map(Number)), `${route.consumer}: ${failed.length} message(s) not accepted`);
          sent += batch.length - failed.length;
          return done();
        }
        sent += batch.length;
      }
      done();
    }),
  );
  return report;
}
