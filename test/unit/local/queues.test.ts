/**
 * The twin's queues and its Lambda SQS mapping: visibility, receive counts, dead-lettering after
 * maxReceiveCount, FIFO groups and deduplication, partial batch responses by message id, maximum
 * concurrency, and the SQS endpoint the router's SDK client talks to. A controllable clock where
 * timing matters; nothing here asserts a duration.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { createQueueMapping } from '../../../infra/local/queue-mapping';
import { LocalQueue } from '../../../infra/local/queues';
import { startSqsLocal } from '../../../infra/local/sqs-local';
import type { FunctionSpec, QueueSubscription } from '../../../infra/wiring';

let clock = 1_000_000;
const now = () => clock;
const queues = (o: { fifo?: boolean; maxReceiveCount?: number } = {}) => {
  const dead: string[] = [];
  const dlq = new LocalQueue({ name: 'dlq', fifo: o.fifo, url: 'http://q/dlq', arn: 'arn:dlq', visibilityTimeoutMs: 1000, now });
  const q = new LocalQueue({
    name: 'q',
    fifo: o.fifo,
    url: 'http://q/q',
    arn: 'arn:q',
    visibilityTimeoutMs: 1000,
    maxReceiveCount: o.maxReceiveCount ?? 3,
    deadLetter: dlq,
    now,
    onDeadLetter: (m) => dead.push(m.body),
  });
  return { q, dlq, dead };
};

describe('LocalQueue', () => {
  beforeEach(() => (clock = 1_000_000));

  it('hides a received message for the visibility timeout, shows it again unless deleted, and counts receives', () => {
    const { q } = queues();
    q.send({ body: 'a' });
    const [first] = q.receive(10);
    expect(first).toMatchObject({ body: 'a', receiveCount: 1 });
    expect(q.receive(10)).toEqual([]);
    expect(q.counts()).toEqual({ visible: 0, inFlight: 1 });
    clock += 1000;
    const [again] = q.receive(10);
    expect(again).toMatchObject({ messageId: first!.messageId, receiveCount: 2 });
    // The old receipt handle no longer deletes it; the latest does.
    expect(q.delete(first!.receiptHandle!)).toBe(false);
    expect(q.delete(again!.receiptHandle!)).toBe(true);
    expect(q.counts()).toEqual({ visible: 0, inFlight: 0 });
  });

  it('moves a message received maxReceiveCount times to the dead-letter queue at the next receive, with its last error', () => {
    const { q, dlq, dead } = queues({ maxReceiveCount: 2 });
    q.send({ body: 'poison' });
    for (let i = 0; i < 2; i++) {
      const [m] = q.receive(1);
      q.noteFailure(m!.receiptHandle!, { name: 'Error', message: `boom ${i}` });
      clock += 1000;
    }
    expect(q.receive(1)).toEqual([]);
    expect(dead).toEqual(['poison']);
    expect(dlq.peek()).toEqual([expect.objectContaining({ body: 'poison', receiveCount: 2, lastError: { name: 'Error', message: 'boom 1' }, deadLettered: { at: clock, from: 'q' } })]);
    // Redrive: back with a fresh count.
    expect(dlq.moveMessages(q)).toBe(1);
    expect(dlq.peek()).toEqual([]);
    expect(q.receive(1)).toEqual([expect.objectContaining({ body: 'poison', receiveCount: 1 })]);
  });

  it('a failure noted with a retry delay reappears then, before the visibility timeout', () => {
    const { q } = queues();
    q.send({ body: 'a' });
    const [m] = q.receive(1);
    q.noteFailure(m!.receiptHandle!, { name: 'Error', message: 'x' }, 10);
    clock += 10;
    expect(q.receive(1)).toHaveLength(1);
  });

  it('FIFO: needs a group and a deduplication id, drops a repeat within 5 minutes, and holds a group back while a message of it is in flight', () => {
    const { q } = queues({ fifo: true });
    expect(() => q.send({ body: 'x', deduplicationId: 'd' })).toThrow(/MessageGroupId/);
    expect(() => q.send({ body: 'x', groupId: 'g' })).toThrow(/MessageDeduplicationId/);
    const a1 = q.send({ body: 'a1', groupId: 'A', deduplicationId: '1' });
    expect(q.send({ body: 'a1 again', groupId: 'A', deduplicationId: '1' }).messageId).toBe(a1.messageId);
    q.send({ body: 'a2', groupId: 'A', deduplicationId: '2' });
    q.send({ body: 'b1', groupId: 'B', deduplicationId: '3' });
    // One receive may take a group's messages in order.
    expect(q.receive(10).map((m) => m.body)).toEqual(['a1', 'a2', 'b1']);
    clock += 1000;
    // a1 failed (not deleted): a2 must wait behind it, even though it is visible again too.
    const [again] = q.receive(1);
    expect(again!.body).toBe('a1');
    expect(q.receive(10).map((m) => m.body)).toEqual(['b1']);
    q.delete(again!.receiptHandle!);
    clock += 1000;
    // a2 in order behind a1; b1, never deleted, is back too.
    expect(q.receive(10).map((m) => m.body)).toEqual(['a2', 'b1']);
    clock += 5 * 60_000;
    // After the window the same deduplication id is a new message.
    expect(q.send({ body: 'a1 later', groupId: 'A', deduplicationId: '1' }).messageId).not.toBe(a1.messageId);
  });
});

describe('the twin’s Lambda SQS mapping', () => {
  const spec = (queue: Partial<QueueSubscription> = {}): FunctionSpec => ({
    entry: 'unused.ts',
    description: 'test consumer',
    memorySize: 128,
    timeoutSeconds: 5,
    table: { actions: [], indexes: [] },
    queue: { filters: [{ eventName: ['INSERT'] }], order: 'none', batchSize: 10, maxBatchingWindowSeconds: 0, maxReceiveCount: 3, maxConcurrency: 2, ...queue },
  });
  const log = { info: () => undefined, warn: () => undefined };
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(ok()).toBe(true);
  };

  it('hands Lambda’s SQS event, deletes what succeeded, leaves what the function reported failed, by message id', async () => {
    const q = new LocalQueue({ name: 'q', url: 'http://q/q', arn: 'arn:aws:sqs:local:000000000000:q', visibilityTimeoutMs: 60_000 });
    for (const body of ['ok-1', 'bad', 'ok-2']) q.send({ body });
    const events: SQSEvent[] = [];
    const mapping = createQueueMapping({
      name: 'consumer',
      spec: spec(),
      queue: q,
      region: 'ap-southeast-1',
      retryAfterMs: 60_000,
      log,
      handler: async (event: SQSEvent) => {
        events.push(event);
        return { batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });
    mapping.start();
    await until(() => mapping.stats().invocations === 1 && q.counts().visible === 0);
    await mapping.stop();
    const [event] = events;
    expect(event!.Records.map((r) => r.body)).toEqual(['ok-1', 'bad', 'ok-2']);
    expect(event!.Records[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:q', awsRegion: 'ap-southeast-1', attributes: { ApproximateReceiveCount: '1' } });
    expect(mapping.stats()).toEqual({ invocations: 1, messagesDeleted: 2, messagesFailed: 1 });
    expect(q.peek().map((m) => m.body)).toEqual(['bad']);
    expect(mapping.isIdle()).toBe(false); // the failed message waits to reappear
  });

  it('a thrown error or an unknown itemIdentifier fails the whole batch; the retries end in the dead-letter queue', async () => {
    const dlq = new LocalQueue({ name: 'dlq', url: 'http://q/dlq', arn: 'arn:dlq', visibilityTimeoutMs: 60_000 });
    const q = new LocalQueue({ name: 'q', url: 'http://q/q', arn: 'arn:q', visibilityTimeoutMs: 60_000, maxReceiveCount: 3, deadLetter: dlq });
    q.send({ body: 'a' });
    q.send({ body: 'b' });
    let calls = 0;
    const mapping = createQueueMapping({
      name: 'consumer',
      spec: spec(),
      queue: q,
      region: 'ap-southeast-1',
      retryAfterMs: 1,
      log,
      handler: async () => {
        calls++;
        if (calls % 2) throw new Error('down');
        return { batchItemFailures: [{ itemIdentifier: 'not-a-message-of-this-batch' }] };
      },
    });
    mapping.start();
    await until(() => dlq.peek().length === 2);
    await mapping.stop();
    expect(calls).toBe(3);
    expect(dlq.peek().map((m) => [m.body, m.receiveCount])).toEqual([
      ['a', 3],
      ['b', 3],
    ]);
    expect(dlq.peek()[0]!.lastError?.name).toBe('Error');
    expect(mapping.isIdle()).toBe(true);
  });

  it('runs at most maxConcurrency invocations at once', async () => {
    const q = new LocalQueue({ name: 'q', url: 'http://q/q', arn: 'arn:q', visibilityTimeoutMs: 60_000 });
    for (let i = 0; i < 12; i++) q.send({ body: String(i) });
    let running = 0;
    let most = 0;
    const mapping = createQueueMapping({
      name: 'consumer',
      spec: spec({ batchSize: 1, maxConcurrency: 3 }),
      queue: q,
      region: 'ap-southeast-1',
      log,
      handler: async () => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });
    mapping.start();
    await until(() => mapping.stats().messagesDeleted === 12);
    await mapping.stop();
    expect(most).toBe(3);
  });
});

describe('the twin’s SQS endpoint', () => {
  it('takes SendMessageBatch from the SDK (which checks the MD5 of each body), FIFO attributes included, and reports refused entries', async () => {
    const fifo = new LocalQueue({ name: 'f.fifo', fifo: true, url: '', arn: 'arn:f', visibilityTimeoutMs: 1000 });
    const server = await startSqsLocal({ queues: () => [fifo] });
    Object.assign(fifo, { url: `${server.endpoint}/000000000000/f.fifo` });
    // As the twin configures the router's client: AWS_ENDPOINT_URL_SQS is the endpoint the queue URLs name.
    const sqs = new SQSClient({ region: 'ap-southeast-1', endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const out = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: fifo.url,
          Entries: [
            { Id: '0', MessageBody: '{"n":"đơn vị"}', MessageGroupId: 'CAMPAIGN#1', MessageDeduplicationId: 'e0' },
            { Id: '1', MessageBody: 'no group' },
          ],
        }),
      );
      expect(out.Successful?.map((s) => s.Id)).toEqual(['0']);
      expect(out.Failed).toEqual([expect.objectContaining({ Id: '1', SenderFault: true, Code: 'MissingParameter' })]);
      expect(fifo.peek()).toEqual([expect.objectContaining({ body: '{"n":"đơn vị"}', groupId: 'CAMPAIGN#1', deduplicationId: 'e0' })]);
      await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: `${server.endpoint}/000000000000/nope`, Entries: [{ Id: '0', MessageBody: 'x' }] }))).rejects.toThrow(/does not exist/);
      expect(server.counters()).toEqual({ SendMessageBatch: 2 });
    } finally {
      sqs.destroy();
      await server.stop();
    }
  });
});
