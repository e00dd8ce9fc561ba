/**
 * Sending rate and DynamoDB Local's load (issue 16): for each configured send rate, a twin as
 * `npm start` runs it with `MAIL_SEND_RATE=rate`, one campaign to `addresses` distinct addresses;
 * measured from the issue request to the last `sent` (the mailer's millisecond `sentAt`):
 * - the achieved rate beside the configured one and beside the emulator floor: the SendEmail calls
 *   per second the SES emulator (behind the twin's fault proxy, as the mailer reaches it) answers
 *   when called directly by 16 concurrent callers, measured in the same twin before the send;
 * - the CPU DynamoDB Local's java process and the twin's node process used over that window, in %
 *   of one core (/proc/<pid>/stat utime + stime; the machine's other load is not subtracted).
 *
 * Self-contained (only `root` and `freePort` from twin-process.ts), so that the same file measures
 * an older tree: `tsx bench/send-rate.ts` in a copy of the commit before the change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { minimalLetter } from '../seed/minimal-letter';
import { adminToken, jsonClient, startTwinProcess } from './twin-process';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process, in seconds; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from after the command name (which is field 2).
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** The DynamoDB Local java process listening on `port` (its command line says `-port <port>`). */
export function dynamodbLocalPid(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.some((a) => a.includes('DynamoDBLocal.jar')) && args[args.indexOf('-port') + 1] === String(port)) return Number(entry);
    } catch {
      /* gone */
    }
  }
  return undefined;
}

async function startTwin(env: Record<string, string>) {
  const twin = await startTwinProcess({ LOCAL_SCHEDULE_SECONDS: '0', ...env }, { readyMs: 90_000 });
  const { child } = twin;
  // The node process that runs start.ts: tsx's child, or tsx itself.
  const nodePid = (() => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
        if (ppid === child.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('start.ts')) return Number(entry);
      } catch {
        /* gone */
      }
    }
    return child.pid!;
  })();
  return { ...twin, nodePid };
}

/** SendEmail calls per second the emulator answers, called directly (no mailer, no DynamoDB). */
export async function emulatorFloor(sesUrl: string, calls = 1000, concurrency = 16): Promise<number> {
  const ses = new SESv2Client({ endpoint: sesUrl, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const i = next++;
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: 'no-reply@thidua.example.org',
            Destination: { ToAddresses: [`san-${i}@floor.example.org`] },
            Content: { Simple: { Subject: { Data: '[FLOOR] đo', Charset: 'UTF-8' }, Body: { Text: { Data: 'đo', Charset: 'UTF-8' } } } },
          }),
        );
      }
    }),
  );
  const perSecond = calls / ((performance.now() - t0) / 1000);
  ses.destroy();
  return perSecond;
}

type Twin = Awaited<ReturnType<typeof startTwin>>;

/** The outbox's rows as a send's figures: how many in each status, and the instants of the sends, in order. */
export function sendSummary(rows: readonly { status: string; sentAt?: string }[]) {
  const statuses = new Map<string, number>();
  for (const d of rows) statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
  const sentAt = rows
    .filter((d) => d.sentAt)
    .map((d) => Date.parse(d.sentAt!))
    .sort((a, b) => a - b);
  return { statuses, sentAt };
}

/** One campaign to `addresses` distinct addresses, from the issue request to the last `sent`. */
async function sendOneCampaign(twin: Twin, token: string, java: number, { addresses, rate, label }: { addresses: number; rate: number; label: string }) {
  const json = jsonClient(twin.apiUrl);
  const group = `BENCH_${label.toUpperCase()}`;
  const emails = Array.from({ length: addresses }, (_, i) => `can-bo-${i}@${label}.rate.example.org`);
  await json('PUT', `/recipient-groups/${group}`, token, { name: 'Các đơn vị', kind: 'email', emails });
  // A number from the register: two campaigns of one twin may not share one (shared/domain/document-register.ts).
  const { documentNumber } = await json<{ documentNumber: string }>('POST', '/document-numbers', token, { type: 'KH', title: `Đo tốc độ gửi (${label})` });
  const campaign = await json<{ id: string }>(
    'POST',
    '/campaigns',
    token,
    minimalLetter({ documentNumber, title: 'Phát động phong trào thi đua (đo tốc độ gửi)', recipientGroups: [group], deadlines: { nominations: '2030-12-10T17:00:00+07:00' } }),
  );

  const [java0, node0] = [cpuSeconds(java)!, cpuSeconds(twin.nodePid)!];
  const passed = async () => (await json<{ counters: { passed: number } }>('GET', '/local/faults')).counters.passed;
  const passed0 = await passed();
  const t0 = Date.now();
  await json('POST', `/campaigns/${campaign.id}/issue`, token);
  const deadline = t0 + Math.max(5 * 60_000, (addresses / rate) * 4000);
  // Watched through the SES fault proxy's counter of SendEmail calls SES answered (one number), not the outbox or the
  // emulator's store: reading 2,000 deliveries from DynamoDB Local, or 2,000 stored emails with their PDFs (about 45 KB
  // of base64 each), twice a second would load the very processes being measured. One campaign runs at a time, so the
  // counter's growth is this campaign's. The outbox is read once, at the end, for each item's status and `sentAt`.
  let lastTick = Date.now();
  for (;;) {
    if ((await passed()) - passed0 >= addresses || Date.now() > deadline) break;
    // The clock is off in this twin (LOCAL_SCHEDULE_SECONDS=0): run the reconciler now and then,
    // as the every-minute tick would, for an item a failed invocation left claimed or failed.
    if (Date.now() - lastTick > 10_000) {
      await json('POST', '/local/scheduler/run');
      lastTick = Date.now();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // CPU over the send window only (issue → last email); the polling above ends within 0.25 s of it.
  const wallS = (Date.now() - t0) / 1000;
  const [java1, node1] = [cpuSeconds(java)!, cpuSeconds(twin.nodePid)!];
  // `sent` is recorded just after SES answers: wait for the outbox to say so for every item.
  let rows: { channel: string; status: string; sentAt?: string }[] = [];
  for (;;) {
    rows = (await json<{ items: typeof rows }>('GET', `/campaigns/${campaign.id}/deliveries`, token)).items.filter((d) => d.channel === 'email');
    if ((rows.length >= addresses && rows.every((d) => d.status === 'sent')) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const { statuses, sentAt } = sendSummary(rows);
  const lastSentMs = sentAt.at(-1)! - t0;
  const firstSentMs = sentAt[0]! - t0;
  // A straggler (an item left claimed until its lease lapsed) would hide the steady rate: also to 99 %.
  const p99Ms = sentAt[Math.ceil(addresses * 0.99) - 1]! - t0;
  // Who got what, once, from the emulator's store: every address once, nobody twice.
  const store = (await (await fetch(`${twin.sesUrl}/store?since=${Math.floor(t0 / 1000)}`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
  const to = store.emails.filter((e) => e.subject.startsWith(`[${documentNumber}]`)).flatMap((e) => e.destination.to);
  const achieved = addresses / (lastSentMs / 1000);
  return {
    run: label,
    addresses,
    'configured (/s)': rate,
    'achieved, issue → last sent (/s)': +achieved.toFixed(1),
    'achieved / configured': +(achieved / rate).toFixed(3),
    'achieved, first → last sent (/s)': +((addresses - 1) / ((lastSentMs - firstSentMs) / 1000)).toFixed(1),
    'achieved, issue → 99 % sent (/s)': +(Math.ceil(addresses * 0.99) / (p99Ms / 1000)).toFixed(1),
    'issue → last sent (s)': +(lastSentMs / 1000).toFixed(2),
    statuses: [...statuses.entries()].map(([k, v]) => `${k} ${v}`).join(', '),
    'DynamoDB Local CPU (% of a core)': Math.round((100 * (java1 - java0)) / wallS),
    // Per email, the share does not depend on how fast the run went (or how loaded the machine was).
    'DynamoDB Local CPU per email (ms)': +((1000 * (java1 - java0)) / addresses).toFixed(1),
    'twin node CPU (% of a core)': Math.round((100 * (node1 - node0)) / wallS),
    'twin node CPU per email (ms)': +((1000 * (node1 - node0)) / addresses).toFixed(1),
    'load average (1 min)': +loadavg()[0]!.toFixed(1),
    cores: cpus().length,
    duplicates: to.length - new Set(to).size,
  };
}

/**
 * One twin per configured rate: the emulator floor, then a first campaign on a cold twin (a JVM whose JIT has
 * compiled nothing yet, as right after `npm start`), then the measured one on the same twin, warm.
 */
export async function sendRateBench({ addresses = 2000, rate = 50, warmUp = true }: { addresses?: number; rate?: number; warmUp?: boolean } = {}) {
  const twin = await startTwin({ MAIL_SEND_RATE: String(rate) });
  try {
    const json = jsonClient(twin.apiUrl);
    const token = await adminToken(json);
    const floor = await emulatorFloor(twin.sesUrl);
    const java = dynamodbLocalPid(twin.dynamodbPort);
    if (!java) throw new Error('DynamoDB Local java process not found');
    const rows = [];
    if (warmUp) rows.push(await sendOneCampaign(twin, token, java, { addresses, rate, label: 'cold' }));
    rows.push(await sendOneCampaign(twin, token, java, { addresses, rate, label: warmUp ? 'warm' : 'cold' }));
    return rows.map((r) => ({ ...r, 'emulator floor (/s)': +floor.toFixed(0) }));
  } finally {
    await twin.stop();
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  const addresses = Number(process.env.BENCH_ADDRESSES ?? 2000);
  const rates = (process.env.BENCH_RATES ?? '50,200,500').split(',').map(Number);
  (async () => {
    const rows = [];
    for (const rate of rates) rows.push(...(await sendRateBench({ addresses, rate })));
    console.log(`# send rate and DynamoDB Local CPU: ${addresses} addresses, local twin, per configured rate`);
    console.table(rows);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
