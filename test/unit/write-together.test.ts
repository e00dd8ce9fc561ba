import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from '../../shared/store/conditions';
import { insertTogether, updateTogether } from '../../shared/store/write-together';

/**
 * Many one-item writes as TransactWriteItems requests (shared/store/write-together.ts), on a real
 * document client whose HTTP handler is a fake DynamoDB: what goes over the wire, and how a
 * transaction's answer (written, or cancelled with a reason per operation) becomes each command's
 * outcome. That DynamoDB Local takes these transactions and cancels them as described is shown by
 * test/integration/write-together.test.ts, and the mailer runs on them in test/integration/faults.test.ts.
 */

/** A reason for one operation (undefined: it would have been written). */
type Answer = { Code: string; Message?: string } | { refuse: string } | { throttle: true } | undefined;
type Operation = { kind: 'Update' | 'Put'; sk: string; input: Record<string, unknown> };

function fakeDynamoDb(answer: (op: Operation, request: number) => Answer) {
  const requests: Operation[][] = [];
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'ap-southeast-1',
      endpoint: 'http://dynamodb.invalid',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      maxAttempts: 1,
      requestHandler: {
        handle: async (request: { body?: unknown; headers: Record<string, string> }) => {
          const body = JSON.parse(new TextDecoder().decode(request.body as Uint8Array)) as { TransactItems: Record<string, { Key?: Record<string, unknown>; Item?: Record<string, unknown> }>[] };
          const ops = body.TransactItems.map((t) => {
            const [kind, input] = Object.entries(t)[0]!;
            return { kind: kind as Operation['kind'], sk: String(unmarshall((input.Key ?? input.Item) as never).sk), input };
          });
          const n = requests.push(ops) - 1;
          const answers = ops.map((o) => answer(o, n));
          const reply = (status: number, payload: unknown) => ({
            response: { statusCode: status, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([JSON.stringify(payload)]) },
          });
          if (answers.some((a) => a && 'throttle' in a)) return reply(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded' });
          const refused = answers.find((a) => a && 'refuse' in a) as { refuse: string } | undefined;
          if (refused) return reply(400, { __type: 'com.amazonaws.dynamodb.v20120810#ValidationException', message: refused.refuse });
          if (answers.every((a) => !a)) return reply(200, {});
          return reply(400, {
            __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
            message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
            CancellationReasons: answers.map((a) => (a as { Code: string; Message?: string } | undefined) ?? { Code: 'None' }),
          });
        },
      },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client, requests, sks: () => requests.map((r) => r.map((o) => o.sk)) };
}

const mark = (sk: string, token = 't') =>
  new UpdateCommand({
    TableName: 'T',
    Key: { pk: 'P', sk },
    UpdateExpression: 'SET #status = :sending, sendingAt = :now REMOVE lastError, retryable',
    ConditionExpression: '#status IN (:claimed, :pending) AND claimToken = :token AND attempts < :max',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':sending': 'sending', ':now': 'n', ':claimed': 'claimed', ':pending': 'pending', ':token': token, ':max': 5 },
  });

const put = (sk: string) => new PutCommand({ TableName: 'T', Item: { pk: 'P', sk, status: 'pending' }, ConditionExpression: 'attribute_not_exists(pk)' });

const rejected = (r: PromiseSettledResult<void> | undefined) => (r as PromiseRejectedResult).reason;

describe('writing together', () => {
  it('250 updates: 3 requests (100, 100, 50), each operation the command as it was written, its condition and values included', async () => {
    const { client, requests } = fakeDynamoDb(() => undefined);
    const results = await updateTogether(
      Array.from({ length: 250 }, (_, i) => mark(`S${i}`)),
      client,
    );
    expect(requests.map((r) => r.length)).toEqual([100, 100, 50]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const first = requests[0]![0]!;
    expect(first.kind).toBe('Update');
    expect(first.input).toMatchObject({
      TableName: 'T',
      UpdateExpression: 'SET #status = :sending, sendingAt = :now REMOVE lastError, retryable',
      ConditionExpression: '#status IN (:claimed, :pending) AND claimToken = :token AND attempts < :max',
      ExpressionAttributeNames: { '#status': 'status' },
    });
    expect(unmarshall((first.input as { ExpressionAttributeValues: never }).ExpressionAttributeValues)).toEqual({
      ':sending': 'sending',
      ':now': 'n',
      ':claimed': 'claimed',
      ':pending': 'pending',
      ':token': 't',
      ':max': 5,
    });
  });

  it('a failed condition rejects its own command; the operations it cancelled are sent again at once, without it', async () => {
    const { client, sks } = fakeDynamoDb((op) => (op.sk === 'S7' ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : undefined));
    const results = await updateTogether(
      Array.from({ length: 10 }, (_, i) => mark(`S${i}`)),
      client,
    );
    expect(sks()).toEqual([Array.from({ length: 10 }, (_, i) => `S${i}`), ['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S8', 'S9']]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(isConditionFailure(rejected(results[7]))).toBe(true);
  });

  it('a conflicting operation is sent again later and written; an unknown reason fails its own command only', async () => {
    const { client, sks } = fakeDynamoDb((op, n) => {
      if (op.sk === 'S1' && n === 0) return { Code: 'TransactionConflict', Message: 'conflict' };
      if (op.sk === 'S2') return { Code: 'ItemCollectionSizeLimitExceeded', Message: 'too big' };
      return undefined;
    });
    const results = await updateTogether([mark('S0'), mark('S1'), mark('S2')], client);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    // S2's reason settles it at the first answer; S0, spared, is written at once; S1 comes back after its backoff.
    expect(sks()).toEqual([['S0', 'S1', 'S2'], ['S0'], ['S1']]);
    expect(String(rejected(results[2]))).toContain('ItemCollectionSizeLimitExceeded');
  });

  it('a request refused as a whole is split until the refused write is alone: only that command fails', async () => {
    const { client, sks } = fakeDynamoDb((op) => (op.sk === 'S2' ? { refuse: 'Item size has exceeded the maximum allowed size' } : undefined));
    const results = await updateTogether([mark('S0'), mark('S1'), mark('S2'), mark('S3')], client);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(sks()).toEqual([['S0', 'S1', 'S2', 'S3'], ['S0', 'S1'], ['S2', 'S3'], ['S2'], ['S3']]);
    expect(String(rejected(results[2]))).toContain('maximum allowed size');
  });

  it('a request throttled as a whole (past the SDK’s retries) fails its commands, and is not split into more requests', async () => {
    const { client, sks } = fakeDynamoDb(() => ({ throttle: true }));
    const results = await updateTogether([mark('S0'), mark('S1'), mark('S2')], client);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String(rejected(results[0]))).toContain('ProvisionedThroughputExceeded');
    expect(sks()).toEqual([['S0', 'S1', 'S2']]);
  });

  it('a cancellation that names no write is tried again later, not at once and forever', async () => {
    const { client, sks } = fakeDynamoDb((_, n) => (n === 0 ? { Code: 'None' } : undefined));
    const results = await updateTogether([mark('S0'), mark('S1')], client);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(sks()).toEqual([
      ['S0', 'S1'],
      ['S0', 'S1'],
    ]);
  });

  it('the same item twice goes into two requests (DynamoDB refuses a transaction that names an item twice)', async () => {
    const { client, sks } = fakeDynamoDb(() => undefined);
    await updateTogether([mark('S0', 'a'), mark('S0', 'b'), mark('S1')], client);
    expect(sks()).toEqual([['S0', 'S1'], ['S0']]);
  });

  it('a put that may only create keeps its condition; one whose item exists reads as a failed condition (the item was queued before)', async () => {
    const { client, requests } = fakeDynamoDb((op) => (op.sk === 'old' ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : undefined));
    const results = await insertTogether([put('new'), put('old')], client);
    expect(requests[0]!.map((o) => [o.kind, o.input.ConditionExpression])).toEqual([
      ['Put', 'attribute_not_exists(pk)'],
      ['Put', 'attribute_not_exists(pk)'],
    ]);
    expect(results[0]!.status).toBe('fulfilled');
    expect(isConditionFailure(rejected(results[1]))).toBe(true);
  });

  it('every middleware of the client sees each item’s own command; one that throws fails that item alone, the rest are written', async () => {
    const { client, sks } = fakeDynamoDb(() => undefined);
    const seen: string[] = [];
    client.middlewareStack.add(
      ((next: (a: unknown) => Promise<unknown>) => async (args: { input: { Key?: { sk?: string }; UpdateExpression?: string } }) => {
        if (args.input.UpdateExpression) seen.push(args.input.Key!.sk!);
        if (args.input.Key?.sk === 'S1') throw new Error('the process died here');
        return next(args);
      }) as never,
      { step: 'initialize', priority: 'high', name: 'testKiller' },
    );
    const results = await updateTogether([mark('S0'), mark('S1'), mark('S2')], client);
    expect(seen).toEqual(['S0', 'S1', 'S2']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sks()).toEqual([['S0', 'S2']]);
  });
});
