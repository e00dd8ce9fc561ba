/**
 * DynamoDB Local's launcher: the table from the stack's definition, a port already taken refused
 * before java starts, and no java process left behind: not after stop(), not after the parent
 * process is killed with SIGKILL (no 'exit' handler runs then: the watchdog does the job).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../../../infra/local/dynamodb-local';
import { table } from '../../../infra/table-definition';

jest.setTimeout(30_000);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitGone(pid: number, ms: number) {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

describe('DynamoDB Local', () => {
  it('refuses a port already in use before starting java (a stale server would answer the readiness check)', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    const port = (squatter.address() as { port: number }).port;
    try {
      const started = Date.now();
      await expect(startDynamoDbLocal({ port })).rejects.toThrow(/already in use/);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      squatter.close();
    }
  });

  it('creates the stack’s table with its stream and index, and stop() leaves no java process', async () => {
    const ddb = await startDynamoDbLocal({ port: 0, tableName: 'definition-test' });
    try {
      expect(ddb.streamArn).toMatch(/table\/definition-test\/stream\//);
      const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'other', secretAccessKey: 'x' } });
      // -sharedDb: the same table whatever the caller's key and region, as the one cloud table.
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'definition-test' }));
      client.destroy();
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: table.stream });
      expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual([table.partitionKey, table.sortKey]);
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(table.indexes.map((i) => i.name).sort());
    } finally {
      await ddb.stop();
    }
    expect(alive(ddb.pid)).toBe(false);
    await ddb.stop(); // twice is fine
  });

  it('kills java when its parent process dies without cleaning up (SIGKILL)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const script = `require(${JSON.stringify(path.join(root, 'infra/local/dynamodb-local.ts'))}).startDynamoDbLocal({ port: 0 }).then((d) => console.log('PID ' + d.pid))`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    parent.stdout.on('data', (b: Buffer) => (out += b.toString()));
    parent.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const javaPid = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /PID (\d+)/.exec(out);
        if (m) {
          clearInterval(timer);
          resolve(Number(m[1]));
        } else if (parent.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the parent exited: ${out}`));
        }
      }, 50);
    });
    expect(alive(javaPid)).toBe(true);
    parent.kill('SIGKILL');
    const gone = await waitGone(javaPid, 5000);
    if (!gone) process.kill(javaPid, 'SIGKILL'); // never leave it behind, even when the test fails
    expect(gone).toBe(true);
  });
});
