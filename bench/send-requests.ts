/**
 * DynamoDB requests per email sent, and the send rate, for one campaign (issue 14): a twin started
 * in a child process of its own (`tsx bench/send-requests.ts`, as `npm start` runs it: the handlers
 * in the twin's process), with `MAIL_SEND_RATE=rate`, one campaign to `addresses` distinct
 * addresses. Counted on the handlers' own document client (shared/store/client.ts), one count per
 * HTTP request that left for DynamoDB Local (a retried request counts each time), from the issue
 * request until the last outbox record is written; the polling reads the SES fault proxy's counter, so
 * it adds none. Measured from the issue request to the last `sent` (the mailer's millisecond
 * `sentAt`): the achieved rate beside the configured one, and beside the emulator floor (SendEmail
 * calls a second the emulator answers, behind the twin's fault proxy, to 16 direct callers, in the
 * same twin before the campaign).
 *
 * After a warm-up campaign of `warmUp` addresses (not counted), so that DynamoDB Local's JVM is warm,
 * as in a twin that keeps running. A child process per run: the mailer reads its send rate once per process. In memory unless
 * `onDisk` (DynamoDB Local with -dbPath in a temporary folder, as `npm start` keeps `.local/`).
 * Self-contained, so that the same file measures an older tree (copy it into a checkout of the
 * commit before the change and run `tsx bench/send-requests.ts`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { jsonClient } from './twin-process';

export interface SendRequestsResult {
  addresses: number;
  'configured (/s)': number;
  storage: 'in memory' | 'on disk';
  'warm-up emails': number;
  'emulator floor (/s)': number;
  'achieved, issue → last sent (/s)': number;
  'achieved / configured': number;
  'issue → last sent (s)': number;
  'DynamoDB requests': number;
  'requests per email': number;
  'by command': string;
  'DynamoDB Local CPU per email (ms)': number;
  'twin node CPU per email (ms)': number;
  'load average (1 min)': number;
  statuses: string;
  duplicates: number;
}

const RESULT = 'SEND_REQUESTS_RESULT ';

/** Runs one measurement in a child process and returns its result. */
export function sendRequestsBench({
  addresses = 2000,
  rate = 200,
  onDisk = false,
  warmUp = 1000,
}: {
  addresses?: number;
  rate?: number;
  onDisk?: boolean;
  warmUp?: number;
} = {}): Promise<SendRequestsResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(__dirname, '..', 'node_modules/.bin/tsx'), [__filename], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, BENCH_ADDRESSES: String(addresses), BENCH_RATE: String(rate), BENCH_ON_DISK: onDisk ? '1' : '', BENCH_WARM_UP: String(warmUp), SEND_REQUESTS_CHILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT.length)) as SendRequestsResult);
      else reject(new Error(`send-requests bench exited ${code}:\n${out.slice(-4000)}`));
    });
  });
}

/** In the child: the twin in this process, the campaign, the counts. */
async function measure(addresses: number, rate: number, onDisk: boolean, warmUp: number): Promise<SendRequestsResult> {
  process.env.MAIL_SEND_RATE = String(rate);
  const { startTwin } = await import('../infra/local/twin');
  const dataDir = onDisk ? mkdtempSync(path.join(tmpdir(), 'thidua-send-requests-')) : undefined;
  const twin = await startTwin({ port: 0, dynamodbPort: 0, sesPort: 0, quiet: true, logLevel: 'ERROR', accessLog: false, scheduleEverySeconds: 0, ...(dataDir ? { dataDir } : {}) });
  try {
    const { documentClient } = await import('../shared/store/client');
    const byCommand = new Map<string, number>();
    let counting = false;
    // finalizeRequest, low priority: inside the SDK's retry loop, so each HTTP attempt counts once.
    documentClient.middlewareStack.add(
      ((next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        if (counting) byCommand.set(context.commandName ?? '?', (byCommand.get(context.commandName ?? '?') ?? 0) + 1);
        return next(args);
      }) as never,
      { step: 'finalizeRequest', priority: 'low', name: 'benchRequestCounter' },
    );
    const json = jsonClient(twin.gatewayUrl);
    const token = await twin.identity.issue({ sub: 'bench', groups: ['admin'] });
    const { cpuSeconds, dynamodbLocalPid, emulatorFloor, sendSummary } = await import('./send-rate');
    const floor = await emulatorFloor(twin.sesEndpoint);

    const { minimalLetter } = await import('../seed/minimal-letter');
    // Watched through the SES fault proxy's count of SendEmail calls SES answered (one number), never the emulator's
    // store: the store holds every email with its PDF (about 45 KB of base64 each), and reading it five times a second
    // loaded this very process (the twin's) with ~150 ms of CPU per email, so much that SES calls timed out.
    const passed = async () => (await json<{ counters: { passed: number } }>('GET', '/local/faults')).counters.passed;
    // A warm-up campaign first (not measured): a fresh DynamoDB Local's JVM spends about twice the
    // CPU per statement until it is warm, and a twin that `npm start` keeps running is warm.
    if (warmUp > 0) {
      await json('PUT', '/recipient-groups/BENCH_WARM_UP', token, { name: 'Khởi động', kind: 'email', emails: Array.from({ length: warmUp }, (_, i) => `khoi-dong-${i}@requests.example.org`) });
      const warm = await json<{ id: string }>(
        'POST',
        '/campaigns',
        token,
        minimalLetter({
          // Its own number: the register refuses a second letter with the measured one's (shared/domain/document-register.ts).
          documentNumber: `${rate + 1}/KH-WARM`,
          title: 'Phát động phong trào thi đua (khởi động)',
          recipientGroups: ['BENCH_WARM_UP'],
          deadlines: { nominations: '2030-12-10T17:00:00+07:00' },
        }),
      );
      await json('POST', `/campaigns/${warm.id}/issue`, token);
      const until = Date.now() + 5 * 60_000;
      const passed0 = await passed();
      while ((await passed()) - passed0 < warmUp && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      await twin.idle({ timeoutMs: 60_000 });
    }
    const emails = Array.from({ length: addresses }, (_, i) => `can-bo-${i}@requests.example.org`);
    await json('PUT', '/recipient-groups/BENCH_REQUESTS', token, { name: 'Các đơn vị', kind: 'email', emails });
    const documentNumber = `${rate}/KH-REQ`;
    const campaign = await json<{ id: string }>(
      'POST',
      '/campaigns',
      token,
      minimalLetter({ documentNumber, title: 'Phát động phong trào thi đua (đếm yêu cầu DynamoDB)', recipientGroups: ['BENCH_REQUESTS'], deadlines: { nominations: '2030-12-10T17:00:00+07:00' } }),
    );
    const storeOf = async () =>
      ((await (await fetch(`${twin.sesEndpoint}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] }).emails
        .filter((e) => e.subject.startsWith(`[${documentNumber}]`))
        .flatMap((e) => e.destination.to);

    const java = dynamodbLocalPid(Number(new URL(twin.dynamodbEndpoint).port));
    if (!java) throw new Error('DynamoDB Local java process not found');
    const [java0, node0] = [cpuSeconds(java)!, process.cpuUsage()];
    const passed0 = await passed();
    counting = true;
    const t0 = Date.now();
    await json('POST', `/campaigns/${campaign.id}/issue`, token);
    const deadline = t0 + Math.max(5 * 60_000, (addresses / rate) * 4000);
    let lastTrace = Date.now();
    while ((await passed()) - passed0 < addresses && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      // BENCH_TRACE=1: where the time goes (emails out, the mailer's queue, requests so far).
      if (process.env.BENCH_TRACE && Date.now() - lastTrace > 3000) {
        lastTrace = Date.now();
        const q = twin.queues.queues.mailer?.queue.counts();
        console.error(
          `${((Date.now() - t0) / 1000).toFixed(1)} s: ${(await passed()) - passed0} emails, mailer queue ${JSON.stringify(q)}, ${[...byCommand.values()].reduce((a, b) => a + b, 0)} requests`,
        );
      }
    }
    // The last records are written just after SES answered: wait until the count stands still.
    const total = () => [...byCommand.values()].reduce((a, b) => a + b, 0);
    for (let last = -1; last !== total(); ) {
      last = total();
      await new Promise((r) => setTimeout(r, 1000));
    }
    counting = false;
    const requests = total();
    const javaCpu = cpuSeconds(java)! - java0;
    const nodeCpu = process.cpuUsage(node0);

    const rows = (await json<{ items: { channel: string; status: string; sentAt?: string }[] }>('GET', `/campaigns/${campaign.id}/deliveries`, token)).items.filter((d) => d.channel === 'email');
    const { statuses, sentAt } = sendSummary(rows);
    const lastSentMs = sentAt.at(-1)! - t0;
    const sent = statuses.get('sent') ?? 0;
    const ours = await storeOf();
    const achieved = addresses / (lastSentMs / 1000);
    return {
      addresses,
      'configured (/s)': rate,
      storage: onDisk ? 'on disk' : 'in memory',
      'warm-up emails': warmUp,
      'emulator floor (/s)': Math.round(floor),
      'achieved, issue → last sent (/s)': +achieved.toFixed(1),
      'achieved / configured': +(achieved / rate).toFixed(3),
      'issue → last sent (s)': +(lastSentMs / 1000).toFixed(2),
      'DynamoDB requests': requests,
      'requests per email': +(requests / Math.max(1, sent)).toFixed(3),
      'by command': [...byCommand.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k.replace(/Command$/, '')} ${v}`)
        .join(', '),
      // Per email, CPU does not depend much on how loaded the shared machine was (the rate does).
      'DynamoDB Local CPU per email (ms)': +((1000 * javaCpu) / addresses).toFixed(2),
      'twin node CPU per email (ms)': +((nodeCpu.user + nodeCpu.system) / 1000 / addresses).toFixed(2),
      'load average (1 min)': +loadavg()[0]!.toFixed(1),
      statuses: [...statuses.entries()].map(([k, v]) => `${k} ${v}`).join(', '),
      duplicates: ours.length - new Set(ours).size,
    };
  } finally {
    await twin.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  const addresses = Number(process.env.BENCH_ADDRESSES ?? 2000);
  const rate = Number(process.env.BENCH_RATE ?? 200);
  const onDisk = process.env.BENCH_ON_DISK === '1';
  const warmUp = Number(process.env.BENCH_WARM_UP ?? 1000);
  measure(addresses, rate, onDisk, warmUp).then(
    (r) => {
      if (process.env.SEND_REQUESTS_CHILD) console.log(RESULT + JSON.stringify(r));
      else console.table([r]);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
