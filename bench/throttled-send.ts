import { minimalLetter } from '../seed/minimal-letter';
import { adminToken, jsonClient, startTwinProcess } from './twin-process';

/**
 * Sending under SES throttling: a twin (as `npm start` runs it) with `MAIL_SEND_RATE=rate`, its
 * SES fault proxy answering `throttlePct` % of SendEmail calls with 429 TooManyRequestsException
 * (random, seeded), one campaign to `addresses` distinct addresses. Measured from the issue
 * request to the last `sent` (the mailer's millisecond `sentAt`): the achieved rate against the
 * configured one (goal ≥ 0.95: a throttled call is retried in place and must not cost a slot),
 * the throttled calls, the emails in the SES emulator's store and their duplicates (must be 0).
 */
export interface ThrottledSendOptions {
  addresses?: number;
  rate?: number;
  throttlePct?: number;
  seed?: number;
}

interface Counters {
  sendEmailCalls: number;
  passed: number;
  throttled: number;
}

export async function throttledSendBench({ addresses = 2000, rate = 50, throttlePct = 10, seed = 20230305 }: ThrottledSendOptions = {}) {
  const twin = await startTwinProcess({ MAIL_SEND_RATE: String(rate) });
  try {
    const json = jsonClient(twin.apiUrl);
    const counters = async () => (await json<{ counters: Counters }>('GET', '/local/faults')).counters;

    const token = await adminToken(json);
    const emails = Array.from({ length: addresses }, (_, i) => `can-bo-${i}@throttle.example.org`);
    await json('PUT', '/recipient-groups/BENCH_THROTTLE', token, { name: 'Các đơn vị', kind: 'email', emails });
    const documentNumber = '429/KH-SNgV';
    const campaign = await json<{ id: string }>(
      'POST',
      '/campaigns',
      token,
      minimalLetter({
        documentNumber,
        title: 'Phát động phong trào thi đua (đo gửi khi SES giới hạn tốc độ)',
        recipientGroups: ['BENCH_THROTTLE'],
        deadlines: { nominations: '2030-12-10T17:00:00+07:00' },
      }),
    );
    await json('POST', '/local/faults', undefined, { probabilities: { throttle: throttlePct / 100 }, seed });
    const before = await counters();

    const t0 = Date.now();
    await json('POST', `/campaigns/${campaign.id}/issue`, token);
    const deadline = t0 + Math.max(10 * 60_000, (addresses / rate) * 3000);
    // The proxy's counter of answered SendEmail calls is cheap to poll (the store holds every body).
    for (;;) {
      if ((await counters()).passed - before.passed >= addresses) break;
      if (Date.now() > deadline) throw new Error(`only ${(await counters()).passed - before.passed} of ${addresses} emails accepted in time`);
      await new Promise((r) => setTimeout(r, 250));
    }
    let rows: { channel: string; status: string; attempts: number; sentAt?: string; retryable?: boolean }[] = [];
    for (;;) {
      rows = (await json<{ items: typeof rows }>('GET', `/campaigns/${campaign.id}/deliveries`, token)).items.filter((d) => d.channel === 'email');
      if (rows.length >= addresses && rows.every((d) => d.status === 'sent')) break;
      // A throttle that outlasted the in-place retries waits for the reconciler (30 s backoff): run it.
      if (rows.some((d) => d.status === 'failed' && d.retryable)) await json('POST', '/local/scheduler/run');
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const after = await counters();
    const store = (await (await fetch(`${twin.sesUrl}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    const ours = store.emails.filter((e) => e.subject.startsWith(`[${documentNumber}]`)).flatMap((e) => e.destination.to);
    const distinct = new Set(ours).size;

    const sentAt = rows.filter((d) => d.sentAt).map((d) => Date.parse(d.sentAt!));
    const lastSentMs = Math.max(...sentAt) - t0;
    const firstSentMs = Math.min(...sentAt) - t0;
    const achieved = addresses / (lastSentMs / 1000);
    const steady = (addresses - 1) / ((lastSentMs - firstSentMs) / 1000);
    // Where the time goes: pauses between consecutive sends much longer than one slot (1/rate).
    const sorted = [...sentAt].sort((a, b) => a - b);
    const gaps = sorted
      .slice(1)
      .map((t, i) => t - sorted[i]!)
      .filter((g) => g > 5 * (1000 / rate));
    const statuses = new Map<string, number>();
    for (const d of rows) statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
    return {
      addresses,
      'send rate (/s)': rate,
      'throttled (%)': throttlePct,
      'issue → last sent (s)': +(lastSentMs / 1000).toFixed(2),
      'floor at this rate (s)': +(addresses / rate).toFixed(2),
      'achieved rate (/s)': +achieved.toFixed(1),
      'achieved / configured': +(achieved / rate).toFixed(3),
      'first → last sent, / configured': +(steady / rate).toFixed(3),
      'pauses > 5 slots between sends (n, s)': `${gaps.length}, ${(gaps.reduce((a, b) => a + b, 0) / 1000).toFixed(2)}`,
      'SendEmail calls': after.sendEmailCalls - before.sendEmailCalls,
      'throttled calls': after.throttled - before.throttled,
      'retried after the in-place retries': rows.filter((d) => d.attempts > 1).length,
      'emails in store': ours.length,
      duplicates: ours.length - distinct,
      statuses: [...statuses.entries()].map(([k, v]) => `${k} ${v}`).join(', '),
    };
  } finally {
    await twin.stop();
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  const n = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  throttledSendBench({ addresses: n('BENCH_ADDRESSES'), rate: n('BENCH_RATE'), throttlePct: n('BENCH_THROTTLE_PCT') })
    .then((row) => {
      console.log('# sending under SES throttling: issue → last sent, local twin, the fault proxy throttling a seeded share of SendEmail calls');
      console.table(Object.entries(row).map(([measure, value]) => ({ measure, value })));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
