/**
 * The seed scenario end to end against a running local twin (`npm start` in another terminal):
 * load the directory, create the seed launch letter (Sở Ngoại vụ Lạng Sơn's of 2023, written for this year, with
 * deadlines ahead: a letter past its nomination deadline is not issued), issue it, and watch the outbox deliver it.
 *
 *   PORT, SES_PORT  the twin's ports, as for `npm start` (default 3000, 8005)
 *   API_URL, SES_URL  another host instead (scripts/twin-address.ts)
 */
import type { Campaign } from '../shared/schemas/campaign';
import type { Delivery, DeliveryStatus } from '../shared/schemas/events';
import { distinctSeedAddresses, seedCampaign, seedDirectory } from '../seed/launch-letter-2023';
import { thisYearLetter } from '../seed/this-year-letter';
import { todayInVietnam } from '../shared/domain/vn-date';
import { API_URL, request, REQUEST_TIMEOUT_MS, SES_URL, sleep } from './api-client';

const POLL_EVERY_MS = 500;
const POLL_TIMEOUT_MS = 60_000;
const IN_FLIGHT: ReadonlySet<DeliveryStatus> = new Set(['pending', 'claimed', 'sending']);

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const w = (s: string) => [...s].length;
  const widths = headers.map((h, i) => Math.max(w(h), ...rows.map((r) => w(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c + ' '.repeat((widths[i] ?? 0) - w(c)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

const CHANNEL_ORDER = { email: 0, publication: 1, archive: 2 } as const;

function printDeliveries(items: readonly Delivery[]) {
  const sorted = [...items].sort((a, b) => CHANNEL_ORDER[a.channel] - CHANNEL_ORDER[b.channel] || a.address.localeCompare(b.address));
  console.log(
    table(
      ['ADDRESS', 'NƠI NHẬN', 'STATUS', 'ATTEMPTS'],
      sorted.map((d) => [d.address, d.groups.map((g) => g.code).join(', ') || '—', d.status, String(d.attempts)]),
    ),
  );
  // The legend in the letter's order, then any code the seed does not know.
  const names = new Map<string, string>();
  for (const d of sorted) for (const g of d.groups) names.set(g.code, g.name);
  const codes = [...seedCampaign.recipientGroups.filter((c) => names.has(c)), ...[...names.keys()].filter((c) => !seedCampaign.recipientGroups.includes(c))];
  if (codes.length > 0) {
    console.log('\nNơi nhận:');
    for (const code of codes) console.log(`  ${code.padEnd(14)} ${names.get(code) ?? ''}`);
  }
  for (const d of sorted.filter((x) => x.lastError)) console.log(`  ! ${d.address}: ${d.lastError}`);
}

function summarise(items: readonly Delivery[]) {
  const count = (s: DeliveryStatus) => items.filter((d) => d.status === s).length;
  const parts = [`${count('sent')} sent`, `${count('archived')} archived`, `${count('published')} published`, `${count('failed')} failed`];
  for (const other of ['suppressed', 'pending', 'sending'] as const) if (count(other) > 0) parts.push(`${count(other)} ${other}`);
  return { line: `${items.length} deliveries: ${parts.join(', ')}`, failed: count('failed') };
}

/** How many copies of this letter the SES emulator holds since `sinceSec`; undefined when it cannot be asked. */
async function sesCount(subjectPrefix: string, sinceSec: number): Promise<number | undefined> {
  try {
    const res = await fetch(`${SES_URL}/store?since=${sinceSec}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!res.ok) return undefined;
    const store = (await res.json()) as { emails?: { subject?: string; destination?: { to?: string[] } }[] };
    return (store.emails ?? []).filter((e) => e.subject?.startsWith(subjectPrefix)).reduce((n, e) => n + (e.destination?.to?.length ?? 1), 0);
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const startedSec = Math.floor(Date.now() / 1000);
  console.log(`API ${API_URL}   SES emulator ${SES_URL}\n`);

  const { token } = await request<{ token?: string }>('POST', '/local/token', { body: { sub: 'demo-admin', groups: ['admin'] } });
  if (typeof token !== 'string' || token === '') throw new Error('POST /local/token answered without a token');
  console.log('✓ admin token for demo-admin');

  for (const { code, ...group } of seedDirectory.groups) {
    await request('PUT', `/recipient-groups/${encodeURIComponent(code)}`, { token, body: group });
  }
  console.log(`✓ ${seedDirectory.groups.length} Nơi nhận groups`);
  for (const { unitId, ...unit } of seedDirectory.units) {
    await request('PUT', `/units/${encodeURIComponent(unitId)}`, { token, body: unit });
  }
  console.log(`✓ ${seedDirectory.units.length} units`);

  // 17:00 in Vietnam, `days` from today: registration in two weeks, reports and nominations within two months.
  const at = (days: number) => `${todayInVietnam(new Date(Date.now() + days * 86_400_000))}T17:00:00+07:00`;
  const seed = thisYearLetter(Number(todayInVietnam(new Date()).slice(0, 4)));
  // The letter's number from the agency's register, as the Office takes one: the seed's own "15/KH-SNgV" would be
  // refused the second time the demo runs on a twin that keeps its data (the register holds it for the first letter).
  const { documentNumber } = await request<{ documentNumber: string }>('POST', '/document-numbers', { token, body: { type: 'KH', title: seed.title } });
  const letter = { ...seed, documentNumber, deadlines: { registration: at(14), reports: at(45), nominations: at(60) } };
  const created = await request<Campaign>('POST', '/campaigns', { token, body: letter });
  console.log(`✓ campaign ${created.id} (${created.documentNumber}) created, status ${created.status}`);

  const issued = await request<Campaign>('POST', `/campaigns/${encodeURIComponent(created.id)}/issue`, { token });
  console.log(`✓ issued (status ${issued.status}); waiting for the outbox…\n`);

  // Done when something was written, nothing is in flight, and the count held still for one poll
  // (the consumer may write the outbox in more than one batch).
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  let items: Delivery[] = [];
  let previousCount = -1;
  for (;;) {
    const page = await request<{ items: Delivery[] }>('GET', `/campaigns/${encodeURIComponent(created.id)}/deliveries`, { token });
    items = page.items ?? [];
    const settled = items.length > 0 && !items.some((d) => IN_FLIGHT.has(d.status)) && items.length === previousCount;
    if (settled) break;
    previousCount = items.length;
    if (Date.now() > deadline) {
      if (items.length > 0) printDeliveries(items);
      console.error(`\n✗ timed out after ${POLL_TIMEOUT_MS / 1000} s: ${items.length === 0 ? 'no deliveries were written' : summarise(items).line}`);
      return 1;
    }
    await sleep(POLL_EVERY_MS);
  }

  printDeliveries(items);
  const { line, failed } = summarise(items);
  console.log(`\n${line}`);

  const expectedEmails = distinctSeedAddresses().length;
  const emails = items.filter((d) => d.channel === 'email').length;
  if (emails !== expectedEmails) {
    console.warn(`! expected ${expectedEmails} distinct email addresses (Nơi nhận groups + participating units), got ${emails}`);
  }

  const inSes = await sesCount(`[${created.documentNumber}]`, startedSec);
  console.log(inSes === undefined ? `SES emulator: could not read ${SES_URL}/store` : `SES emulator: ${inSes} recipient(s) of "[${created.documentNumber}] …" since the demo started`);
  console.log(`Read the letters at ${SES_URL}/`);

  if (failed > 0) {
    console.error(`\n✗ ${failed} delivery(ies) failed; POST /campaigns/${created.id}/deliveries/retry sends them again`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`\n✗ ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
