/**
 * The twin's queues kept on disk (infra/local/queue-journal.ts): a queue made again on the journal
 * of a queue that "died" (dropped without closing, as under SIGKILL) holds what SQS would still
 * hold: unconsumed messages (those in flight visible again, their receive counts kept), dead
 * letters, and the FIFO deduplication window.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_ROUTES } from '../../../infra/local/gateway';
import { accessLogOn, batchLine, requestLine } from '../../../infra/local/twin';
import { QueueJournal } from '../../../infra/local/queue-journal';
import { LocalQueue } from '../../../infra/local/queues';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'thidua-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function queues(opts: { fifo?: boolean; now?: () => number } = {}) {
  const base = { fifo: opts.fifo ?? false, visibilityTimeoutMs: 60_000, ...(opts.now ? { now: opts.now } : {}) };
  const dlq = new LocalQueue({ ...base, name: 'q-dlq', url: 'http://x/q-dlq', arn: 'arn:q-dlq', journal: new QueueJournal(path.join(dir, 'q-dlq.jsonl')) });
  const queue = new LocalQueue({ ...base, name: 'q', url: 'http://x/q', arn: 'arn:q', maxReceiveCount: 2, deadLetter: dlq, journal: new QueueJournal(path.join(dir, 'q.jsonl')) });
  return { queue, dlq };
}

it('keeps unconsumed messages; one in flight is visible again, its receive count kept; a deleted one is gone', () => {
  const a = queues();
  a.queue.send({ body: 'one' });
  a.queue.send({ body: 'two' });
  a.queue.send({ body: 'three' });
  const [first, second] = a.queue.receive(2);
  expect(a.queue.delete(first!.receiptHandle!)).toBe(true);
  a.queue.noteFailure(second!.receiptHandle!, { name: 'Error', message: 'boom' });
  // No close(): the process dies here.

  const b = queues();
  expect(b.queue.restored).toBe(2);
  expect(b.queue.counts()).toEqual({ visible: 2, inFlight: 0 });
  const again = b.queue.receive(10);
  expect(again.map((m) => m.body)).toEqual(['two', 'three']);
  expect(again.map((m) => m.receiveCount)).toEqual([2, 1]);
  expect(again[0]!.lastError).toEqual({ name: 'Error', message: 'boom' });
});

it('keeps dead letters, and a message moved to the dead-letter queue is not also back in its queue', () => {
  const a = queues();
  a.queue.send({ body: 'poison' });
  a.queue.receive(1);
  let now = Date.now() + 120_000; // past the visibility timeout
  const later = queues({ now: () => now });
  later.queue.receive(1); // its second receive
  now += 120_000;
  expect(later.queue.receive(1)).toEqual([]); // received twice: moved to the dead-letter queue
  expect(later.dlq.counts().visible).toBe(1);

  const b = queues();
  expect(b.queue.counts()).toEqual({ visible: 0, inFlight: 0 });
  expect(b.dlq.peek().map((m) => [m.body, m.deadLettered?.from])).toEqual([['poison', 'q']]);
  // Redriven after the restart, with a fresh receive count.
  expect(b.dlq.moveMessages(b.queue)).toBe(1);
  const c = queues();
  expect(c.dlq.counts().visible).toBe(0);
  expect(c.queue.receive(1).map((m) => [m.body, m.receiveCount])).toEqual([['poison', 1]]);
});

it('keeps the FIFO deduplication window: the router sending a record again after a crash is dropped', () => {
  const a = queues({ fifo: true });
  const sent = a.queue.send({ body: 'r1', groupId: 'c1', deduplicationId: 'event-1' });
  const [m] = a.queue.receive(1);
  a.queue.delete(m!.receiptHandle!);

  const b = queues({ fifo: true });
  const again = b.queue.send({ body: 'r1', groupId: 'c1', deduplicationId: 'event-1' });
  expect(again.messageId).toBe(sent.messageId);
  expect(b.queue.counts().visible).toBe(0);
  // A new record still gets a sequence number after the old ones.
  const next = b.queue.send({ body: 'r2', groupId: 'c1', deduplicationId: 'event-2' });
  expect(BigInt(next.sequenceNumber!)).toBeGreaterThan(BigInt(sent.sequenceNumber!));
});

it('ignores a line torn by a kill mid-write, and compacts a long journal to what it describes', () => {
  const a = queues();
  for (let i = 0; i < 1500; i++) {
    a.queue.send({ body: `m${i}` });
    const [m] = a.queue.receive(1);
    a.queue.delete(m!.receiptHandle!);
  }
  a.queue.send({ body: 'last' });
  appendFileSync(path.join(dir, 'q.jsonl'), '{"op":"add","m":{"messageId":"torn","bo');
  const b = queues();
  expect(b.queue.peek().map((m) => m.body)).toEqual(['last']);
  // Loading rewrote it: the one live message, not 4,500 lines of history.
  expect(readFileSync(path.join(dir, 'q.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
});

describe('the console lines', () => {
  it('one per request and one per consumer invocation', () => {
    expect(requestLine({ method: 'GET', path: '/campaigns/c1', status: 200, ms: 12 })).toBe('GET    /campaigns/c1  200  12 ms');
    expect(batchLine({ consumer: 'mailer', records: 10, failures: 1, ms: 812 })).toBe('  ↳ mailer  10 records, 1 failed  812 ms');
    expect(batchLine({ consumer: 'mailer', records: 1, failures: 0, ms: 5 })).toBe('  ↳ mailer  1 record, 0 failed  5 ms');
  });

  it('printed unless quiet or LOG_LEVEL is ERROR or quieter (tests), and LOCAL_ACCESS_LOG decides when set', () => {
    expect(accessLogOn({}, false)).toBe(true);
    expect(accessLogOn({ LOG_LEVEL: 'ERROR' }, false)).toBe(false);
    expect(accessLogOn({ LOG_LEVEL: 'silent' }, false)).toBe(false);
    expect(accessLogOn({}, true)).toBe(false);
    expect(accessLogOn({ LOG_LEVEL: 'ERROR', LOCAL_ACCESS_LOG: '1' }, false)).toBe(true);
    expect(accessLogOn({ LOCAL_ACCESS_LOG: '0' }, false)).toBe(false);
  });
});

describe('the banner', () => {
  it("lists every route the gateway answers under /local/ (read from the gateway's own code)", () => {
    const source = readFileSync(path.join(__dirname, '../../../infra/local/gateway.ts'), 'utf8');
    const handled = [...new Set([...source.matchAll(/path === '(\/local\/[^']+)'/g)].map((m) => m[1]!))];
    expect(handled.length).toBeGreaterThanOrEqual(9);
    const listed = LOCAL_ROUTES.map((r) => `${r.path} ${r.what}`).join('\n');
    expect(handled.filter((p) => !listed.includes(p))).toEqual([]);
  });
});
