import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS } from '../../infra/local/dynamodb-local';
import { isConditionFailure } from '../../shared/store/conditions';
import { insertTogether, updateTogether } from '../../shared/store/write-together';

/**
 * The writes of shared/store/write-together.ts on the twin's DynamoDB Local: that it takes 100
 * operations in one transaction, answers a failed condition with a reason per operation (which the
 * module turns into that command's failure while the others are written), and that the outcome of
 * each command is what the one-item command would have had. The items live in a partition of
 * their own, which no stream consumer reads.
 */

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'ap-southeast-1', credentials: LOCAL_CREDENTIALS }), {
  marshallOptions: { removeUndefinedValues: true },
});
const TableName = process.env.TABLE_NAME!;
const pk = `TEST#write-together#${randomUUID()}`;

const put = (sk: string, status = 'pending') => new PutCommand({ TableName, Item: { pk, sk, entity: 'Test', status, attempts: 0 }, ConditionExpression: 'attribute_not_exists(pk)' });
const claim = (sk: string, seen: number) =>
  new UpdateCommand({
    TableName,
    Key: { pk, sk },
    UpdateExpression: 'SET #status = :claimed, attempts = :next',
    ConditionExpression: '#status = :pending AND attempts = :seen',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':claimed': 'claimed', ':pending': 'pending', ':next': seen + 1, ':seen': seen },
  });
const item = async (sk: string) => (await client.send(new GetCommand({ TableName, Key: { pk, sk }, ConsistentRead: true }))).Item;

afterAll(() => client.destroy());

it('130 conditional puts: every item written once; the same puts again are each refused as existing, and nothing changes', async () => {
  const sks = Array.from({ length: 130 }, (_, i) => `P#${String(i).padStart(3, '0')}`);
  const first = await insertTogether(
    sks.map((sk) => put(sk)),
    client,
  );
  expect(first.map((r) => r.status)).toEqual(sks.map(() => 'fulfilled'));
  expect(await item('P#129')).toMatchObject({ status: 'pending', attempts: 0 });

  const again = await insertTogether(
    sks.map((sk) => put(sk, 'changed')),
    client,
  );
  expect(again.every((r) => r.status === 'rejected' && isConditionFailure(r.reason))).toBe(true);
  expect((await item('P#000'))!.status).toBe('pending');
});

it('claims where two items moved since their image: those two fail their condition, the other 48 are claimed, all in the order asked', async () => {
  const sks = Array.from({ length: 50 }, (_, i) => `C#${String(i).padStart(2, '0')}`);
  await insertTogether(
    sks.map((sk) => put(sk)),
    client,
  );
  // Someone else claimed C#07 and C#31 first.
  await updateTogether([claim('C#07', 0), claim('C#31', 0)], client);

  const results = await updateTogether(
    sks.map((sk) => claim(sk, 0)),
    client,
  );
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [sks[i]] : []));
  expect(failed).toEqual(['C#07', 'C#31']);
  expect(results.filter((r) => r.status === 'rejected').every((r) => isConditionFailure((r as PromiseRejectedResult).reason))).toBe(true);
  expect(await item('C#08')).toMatchObject({ status: 'claimed', attempts: 1 });
  // The loser's claim changed nothing: attempts is still the first claimer's.
  expect(await item('C#07')).toMatchObject({ status: 'claimed', attempts: 1 });
});

it('two writes to one item in one call each get their own outcome (a transaction may not name an item twice: they go in two requests)', async () => {
  await insertTogether([put('T#1')], client);
  const results = await updateTogether([claim('T#1', 0), claim('T#1', 0)], client);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect(results.filter((r) => r.status === 'rejected' && isConditionFailure(r.reason))).toHaveLength(1);
  expect((await item('T#1'))!.attempts).toBe(1);
});
