/**
 * The stream poller against a real DynamoDB Local (started here, killed after), with fake
 * handlers: filters, batch shape, partial batch failures, bisection, retries, dead letters, order.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand, DeleteItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTable, LOCAL_CREDENTIALS, startDynamoDbLocal, type DynamoDbLocal } from '../../../infra/local/dynamodb-local';
import { createPoller, interpretBatchResponse, type PollerOptions, type StreamHandler, type StreamPoller } from '../../../infra/local/poller';
import { functions, type FunctionSpec, type StreamSubscription } from '../../../infra/wiring';

jest.setTimeout(30_000);

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let deadLetterDir: string;
const pollers: StreamPoller[] = [];
let tableNo = 0;

beforeAll(async () => {
  ddb = await startDynamoDbLocal({ port: 0 });
  client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'ap-southeast-1', credentials: LOCAL_CREDENTIALS });
  deadLetterDir = mkdtempSync(path.join(tmpdir(), 'thidua-dlq-'));
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
  rmSync(deadLetterDir, { recursive: true, force: true });
});

const subscription = (over: Partial<StreamSubscription> = {}): StreamSubscription => ({
  filters: [],
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  retryAttempts: 2,
  maxRecordAgeSeconds: -1,
  bisectBatchOnError: false,
  parallelizationFactor: 1,
  ...over,
});

const consumerSpec = (stream: StreamSubscription, timeoutSeconds = 5): FunctionSpec => ({
  entry: 'unused.ts',
  description: 'test consumer',
  memorySize: 256,
  timeoutSeconds,
  table: { actions: [], indexes: [] },
  stream,
});

/**
 * A fresh table (its own stream) per test, and a poller over it. Records written before the poller
 * starts are all in the stream at its first read, so batch composition is deterministic (a
 * BatchWriteItem is not atomic: a poller running during it may see part of it, as Lambda may).
 */
async function setup(fns: Record<string, FunctionSpec>, handlers: Record<string, StreamHandler>, extra: Partial<PollerOptions> = {}, before: Record<string, AttributeValue>[] = []) {
  const tableName = `poller-test-${++tableNo}`;
  await createTable(client, tableName);
  await putAll(tableName, before);
  const poller = createPoller({
    endpoint: ddb.endpoint,
    tableName,
    functions: fns,
    handlers,
    region: 'ap-southeast-1',
    pollIntervalMs: 20,
    retryBackoff: { initialMs: 5, maxMs: 20 },
    deadLetterDir: path.join(deadLetterDir, tableName),
    log: { info: () => undefined, warn: () => undefined },
    ...extra,
  });
  pollers.push(poller);
  await poller.start();
  return { tableName, poller };
}

const item = (n: number, extra: Record<string, AttributeValue> = {}): Record<string, AttributeValue> => ({
  pk: { S: `K#${String(n).padStart(3, '0')}` },
  sk: { S: 'ITEM' },
  n: { S: String(n) },
  ...extra,
});

async function putAll(tableName: string, items: Record<string, AttributeValue>[]) {
  for (let i = 0; i < items.length; i += 25) {
    await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

const keyOf = (r: DynamoDBRecord) => r.dynamodb?.NewImage?.n?.S ?? r.dynamodb?.OldImage?.n?.S ?? '?';
const seqOf = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;

/** A fake handler that records each invocation's keys and answers with `answer`. */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler may return nothing, as a Lambda handler may
function recorder(answer: (event: DynamoDBStreamEvent, call: number) => Promise<DynamoDBBatchResponse | void> | DynamoDBBatchResponse | void = () => undefined) {
  const calls: { keys: string[]; event: DynamoDBStreamEvent; context: Context }[] = [];
  const handler: StreamHandler = async (event, context) => {
    calls.push({ keys: event.Records.map(keyOf), event, context });
    return answer(event, calls.length);
  };
  return { calls, handler };
}

describe('the stream poller (one emulated event source mapping per consumer)', () => {
  it('delivers records shaped like Lambda’s, with a Lambda context', async () => {
    const { calls, handler } = recorder();
    const { tableName, poller } = await setup({ consumer: consumerSpec(subscription(), 7) }, { consumer: handler });
    await client.send(new PutItemCommand({ TableName: tableName, Item: item(1, { bin: { B: new Uint8Array([1, 2, 3]) }, data: { M: {} }, nested: { M: { inner: { M: {} } } }, v: { N: '2' } }) }));
    await client.send(new UpdateItemCommand({ TableName: tableName, Key: { pk: { S: 'K#001' }, sk: { S: 'ITEM' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '3' } } }));
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: 'K#001' }, sk: { S: 'ITEM' } } }));
    await poller.idle();

    const records = calls.flatMap((c) => c.event.Records);
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    expect(Object.keys(insert)).toEqual(['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'eventSourceARN']);
    expect(insert).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'ap-southeast-1', eventSourceARN: poller.streamArn });
    expect(insert.dynamodb).toMatchObject({
      Keys: { pk: { S: 'K#001' }, sk: { S: 'ITEM' } },
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      SequenceNumber: expect.stringMatching(/^\d+$/),
      SizeBytes: expect.any(Number),
      ApproximateCreationDateTime: expect.any(Number),
    });
    expect(Math.abs(insert.dynamodb!.ApproximateCreationDateTime! - Date.now() / 1000)).toBeLessThan(120);
    // JSON as Lambda sends it: binary as base64; empty maps kept (DynamoDB Local's stream drops their type).
    expect(insert.dynamodb!.NewImage).toMatchObject({ bin: { B: 'AQID' }, data: { M: {} }, nested: { M: { inner: { M: {} } } }, v: { N: '2' } });
    expect(modify.dynamodb).toMatchObject({ OldImage: { v: { N: '2' } }, NewImage: { v: { N: '3' } } });
    expect(remove.dynamodb!.NewImage).toBeUndefined();
    expect(remove.dynamodb!.OldImage).toMatchObject({ v: { N: '3' } });

    const { context } = calls[0]!;
    expect(context).toMatchObject({ functionName: 'consumer', functionVersion: '$LATEST', memoryLimitInMB: '256' });
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:ap-southeast-1:000000000000:function:consumer');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(7000);
    expect(poller.stats().consumer).toMatchObject({ recordsDelivered: 3, deadLettered: 0 });
  });

  it('applies the wiring’s filters: the stream’s one reader gets the records some consumer takes, and no other', async () => {
    const router = recorder();
    // The real wiring's reader, whose filters are every consumer's.
    const { streamRouter } = functions;
    const { tableName, poller } = await setup({ streamRouter }, { streamRouter: router.handler }, { pollIntervalMs: 20 });
    const s = (v: string) => ({ S: v });
    await putAll(tableName, [
      item(1, { entity: s('Event'), type: s('CampaignCreated') }),
      item(2, { entity: s('Event'), type: s('CampaignIssued') }),
      item(3, { entity: s('Delivery'), status: s('pending') }),
      item(4, { entity: s('Delivery'), status: s('archived') }),
      item(5, { entity: s('Campaign'), status: s('issued') }),
    ]);
    // A failed delivery put back to pending (MODIFY) is mailed again; one marked sent is not.
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: s('K#004'), sk: s('ITEM') },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': s('pending') },
      }),
    );
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { pk: s('K#003'), sk: s('ITEM') },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': s('sent') },
      }),
    );
    await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: s('K#002'), sk: s('ITEM') } }));
    await poller.idle();

    // The CampaignIssued event (onCampaignIssued's), the pending delivery and the one put back to
    // pending (the mailer's); not the other event, the archived row, the campaign, the `sent` mark, the delete.
    expect(router.calls.flatMap((c) => c.event.Records.map((r) => `${r.eventName} ${keyOf(r)}`))).toEqual(['INSERT 2', 'INSERT 3', 'MODIFY 4']);
    expect(poller.stats()).toMatchObject({ streamRouter: { filteredOut: 5 } });
    expect(poller.consumers.map((c) => c.name)).toEqual(['streamRouter']);
  });

  it('retries a partial batch failure from the first failed record, after checkpointing the records before it', async () => {
    const { calls, handler } = recorder((event, call) => {
      // First call: records 3 and 5 fail (reported out of order: the lowest sequence number counts).
      if (call === 1) return { batchItemFailures: [event.Records[4]!, event.Records[2]!].map((r) => ({ itemIdentifier: seqOf(r) })) };
    });
    const { poller } = await setup(
      { consumer: consumerSpec(subscription({ batchSize: 10 })) },
      { consumer: handler },
      {},
      [1, 2, 3, 4, 5].map((n) => item(n)),
    );
    await poller.idle();
    expect(calls.map((c) => c.keys)).toEqual([
      ['1', '2', '3', '4', '5'],
      ['3', '4', '5'],
    ]);
    expect(poller.deadLetters()).toHaveLength(0);
  });

  it('bisects a failing batch, sends the poison record to the dead-letter store after its retries, and keeps order', async () => {
    const delivered: string[] = [];
    const { calls, handler } = recorder((event) => {
      const keys = event.Records.map(keyOf);
      if (keys.includes('3')) throw new Error('poison record 3');
      delivered.push(...keys);
    });
    const { poller } = await setup(
      { consumer: consumerSpec(subscription({ batchSize: 10, retryAttempts: 2, bisectBatchOnError: true })) },
      { consumer: handler },
      {},
      [1, 2, 3, 4, 5, 6].map((n) => item(n)),
    );
    await poller.idle();

    expect(delivered).toEqual(['1', '2', '4', '5', '6']);
    // [1..6] fails → halves [1,2,3] fails → [1,2] ok, [3] fails 1 + 2 retries → dead letter; then [4,5,6].
    expect(calls.map((c) => c.keys.join(','))).toEqual(['1,2,3,4,5,6', '1,2,3', '1,2', '3', '3', '3', '4,5,6']);
    const dead = poller.deadLetters();
    expect(dead).toHaveLength(1);
    const [letter] = dead;
    expect(letter).toMatchObject({
      function: 'consumer',
      condition: 'RetryAttemptsExhausted',
      attempts: 3,
      error: { name: 'Error', message: 'poison record 3' },
      stream: { arn: poller.streamArn, shardId: expect.stringMatching(/^shardId-/), batch: { size: 1 } },
    });
    expect(letter!.stream.sequenceNumber).toBe(seqOf(letter!.record));
    expect(keyOf(letter!.record)).toBe('3');
    // The same entries, one JSON line each, in .local/dead-letters/<function>.jsonl (here a temp dir).
    const lines = readFileSync(path.join(deadLetterDir, `poller-test-${tableNo}`, 'consumer.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(dead)));
  });

  it('without bisection, a thrown error retries the whole batch, then dead-letters all of it and moves on', async () => {
    const { calls, handler } = recorder((event) => {
      if (event.Records.some((r) => keyOf(r) === '2')) throw new Error('boom');
    });
    const { poller } = await setup(
      { consumer: consumerSpec(subscription({ batchSize: 3, retryAttempts: 1 })) },
      { consumer: handler },
      {},
      [1, 2, 3, 4].map((n) => item(n)),
    );
    await poller.idle();
    expect(calls.map((c) => c.keys.join(','))).toEqual(['1,2,3', '1,2,3', '4']);
    expect(poller.deadLetters().map((d) => keyOf(d.record))).toEqual(['1', '2', '3']);
    expect(poller.deadLetters()[0]!.stream.batch).toMatchObject({ size: 3 });
  });

  it('treats an itemIdentifier that names no record of the batch as a failure of the whole batch', async () => {
    const { calls, handler } = recorder((_e, call) => (call === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-a-sequence-number' }] } : undefined));
    const { poller } = await setup(
      { consumer: consumerSpec(subscription()) },
      { consumer: handler },
      {},
      [1, 2].map((n) => item(n)),
    );
    await poller.idle();
    expect(calls.map((c) => c.keys.join(','))).toEqual(['1,2', '1,2']);
    expect(interpretBatchResponse({ batchItemFailures: [{ itemIdentifier: '' }] }, ['1'])).toMatchObject({ kind: 'error' });
    expect(interpretBatchResponse({ batchItemFailures: [] }, ['1'])).toEqual({ kind: 'success' });
    expect(interpretBatchResponse(null, ['1'])).toEqual({ kind: 'success' });
  });

  it('keeps shard order across many batches and fills batches up to batchSize', async () => {
    const { calls, handler } = recorder();
    // Written before the poller starts: every record is on the stream at its first read, so batches
    // fill whatever the machine's load (written while it polls, a slow put rate makes small batches).
    const keys = Array.from({ length: 60 }, (_, i) => i + 1);
    const { poller } = await setup(
      { consumer: consumerSpec(subscription({ batchSize: 7 })) },
      { consumer: handler },
      {},
      keys.map((n) => item(n)),
    );
    await poller.idle();
    expect(calls.flatMap((c) => c.keys)).toEqual(keys.map(String));
    expect(Math.max(...calls.map((c) => c.keys.length))).toBe(7);
  });

  it('waits up to maxBatchingWindowSeconds to fill a batch', async () => {
    const { calls, handler } = recorder();
    const { tableName, poller } = await setup({ consumer: consumerSpec(subscription({ batchSize: 100, maxBatchingWindowSeconds: 1 })) }, { consumer: handler });
    for (const n of [1, 2, 3]) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: item(n) }));
      await new Promise((r) => setTimeout(r, 150));
    }
    await poller.idle();
    expect(calls.map((c) => c.keys)).toEqual([['1', '2', '3']]);
  });

  it('discards records older than maxRecordAgeSeconds to the dead-letter store without invoking', async () => {
    const { calls, handler } = recorder();
    const twoHoursLater = () => Date.now() + 2 * 3600_000;
    const { tableName, poller } = await setup({ consumer: consumerSpec(subscription({ maxRecordAgeSeconds: 3600 })) }, { consumer: handler }, { now: twoHoursLater });
    await putAll(tableName, [item(1)]);
    await poller.idle();
    expect(calls).toHaveLength(0);
    expect(poller.deadLetters()).toMatchObject([{ condition: 'RecordAgeExceeded', attempts: 0 }]);
  });

  it('enforces the function timeout like Lambda (a timed-out batch is a failed batch)', async () => {
    const { calls, handler } = recorder(async (_e, call) => {
      if (call === 1) await new Promise((r) => setTimeout(r, 1500));
    });
    const { tableName, poller } = await setup({ consumer: consumerSpec(subscription({ retryAttempts: 1 }), 1) }, { consumer: handler });
    await putAll(tableName, [item(1)]);
    await poller.idle();
    expect(calls).toHaveLength(2);
    expect(poller.deadLetters()).toHaveLength(0);
  });

  it('stop() waits for the batch in flight', async () => {
    let finished = false;
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const { handler } = recorder(async () => {
      started();
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    const { tableName, poller } = await setup({ consumer: consumerSpec(subscription()) }, { consumer: handler });
    await putAll(tableName, [item(1)]);
    await inFlight;
    await poller.stop();
    expect(finished).toBe(true);
  });

  it('needs a handler for the stream reader of the wiring', () => {
    expect(() => createPoller({ endpoint: ddb.endpoint, tableName: 'x', handlers: {} })).toThrow(/streamRouter/);
  });
});
