import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isConditionFailure } from '../../shared/store/conditions';
import { insertStatement, insertTogether, updateStatement, updateTogether } from '../../shared/store/statement-batch';

/**
 * Many one-item writes as BatchExecuteStatement requests (shared/store/statement-batch.ts), on a
 * real document client whose HTTP handler is a fake DynamoDB: what goes over the wire, and how each
 * statement's answer becomes its command's outcome. That DynamoDB (Local) takes these statements
 * is shown by the integration suites (test/integration/faults.test.ts runs the mailer on them).
 */

type Answer = { Code: string; Message?: string } | undefined;

function fakeDynamoDb(answer: (statement: string, parameters: unknown[], request: number) => Answer) {
  const requests: { Statement: string; Parameters: unknown[] }[][] = [];
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'ap-southeast-1',
      endpoint: 'http://dynamodb.invalid',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      requestHandler: {
        handle: async (request: { body?: unknown }) => {
          const body = JSON.parse(new TextDecoder().decode(request.body as Uint8Array)) as { Statements: { Statement: string; Parameters: Record<string, unknown>[] }[] };
          // Parameters as the wire carries them ({ S: 'x' }), read back into plain values.
          const statements = body.Statements.map((s) => ({ Statement: s.Statement, Parameters: s.Parameters.map((p) => unmarshall({ v: p as never }).v) }));
          const n = requests.push(statements) - 1;
          const Responses = statements.map((s) => {
            const error = answer(s.Statement, s.Parameters, n);
            return error ? { Error: error } : {};
          });
          return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([JSON.stringify({ Responses })]) } };
        },
      },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client, requests };
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

describe('the translation', () => {
  it('an update: each action its own SET or REMOVE, the key then the condition in WHERE, the values as positional parameters in order', () => {
    expect(updateStatement(mark('S1').input)).toMatchObject({
      Statement: 'UPDATE "T" SET "status" = ? SET "sendingAt" = ? REMOVE "lastError" REMOVE "retryable" WHERE "pk" = ? AND "sk" = ? AND ("status" IN [?, ?] AND "claimToken" = ? AND "attempts" < ?)',
      Parameters: ['sending', 'n', 'P', 'S1', 'claimed', 'pending', 't', 5],
    });
  });

  it('an increment and attribute_not_exists translate; a function PartiQL lacks (if_not_exists) or ReturnValues leave the command as it is', () => {
    const input = { TableName: 'T', Key: { pk: 'P', sk: 'S' }, ExpressionAttributeValues: { ':one': 1 } };
    expect(updateStatement({ ...input, UpdateExpression: 'SET n = n + :one', ConditionExpression: 'attribute_not_exists(lock)' })?.Statement).toBe(
      'UPDATE "T" SET "n" = "n" + ? WHERE "pk" = ? AND "sk" = ? AND ("lock" IS MISSING)',
    );
    expect(updateStatement({ ...input, UpdateExpression: 'SET n = if_not_exists(n, :one)' })).toBeUndefined();
    expect(updateStatement({ ...input, UpdateExpression: 'SET n = :one', ReturnValues: 'ALL_NEW' })).toBeUndefined();
  });

  it('a put that may only create is an INSERT (which fails on an existing key); any other put is not translated', () => {
    const item = { pk: 'P', sk: 'S', groups: [{ code: 'A' }], gone: undefined };
    expect(insertStatement({ TableName: 'T', Item: item, ConditionExpression: 'attribute_not_exists(pk)' })).toMatchObject({
      Statement: `INSERT INTO "T" VALUE {'pk': ?, 'sk': ?, 'groups': ?}`,
      Parameters: ['P', 'S', [{ code: 'A' }]],
    });
    expect(insertStatement({ TableName: 'T', Item: item })).toBeUndefined();
    expect(insertStatement({ TableName: 'T', Item: item, ConditionExpression: 'attribute_not_exists(sk)' })).toBeUndefined();
  });
});

describe('writing together', () => {
  it('60 updates: 3 requests (25, 25, 10), each command settled by its own statement’s answer', async () => {
    const { client, requests } = fakeDynamoDb((_, parameters) => (parameters[3] === 'S7' ? { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' } : undefined));
    const results = await updateTogether(
      Array.from({ length: 60 }, (_, i) => mark(`S${i}`)),
      client,
    );
    expect(requests.map((r) => r.length)).toEqual([25, 25, 10]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(59);
    expect(results[7]!.status).toBe('rejected');
    expect(isConditionFailure((results[7] as PromiseRejectedResult).reason)).toBe(true);
  });

  it('a throttled statement is sent again with the next request; an unknown error fails its own command only', async () => {
    const { client, requests } = fakeDynamoDb((_, parameters, n) => {
      if (parameters[3] === 'S1' && n === 0) return { Code: 'ThrottlingError' };
      if (parameters[3] === 'S2') return { Code: 'ValidationError', Message: 'bad' };
      return undefined;
    });
    const results = await updateTogether([mark('S0'), mark('S1'), mark('S2')], client);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(requests.map((r) => r.length)).toEqual([3, 1]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toContain('ValidationError');
  });

  it('the same key twice goes into two requests (DynamoDB refuses a batch that names an item twice)', async () => {
    const { client, requests } = fakeDynamoDb(() => undefined);
    await updateTogether([mark('S0', 'a'), mark('S0', 'b'), mark('S1')], client);
    expect(requests.map((r) => r.length)).toEqual([2, 1]);
  });

  it('an INSERT whose key exists reads as a failed condition (the item was queued before)', async () => {
    const { client } = fakeDynamoDb((_, parameters) => (parameters[1] === 'old' ? { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } : undefined));
    const put = (sk: string) => new PutCommand({ TableName: 'T', Item: { pk: 'P', sk }, ConditionExpression: 'attribute_not_exists(pk)' });
    const results = await insertTogether([put('new'), put('old')], client);
    expect(results[0]!.status).toBe('fulfilled');
    expect(isConditionFailure((results[1] as PromiseRejectedResult).reason)).toBe(true);
  });

  it('every middleware of the client sees each item’s own command; one that throws fails that item alone, the rest are written', async () => {
    const { client, requests } = fakeDynamoDb(() => undefined);
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
    expect(requests).toHaveLength(1);
    expect(requests[0]!.map((s) => s.Parameters[3])).toEqual(['S0', 'S2']);
  });
});
