/**
 * What one conditional write costs DynamoDB Local (issue 14): the CPU its java process spends per
 * item, for the same conditional update (it also moves the item on the sparse `attn` index, as a
 * claim does) sent as one UpdateItem, as statements of a BatchExecuteStatement (10 and 25 to a
 * request), and as operations of a TransactWriteItems (1, 10, 25 and 100 to a request). The twin's
 * send rate is bound by that process's one SQLite thread, so this chose how shared/store/write-together.ts
 * writes. 1,000 items a run, four rounds in turn, the first one discarded (the JIT warms up): the
 * least of the other three, and all three. Runs alone: `npx tsx bench/write-cost.ts`.
 *
 * To see where that CPU goes: `JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=filename=/tmp/ddb.jfr,settings=profile`
 * for any twin or bench (the recording is written when the JVM exits), then
 * `jfr print --stack-depth 200 --events jdk.ExecutionSample /tmp/ddb.jfr` (docs/toolchain.md "DynamoDB Local").
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchExecuteStatementCommand, BatchWriteCommand, DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { freePort } from './twin-process';
import { cpuSeconds } from './send-rate';

const ITEMS = 1000;
const ROUNDS = 4;

const chunks = <T>(a: readonly T[], n: number) => Array.from({ length: Math.ceil(a.length / n) }, (_, i) => a.slice(i * n, i * n + n));

export async function writeCostBench() {
  const ddb = await startDynamoDbLocal({ port: await freePort(), tableName: 'bench-write-cost' });
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: ddb.endpoint, region: 'ap-southeast-1', credentials: LOCAL_CREDENTIALS }));
  try {
    const TableName = 'bench-write-cost';
    const sk = (i: number) => `DELIVERY#${String(i).padStart(6, '0')}`;
    const item = (i: number) => ({
      pk: 'CAMPAIGN#bench',
      sk: sk(i),
      entity: 'Delivery',
      status: 'pending',
      attempts: 0,
      address: `can-bo-${i}@write-cost.example.org`,
      agencyId: 'default',
      campaignId: 'bench',
      eventId: 'e1',
      message: 'launch',
      channel: 'email',
      createdAt: new Date().toISOString(),
      attnpk: 'ATTN',
      attnAt: `2026-12-01T00:00:00.000Z#${sk(i)}`,
    });
    const all = Array.from({ length: ITEMS }, (_, i) => i);
    for (const c of chunks(all, 25)) await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: c.map((i) => ({ PutRequest: { Item: item(i) } })) } }));
    // Each run moves every item from attempts = v to v + 1, so every condition holds and every write is made.
    let v = 0;
    const update = (i: number, seen: number) => ({
      TableName,
      Key: { pk: 'CAMPAIGN#bench', sk: sk(i) },
      UpdateExpression: 'SET attempts = :next, #status = :claimed, attnAt = :attnAt',
      ConditionExpression: 'attempts = :seen',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':next': seen + 1, ':claimed': 'claimed', ':seen': seen, ':attnAt': `${seen}#${sk(i)}` },
    });
    const ways: Record<string, () => Promise<void>> = {
      'UpdateItem, 1 a request': async () => {
        const seen = v++;
        for (const i of all) await client.send(new UpdateCommand(update(i, seen)));
      },
      ...Object.fromEntries(
        [10, 25].map((n) => [
          `BatchExecuteStatement, ${n} a request`,
          async () => {
            const seen = v++;
            for (const c of chunks(all, n)) {
              const { Responses } = await client.send(
                new BatchExecuteStatementCommand({
                  Statements: c.map((i) => ({
                    Statement: `UPDATE "${TableName}" SET "attempts" = ? SET "status" = ? SET "attnAt" = ? WHERE "pk" = ? AND "sk" = ? AND "attempts" = ?`,
                    Parameters: [seen + 1, 'claimed', `${seen}#${sk(i)}`, 'CAMPAIGN#bench', sk(i), seen],
                  })),
                }),
              );
              if (Responses?.some((r) => r.Error)) throw new Error(`a statement failed: ${JSON.stringify(Responses.find((r) => r.Error))}`);
            }
          },
        ]),
      ),
      ...Object.fromEntries(
        [1, 10, 25, 100].map((n) => [
          `TransactWriteItems, ${n} a request`,
          async () => {
            const seen = v++;
            for (const c of chunks(all, n)) await client.send(new TransactWriteCommand({ TransactItems: c.map((i) => ({ Update: update(i, seen) })) }));
          },
        ]),
      ),
    };
    const runs = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [way, run] of Object.entries(ways)) {
        const before = cpuSeconds(ddb.pid)!;
        await run();
        runs.set(way, [...(runs.get(way) ?? []), (1000 * (cpuSeconds(ddb.pid)! - before)) / ITEMS]);
      }
    }
    return [...runs.entries()].map(([way, ms]) => ({
      'conditional update sent as': way,
      'DynamoDB Local CPU per item (ms), least': +Math.min(...ms.slice(1)).toFixed(2),
      'each round after the first': ms
        .slice(1)
        .map((m) => m.toFixed(2))
        .join(', '),
    }));
  } finally {
    client.destroy();
    await ddb.stop();
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  writeCostBench()
    .then((rows) => console.table(rows))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
