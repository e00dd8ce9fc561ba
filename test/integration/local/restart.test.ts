/**
 * Data kept across a crash (README "Data kept across restarts"): the twin, started as `npm start`
 * starts it on its own ports and its own data folder, issues a campaign to 200 addresses at a slow
 * send rate, and is killed with SIGKILL (its whole process group) in the middle of sending. Its
 * DynamoDB Local must go too (the watchdog's job; nothing may keep the port or the database). Started
 * again on the same folder, with the clock run by hand, every address ends emailed exactly once, or
 * visibly `uncertain` or `failed`: none silently lost, none sent twice.
 *
 * The SES emulator lives in the twin's process and restarts empty, so the emails are counted in two
 * parts: what it held just before the kill, and what the second run sent. To make the first count
 * exact, SES is made to throttle every SendEmail a moment before the kill (the fault proxy), so no
 * email can be accepted between the last read of the store and the kill; the mailer is then in the
 * middle of its retries, which leaves items `claimed`, `sending` and `pending` for the restart to settle.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { minimalLetter } from '../../../seed/minimal-letter';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../..');
const ADDRESSES = 200;
/** At least this many sent before the kill: mid-campaign, far from the end. */
const KILL_AFTER = 40;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });

/** DynamoDB Local processes running on this data folder (none may outlive the twin). */
function javaOn(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.jar.*${dataDir}`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

interface Run {
  child: ChildProcess;
  output: () => string;
}

let dataDir: string;
let ports: { api: number; dynamodb: number; ses: number };
let current: Run | undefined;

async function startTwin(): Promise<Run> {
  // detached: its own process group, which the test kills whole (tsx and the node process it runs).
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['infra/local/start.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(ports.api),
      DYNAMODB_PORT: String(ports.dynamodb),
      SES_PORT: String(ports.ses),
      LOCAL_DATA_DIR: dataDir,
      LOCAL_IN_MEMORY: '',
      TABLE_NAME: 'thidua-restart',
      MAIL_SEND_RATE: '25',
      // Short clocks, so lapsed claims and unclaimed items come due within the test.
      MAIL_LEASE_SECONDS: '4',
      MAIL_PENDING_WAKE_SECONDS: '3',
      MAILING_GRACE_SECONDS: '3',
      MAIL_RETRY_BASE_SECONDS: '1',
      LOCAL_RETRY_SECONDS: '1',
      LOCAL_SCHEDULE_SECONDS: '0',
      LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      // The batch lines (kept in `output`, not printed): which consumers the second run invoked.
      LOCAL_ACCESS_LOG: '1',
    },
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const run = { child, output: () => output };
  current = run;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the twin exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`http://127.0.0.1:${ports.api}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return run;
    if (Date.now() > deadline) throw new Error(`the twin did not start in 60 s:\n${output}`);
    await sleep(200);
  }
}

const api = async <T = any>(method: string, route: string, token?: string, body?: unknown): Promise<T> => {
  const res = await fetch(`http://127.0.0.1:${ports.api}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
};

/** Every recipient of every email the SES emulator holds (one per email: the mailer sends to one address). */
const recipients = async () => {
  const store = (await (await fetch(`http://127.0.0.1:${ports.ses}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
  return store.emails.flatMap((e) => e.destination.to);
};

interface DeliveryRow {
  channel: string;
  address?: string;
  status: string;
}

const statusCounts = (rows: readonly DeliveryRow[]) => {
  const counts: Record<string, number> = {};
  for (const d of rows) counts[d.status] = (counts[d.status] ?? 0) + 1;
  return counts;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-restart-'));
  ports = { api: await freePort(), dynamodb: await freePort(), ses: await freePort() };
});

afterAll(async () => {
  const child = current?.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  }
  for (const pid of javaOn(dataDir)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('a twin killed with SIGKILL mid-send resumes on its data: every address emailed once, or visibly uncertain or failed', async () => {
  // First run: a campaign to 200 addresses, killed once some 40 are sent.
  const t0 = Date.now();
  const marks: Record<string, number> = {};
  const mark = (what: string) => (marks[what] = +((Date.now() - t0) / 1000).toFixed(1));
  const first = await startTwin();
  mark('first up');
  const { token } = await api<{ token: string }>('POST', '/local/token', undefined, { sub: 'restart-test', groups: ['admin'] });
  const addresses = Array.from({ length: ADDRESSES }, (_, i) => `can-bo-${i}@restart.example.org`);
  await api('PUT', '/recipient-groups/RESTART', token, { name: 'Các đơn vị', kind: 'email', emails: addresses });
  await api('PUT', '/recipient-groups/LUU', token, { name: 'Lưu: VT, VP', kind: 'archive' });
  const campaign = await api<{ id: string }>(
    'POST',
    '/campaigns',
    token,
    minimalLetter({
      documentNumber: '200/KH-SNgV',
      title: 'Phát động phong trào thi đua (thử khởi động lại)',
      recipientGroups: ['RESTART', 'LUU'],
      deadlines: { nominations: '2030-12-10T17:00:00+07:00' },
    }),
  );
  await api('POST', `/campaigns/${campaign.id}/issue`, token);
  const deadline = Date.now() + 30_000;
  // Killed once the outbox is written (the CampaignIssued event consumed: the second run must not
  // see it again) and some 40 emails are out.
  while ((await recipients()).length < KILL_AFTER || !/↳ onCampaignIssued {2}1 record, 0 failed/.test(first.output())) {
    if (Date.now() > deadline) throw new Error(`fewer than ${KILL_AFTER} emails in 30 s:\n${first.output()}`);
    await sleep(50);
  }
  // From here no SendEmail reaches the emulator: the store's count is final for this run.
  await api('POST', '/local/faults', undefined, { probabilities: { throttle: 1 } });
  await sleep(300);
  const before = await recipients();
  mark('killed');
  const javaPids = javaOn(dataDir);
  expect(javaPids).toHaveLength(1);
  process.kill(-first.child.pid!, 'SIGKILL');
  await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(undefined) : first.child.once('exit', r)));

  // Its DynamoDB Local goes too (its watchdog notices the twin is gone), freeing the port and the database.
  // Allowed 30 s: the watchdog polls every second, but a loaded machine (the whole suite running) can stall it.
  const goneBy = Date.now() + 30_000;
  while (javaOn(dataDir).length > 0 && Date.now() < goneBy) await sleep(100);
  expect(javaOn(dataDir)).toEqual([]);
  // A process gone from the process list may still be closing its sockets: the port is free a moment later.
  while (!(await portFree(ports.dynamodb)) && Date.now() < goneBy) await sleep(100);
  expect(await portFree(ports.dynamodb)).toBe(true);
  expect(existsSync(path.join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBe(true);
  // Something was left to do: the mailer's queue held messages when the twin died.
  const journal = readFileSync(path.join(dataDir, 'queues', 'thidua-mailer.jsonl'), 'utf8');
  expect(journal.length).toBeGreaterThan(0);
  expect(existsSync(path.join(dataDir, 'stream-checkpoint.json'))).toBe(true);

  // Second run, same folder and ports: the clock run by hand until every address is settled.
  const second = await startTwin();
  mark('second up');
  // The local identity provider's key is made anew each start: a token of the first run is refused.
  const { token: again } = await api<{ token: string }>('POST', '/local/token', undefined, { sub: 'restart-test', groups: ['admin'] });
  const settled = new Set(['sent', 'uncertain', 'failed']);
  let rows: DeliveryRow[] = [];
  const settleBy = Date.now() + 60_000;
  for (;;) {
    await api('POST', '/local/scheduler/run');
    const all = (await api<{ items: DeliveryRow[] }>('GET', `/campaigns/${campaign.id}/deliveries`, again)).items;
    rows = all.filter((d) => d.channel === 'email');
    if (rows.length === ADDRESSES && rows.every((d) => settled.has(d.status))) break;
    if (Date.now() > settleBy) {
      const counts = statusCounts(rows);
      throw new Error(`not settled in 60 s: ${JSON.stringify(counts)}\n${second.output()}`);
    }
    await sleep(1000);
  }
  // Nothing more on its way (a woken item's extra message, a retry): then count.
  await api('POST', '/local/stream/idle');
  const after = await recipients();
  mark('settled');

  // The stream was read on from the router's checkpoint, not from its start: the CampaignIssued
  // event, consumed by the first run, was not routed again.
  expect(second.output()).toMatch(/↳ mailer /);
  expect(second.output()).not.toMatch(/↳ onCampaignIssued /);

  const sentTimes = new Map<string, number>();
  for (const a of [...before, ...after]) sentTimes.set(a, (sentTimes.get(a) ?? 0) + 1);
  const status = new Map(rows.map((d) => [d.address!, d.status]));
  expect([...status.keys()].sort()).toEqual([...addresses].sort()); // every address has its row
  const twice = [...sentTimes].filter(([, n]) => n > 1).map(([a]) => a);
  expect(twice).toEqual([]); // nobody emailed twice
  const sentButNotOnce = addresses.filter((a) => status.get(a) === 'sent' && sentTimes.get(a) !== 1);
  expect(sentButNotOnce).toEqual([]); // `sent` means the emulator got exactly one
  const silentlyLost = addresses.filter((a) => !sentTimes.has(a) && status.get(a) === 'sent');
  expect(silentlyLost).toEqual([]);
  // Every address is emailed once, or says why not.
  const unexplained = addresses.filter((a) => sentTimes.get(a) !== 1 && !['uncertain', 'failed'].includes(status.get(a)!));
  expect(unexplained).toEqual([]);
  expect(before.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(before.length).toBeLessThan(ADDRESSES); // the kill was mid-send
  expect(after.length).toBeGreaterThan(0); // the second run did send the rest

  if (process.env.RESTART_TEST_REPORT) {
    const counts = statusCounts(rows);
    process.stdout.write(
      `restart: ${ADDRESSES} addresses, ${before.length} emailed before the kill, ${after.length} after, ${twice.length} twice; statuses ${JSON.stringify(counts)}; seconds ${JSON.stringify(marks)}\n`,
    );
  }
});
