import './quiet-logs';
/**
 * "Nothing lost, nothing twice" (README) under faults, on a twin of our own, in this process, with
 * the real handlers: the mailer killed before and after it calls SES, SES throttling, failing,
 * and losing the connection after accepting a mail (through the twin's SES fault proxy), a poison
 * stream record, a batch delivered twice, two consumers racing, and hard bounces.
 *
 * Each scenario has its own campaign and addresses, and ends by running the scheduler (the
 * reconciler) until nothing is pending, claimed or sending; then every address has exactly one
 * row, in one terminal state, and the SES emulator holds at most one email per address of the
 * campaign. Where the window of doubt was hit, the row is `uncertain`, with its error, in
 * `/deliveries`: the one email SES got stays the only one.
 *
 * The global setup's twin (another process) is not used: the crash cases need SDK middleware on
 * the very client instances the handlers use, and jest gives this file one module registry, shared
 * by the test and the handlers the twin loads (checked by the first test).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambda-context';
import type { QueueDeadLetter } from '../../infra/local/consumer-queues';
import type { FaultCounters, FaultSettingsInput } from '../../infra/local/ses-fault-proxy';
import { startTwin, type Twin } from '../../infra/local/twin';
import { encodeOutboxTag } from '../../shared/mail/outbox-tag';
import { streamRecordOf } from '../../shared/stream/batch';
import { DEFAULT_AGENCY_ID } from '../../shared/usecases/principal';
import { keys } from '../../shared/store/keys';
import { call, sentEmails, type StoredEmail } from './client';

jest.setTimeout(60_000);

type DocumentClientModule = typeof import('../../shared/store/client');
type SesModule = typeof import('../../shared/mail/ses');
type MailerModule = typeof import('../../functions/mailer');

interface Row {
  agencyId: string;
  campaignId: string;
  eventId: string;
  message: string;
  channel: string;
  address: string;
  status: string;
  attempts: number;
  messageId?: string;
  lastError?: string;
  retryable?: boolean;
  sesEvent?: { type: string; at: string; detail?: string };
}

const IN_FLIGHT = ['pending', 'claimed', 'sending'];
const TERMINAL = ['sent', 'failed', 'uncertain', 'suppressed', 'superseded', 'bounced'];

let twin: Twin;
let deadLetterDir: string;
let admin: string;
let documentClient: DocumentClientModule['documentClient'];
let ses: SesModule['ses'];
let mailer: MailerModule['handler'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── The twin's mailer: the real handler, with its batches recorded, and some campaigns withheld ──

/** Every batch the twin's queue mapping handed the mailer: the SQS event as it came, and the stream records it carried. */
const mailerEvents: { sqs: SQSEvent; Records: DynamoDBRecord[] }[] = [];
/** Campaigns whose records the twin's mailer must leave alone: the test delivers them itself. */
const withheld = new Map<string, DynamoDBRecord[]>();
const campaignOf = (r: DynamoDBRecord) => r.dynamodb?.NewImage?.campaignId?.S ?? '';

async function mailerOfTheTwin(event: SQSEvent, context: Context) {
  const records = event.Records.map((m) => {
    try {
      return streamRecordOf(m);
    } catch {
      return undefined;
    }
  });
  mailerEvents.push({ sqs: structuredClone(event), Records: records.filter((r): r is DynamoDBRecord => r !== undefined) });
  // A withheld message is taken (deleted from the queue) without being handled: lost on its way.
  const passed = event.Records.filter((_, i) => {
    const r = records[i];
    const held = r && withheld.get(campaignOf(r));
    held?.push(r!);
    return !held;
  });
  // Loaded on first use, after startTwin set the environment, from the registry the test shares.
  const { handler } = await import('../../functions/mailer');
  return passed.length ? handler({ Records: passed }, context) : { batchItemFailures: [] };
}

/** Campaigns whose CampaignIssued consumer fails, as a consumer with a bug or a dependency down would. */
const brokenIssue = new Set<string>();
async function issuedOfTheTwin(event: DynamoDBStreamEvent | SQSEvent, context: Context) {
  // A stream batch, or a queue batch whose bodies are stream records: either way, the campaigns it is about.
  const campaigns = (event.Records as (DynamoDBRecord | SQSEvent['Records'][number])[]).map((r) => campaignOf('body' in r ? streamRecordOf(r) : r));
  if (campaigns.some((c) => brokenIssue.has(c))) throw new Error('injected: the consumer is down');
  const { handler } = await import('../../functions/on-campaign-issued');
  return handler(event as never, context);
}

const mailerContext = () => lambdaContext({ name: 'mailer', memorySize: 512, timeoutSeconds: 120, region: twin.region });

// ── Killing the mailer at a chosen step: SDK middleware on the handlers' own DynamoDB client ──

interface Kill {
  what: string;
  /** A fragment of the UpdateExpression of the write to fail. */
  expression: string;
  /** Only writes to deliveries whose sort key contains this. */
  skContains: string;
  /** Sort keys already killed: once per address. */
  killed: Set<string>;
}
const kills: Kill[] = [];
const killOnce = (what: string, expression: string, skContains: string): Kill => {
  const k = { what, expression, skContains, killed: new Set<string>() };
  kills.push(k);
  return k;
};
/** What the instrumented clients saw, to prove that the handlers use them. */
const seenByTest = { sendEmailTo: [] as string[], deliveryPuts: 0, attentionQueries: 0, sendingMarks: 0 };

const skOf = (key: unknown): string | undefined => {
  const sk = (key as { sk?: unknown } | undefined)?.sk;
  return typeof sk === 'string' ? sk : typeof (sk as { S?: unknown })?.S === 'string' ? (sk as { S: string }).S : undefined;
};

type Next = (args: { input: unknown }) => Promise<unknown>;

function instrumentClients() {
  const killer = (next: Next) => async (args: { input: unknown }) => {
    const input = args.input as { UpdateExpression?: unknown; Key?: unknown; Item?: { entity?: unknown }; IndexName?: unknown };
    if (input.Item?.entity === 'Delivery') seenByTest.deliveryPuts++;
    if (input.IndexName === 'attn') seenByTest.attentionQueries++;
    if (typeof input.UpdateExpression === 'string') {
      if (input.UpdateExpression.includes('#status = :sending, sendingAt')) seenByTest.sendingMarks++;
      const sk = skOf(input.Key);
      for (const k of kills) {
        if (sk?.includes(k.skContains) && input.UpdateExpression.includes(k.expression) && !k.killed.has(sk)) {
          k.killed.add(sk);
          // Before the request leaves: as if the process died at this line.
          throw new Error(`the mailer died (injected: ${k.what})`);
        }
      }
    }
    return next(args);
  };
  documentClient.middlewareStack.add(killer as never, { step: 'initialize', name: 'faultsTestKiller', priority: 'high' });
  const counter = (next: Next) => async (args: { input: unknown }) => {
    seenByTest.sendEmailTo.push(...((args.input as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses ?? []));
    return next(args);
  };
  ses.middlewareStack.add(counter as never, { step: 'initialize', name: 'faultsTestCounter' });
}

// ── Helpers over HTTP ────────────────────────────────────────────────────────────────────────

async function ok<T = any>(method: string, route: string, body?: unknown, status = 200): Promise<T> {
  const res = await call<T>(method, route, { token: admin, ...(body !== undefined ? { body } : {}) });
  if (res.status !== status) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const letter = (documentNumber: string, recipientGroups: string[], extra: Record<string, unknown> = {}) => ({
  documentNumber,
  title: `Phát động thi đua (kiểm thử sự cố ${documentNumber})`,
  issuingBody: 'SỞ NGOẠI VỤ',
  place: 'Lạng Sơn',
  theme: 'Chủ đề',
  legalBases: ['Căn cứ Luật Thi đua, khen thưởng'],
  goals: ['Mục tiêu'],
  contents: ['Nội dung'],
  implementation: ['Tổ chức thực hiện'],
  signer: { name: 'Trịnh Tuyết Mai', position: 'Giám đốc' },
  recipientGroups,
  deadlines: { nominations: '2030-12-10T17:00:00+07:00' },
  ...extra,
});

/** A recipient group of these addresses and a draft campaign to it; returns the campaign id. */
async function draftCampaign(code: string, documentNumber: string, addresses: string[], extra: Record<string, unknown> = {}): Promise<string> {
  await ok('PUT', `/recipient-groups/${code}`, { name: `Nhóm ${code}`, kind: 'email', emails: addresses });
  return (await ok<{ id: string }>('POST', '/campaigns', letter(documentNumber, [code], extra), 201)).id;
}
const issue = (id: string) => ok('POST', `/campaigns/${id}/issue`);
const deliveries = async (id: string) => (await ok<{ items: Row[] }>('GET', `/campaigns/${id}/deliveries`)).items;
const runScheduler = () => ok('POST', '/local/scheduler/run');
const setFaults = (settings: FaultSettingsInput) => ok<{ settings: unknown; counters: FaultCounters }>('POST', '/local/faults', settings);
const faultCounters = async () => (await ok<{ counters: FaultCounters }>('GET', '/local/faults')).counters;

/**
 * The stream run to its end until `check` holds. One idle() is not always enough: on a loaded machine DynamoDB Local's
 * stream can show a write a moment after the poller's last read came back empty (the cloud's streams lag too), so
 * the twin looks idle before the issue's records reach the consumers. Nothing is run here that the scenario does not
 * (the reconciler is not): only the wait is longer.
 */
async function idleUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await twin.idle({ timeoutMs });
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(50);
  }
}

/**
 * Runs the stream to its end, then the reconciler, again and again, until no row of the campaign
 * is pending, claimed or sending (claims lapse after MAIL_LEASE_SECONDS = 1).
 */
async function settle(id: string, rows: number, timeoutMs = 20_000): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await twin.idle({ timeoutMs });
    const items = await deliveries(id);
    // A retryable failure is due again at once (MAIL_RETRY_BASE_SECONDS = 0): not settled yet.
    if (items.length >= rows && items.every((d) => !IN_FLIGHT.includes(d.status) && !(d.status === 'failed' && d.retryable))) return items;
    if (Date.now() > deadline) throw new Error(`campaign ${id} did not settle: ${items.map((d) => `${d.address} ${d.status}`).join(', ')}`);
    await runScheduler();
    await sleep(100);
  }
}

/** The emails of one campaign in the SES emulator (its subjects start with the số/ký hiệu). */
const mailsOf = async (documentNumber: string): Promise<StoredEmail[]> => (await sentEmails()).filter((e) => e.subject.startsWith(`[${documentNumber}]`));
const countTo = (mails: StoredEmail[]) => {
  const out: Record<string, number> = {};
  for (const m of mails) for (const to of [...m.destination.to, ...m.destination.cc, ...m.destination.bcc]) out[to] = (out[to] ?? 0) + 1;
  return out;
};

/**
 * The end state every scenario must reach: one row per address (nothing lost), each in the
 * expected terminal state; one email for each address SES accepted (sent, uncertain, bounced),
 * none for the others, and no duplicate at all; every `uncertain` row reported with its error.
 */
async function expectSettled(id: string, documentNumber: string, expected: Record<string, string>, extraRows = 0): Promise<Row[]> {
  const rows = await settle(id, Object.keys(expected).length + extraRows);
  const letters = rows.filter((r) => r.message === 'letter');
  const counts = countTo(await mailsOf(documentNumber));
  // One view per address (its state, how many rows, how many emails in the store), compared at once.
  const addresses = new Set([...Object.keys(expected), ...letters.map((r) => r.address)]);
  const actual = Object.fromEntries(
    [...addresses].map((a) => {
      const own = letters.filter((r) => r.address === a);
      return [a, { status: own[0]?.status, rows: own.length, emails: counts[a] ?? 0 }];
    }),
  );
  const accepted = ['sent', 'uncertain', 'bounced'];
  expect(actual).toEqual(Object.fromEntries(Object.entries(expected).map(([a, status]) => [a, { status, rows: 1, emails: accepted.includes(status) ? 1 : 0 }])));
  expect(rows.every((r) => TERMINAL.includes(r.status))).toBe(true);
  for (const r of rows.filter((r) => r.status === 'uncertain')) expect(r.lastError).toMatch(/SES đã được gọi nhưng không ghi nhận được kết quả/);
  // No duplicate of anything of this campaign (the Office's notices included).
  expect(Object.entries(counts).filter(([, n]) => n !== 1)).toEqual([]);
  return rows;
}

const addressesOf = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `can-bo-${i + 1}@fault-${tag}.example.org`);

/** An SES event for one delivery, as the configuration set publishes it, with this system's tags. */
const sesEvent = (row: Row, messageId: string, eventType: 'Send' | 'Bounce', extra: Record<string, unknown> = {}) => ({
  eventType,
  mail: {
    messageId,
    timestamp: new Date().toISOString(),
    source: 'no-reply@thidua.example.org',
    destination: [row.address],
    tags: { agency: [row.agencyId], campaign: [row.campaignId], outbox: [encodeOutboxTag(keys.delivery(row.agencyId, row.campaignId, row.eventId, row.message, row.address).sk)] },
  },
  ...extra,
});
const messageIdTo = async (documentNumber: string, address: string) => {
  const [mail, ...more] = (await mailsOf(documentNumber)).filter((m) => m.destination.to.includes(address));
  expect(mail).toBeDefined();
  expect(more).toHaveLength(0);
  return mail!.messageId;
};

// ── The twin ─────────────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  // Read by the handlers when they load, which startTwin does after setting its own variables.
  Object.assign(process.env, { MAIL_LEASE_SECONDS: '1', MAIL_RETRY_BASE_SECONDS: '0', MAIL_SEND_RATE: '500' });
  deadLetterDir = mkdtempSync(path.join(tmpdir(), 'thidua-faults-'));
  twin = await startTwin({
    port: 0,
    dynamodbPort: 0,
    sesPort: 0,
    quiet: true,
    tableName: 'thidua-faults',
    logLevel: 'SILENT',
    // The reconciler runs when a scenario asks, never in the middle of one.
    scheduleEverySeconds: 0,
    poller: { pollIntervalMs: 20, retryBackoff: { initialMs: 20, maxMs: 100 }, deadLetterDir },
    // A message the mailer failed on is received again after 20 ms, not after the visibility timeout.
    queueRetryAfterMs: 20,
    handlers: { mailer: mailerOfTheTwin, onCampaignIssued: issuedOfTheTwin },
  });
  // client.ts talks to API_URL and SES_URL: this file's twin, not the global one.
  Object.assign(process.env, { API_URL: twin.gatewayUrl, SES_URL: twin.sesEndpoint });
  ({ documentClient } = await import('../../shared/store/client'));
  ({ ses } = await import('../../shared/mail/ses'));
  ({ handler: mailer } = await import('../../functions/mailer'));
  instrumentClients();
  admin = await twin.identity.issue({ sub: 'van-phong', groups: ['admin'] });
});

afterEach(async () => {
  twin.sesProxy.setFaults({});
});

afterAll(async () => {
  await twin?.stop();
  if (deadLetterDir) rmSync(deadLetterDir, { recursive: true, force: true });
});

describe('faults on the local twin', () => {
  it('the handlers the twin loaded use the very SDK clients this test instruments; the fault switch answers over HTTP', async () => {
    twin.sesProxy.resetCounters(); // the counters below are this test's own, whichever scenarios ran before
    const addresses = addressesOf('s', 2);
    const id = await draftCampaign('FAULT_S', '100/KH-FS', addresses);
    await issue(id);
    await expectSettled(id, '100/KH-FS', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    await runScheduler();
    // onCampaignIssued's puts, the mailer's marks and SendEmail calls, the tick's reconciler query.
    expect(seenByTest.deliveryPuts).toBeGreaterThanOrEqual(2);
    expect(seenByTest.sendingMarks).toBeGreaterThanOrEqual(2);
    expect(seenByTest.attentionQueries).toBeGreaterThanOrEqual(1);
    expect(seenByTest.sendEmailTo).toEqual(expect.arrayContaining(addresses));

    const faults = await ok<{ settings: { queue: unknown[]; probabilities: object }; counters: FaultCounters }>('GET', '/local/faults');
    expect(faults.settings).toMatchObject({ queue: [], probabilities: {} });
    expect(faults.counters).toMatchObject({ sendEmailCalls: expect.any(Number), throttled: 0, error5xx: 0, droppedAfterForward: 0 });
    expect(faults.counters.passed).toBe(faults.counters.sendEmailCalls);
    const bad = await call('POST', '/local/faults', { body: { queue: ['meteor'], probabilities: { throttle: 2 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['queue.0', 'probabilities.throttle']));
  });

  it('a. the mailer killed between claim and send: the lapsed claim is requeued and each address gets one email', async () => {
    const addresses = addressesOf('a', 3);
    const kill = killOnce('claimed, before the sending mark', '#status = :sending, sendingAt', '@fault-a.');
    const id = await draftCampaign('FAULT_A', '101/KH-FA', addresses);
    await issue(id);
    await idleUntil('three claims killed', async () => kill.killed.size === 3);
    expect((await deliveries(id)).map((d) => d.status)).toEqual(['claimed', 'claimed', 'claimed']);
    expect(await mailsOf('101/KH-FA')).toHaveLength(0);

    const rows = await expectSettled(id, '101/KH-FA', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    expect(kill.killed.size).toBe(3);
    expect(rows.map((r) => r.attempts)).toEqual([2, 2, 2]);
  });

  it('b. killed between send and record: without SES evidence `uncertain` and reported; with a Send event `sent`; never a second email', async () => {
    const addresses = addressesOf('b', 4);
    const kill = killOnce('SES accepted, before the sent record', 'messageId = :messageId, sentAt', '@fault-b.');
    const id = await draftCampaign('FAULT_B', '102/KH-FB', addresses);
    await issue(id);
    await idleUntil('four sent records killed', async () => kill.killed.size === 4);
    const inDoubt = await deliveries(id);
    expect(kill.killed.size).toBe(4);
    expect(countTo(await mailsOf('102/KH-FB'))).toEqual(Object.fromEntries(addresses.map((a) => [a, 1])));

    // SES's Send event arrives for two of them before the reconciler looks.
    const [withEvidence1, withEvidence2, without1, without2] = inDoubt;
    for (const row of [withEvidence1!, withEvidence2!]) {
      const res = await call('POST', '/local/ses-events', { body: sesEvent(row, await messageIdTo('102/KH-FB', row.address), 'Send', { send: {} }) });
      expect(res.status).toBe(202);
    }
    // (This scenario caught a real bug: the failed `sent` write used to be caught as if SES had
    // failed, so the reconciler sent the mail a second time.)
    const rows = await expectSettled(id, '102/KH-FB', {
      [withEvidence1!.address]: 'sent',
      [withEvidence2!.address]: 'sent',
      [without1!.address]: 'uncertain',
      [without2!.address]: 'uncertain',
    });
    for (const r of rows.filter((r) => r.status === 'sent')) {
      expect(r.sesEvent).toMatchObject({ type: 'Send' });
      expect(r.messageId).toBe(await messageIdTo('102/KH-FB', r.address));
    }
    // Reported as such: in /deliveries with the reason, and left alone by further ticks.
    await runScheduler();
    await twin.idle();
    expect(
      (await deliveries(id))
        .filter((r) => r.status === 'uncertain')
        .map((r) => r.address)
        .sort(),
    ).toEqual([without1!.address, without2!.address].sort());
    expect(countTo(await mailsOf('102/KH-FB'))).toEqual(Object.fromEntries(addresses.map((a) => [a, 1])));
    // Right after the kill, SES had the mails and no outcome was recorded: the window of doubt.
    expect(inDoubt.map((d) => d.status)).toEqual(['sending', 'sending', 'sending', 'sending']);
  });

  it('c. SES throttling for a while (longer than the in-place retries for some): all sent in the end, exactly once each', async () => {
    const addresses = addressesOf('c', 3);
    const before = await faultCounters();
    // 3 addresses × 6 tries in place (1 + 5 retries): 16 throttles leave at least one address failed, retryable.
    await setFaults({ queue: Array(16).fill('throttle'), match: { to: '@fault-c.' } });
    const id = await draftCampaign('FAULT_C', '103/KH-FC', addresses);
    await issue(id);
    await idleUntil('the first round of sends', async () => {
      const items = await deliveries(id);
      return items.length === 3 && items.every((d) => d.status === 'sent' || d.status === 'failed');
    });
    const afterFirstRound = await deliveries(id);
    expect(afterFirstRound.some((d) => d.status === 'failed' && d.retryable === true && /TooManyRequests/.test(d.lastError ?? ''))).toBe(true);

    const rows = await expectSettled(id, '103/KH-FC', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    expect(rows.some((r) => r.attempts === 2)).toBe(true);
    const after = await faultCounters();
    expect(after.throttled - before.throttled).toBe(16);
  });

  it('d. SES 5xx: failed and retryable, requeued by the reconciler, then sent once', async () => {
    const addresses = addressesOf('d', 3);
    const before = await faultCounters();
    await setFaults({ queue: ['error5xx', { kind: 'error5xx', status: 503 }], match: { to: '@fault-d.' } });
    const id = await draftCampaign('FAULT_D', '104/KH-FD', addresses);
    await issue(id);
    const failed = await idleUntil('two sends failed', async () => {
      const rows = (await deliveries(id)).filter((d) => d.status === 'failed');
      return rows.length === 2 && rows;
    });
    expect(failed).toHaveLength(2);
    expect(failed.every((d) => d.retryable === true && /InternalFailure|ServiceUnavailable/.test(d.lastError ?? ''))).toBe(true);

    const rows = await expectSettled(id, '104/KH-FD', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 2, 2]);
    expect((await faultCounters()).error5xx - before.error5xx).toBe(2);
  });

  it('e. a poison record lands in the mailer queue’s dead-letter queue after maxReceiveCount receives, is redriven, and the other records of its batch are delivered', async () => {
    const { TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const addresses = addressesOf('e', 3);
    const id = await draftCampaign('FAULT_E', '105/KH-FE', addresses);
    const eventId = 'e-poison-batch';
    const now = new Date().toISOString();
    const delivery = (address: string) => ({
      ...keys.delivery(DEFAULT_AGENCY_ID, id, eventId, 'letter', address),
      entity: 'Delivery',
      agencyId: DEFAULT_AGENCY_ID,
      campaignId: id,
      eventId,
      eventType: 'CampaignIssued',
      message: 'letter',
      channel: 'email',
      address,
      groups: [{ code: 'FAULT_E', name: 'Nhóm FAULT_E' }],
      status: 'pending',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
    // An outbox item without its `groups`: its stream image cannot parse. In a partition of its own,
    // so the campaign's deliveries list still reads.
    const poisonKey = keys.delivery(DEFAULT_AGENCY_ID, `${id}-poison`, eventId, 'letter', 'hong@fault-e.example.org');
    const { groups: _missing, ...poison } = { ...delivery('hong@fault-e.example.org'), ...poisonKey, campaignId: `${id}-poison` };
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: twin.tableName,
              Item: {
                ...keys.message(DEFAULT_AGENCY_ID, id, eventId, 'letter'),
                entity: 'Message',
                agencyId: DEFAULT_AGENCY_ID,
                campaignId: id,
                eventId,
                name: 'letter',
                subject: '[105/KH-FE] Thư kiểm thử',
                html: '<p>Thư</p>',
                text: 'Thư',
              },
            },
          },
          { Put: { TableName: twin.tableName, Item: delivery(addresses[0]!) } },
          { Put: { TableName: twin.tableName, Item: poison } },
          { Put: { TableName: twin.tableName, Item: delivery(addresses[1]!) } },
          { Put: { TableName: twin.tableName, Item: delivery(addresses[2]!) } },
        ],
      }),
    );
    await twin.idle({ timeoutMs: 20_000 });

    // One batch held the poison and the good records.
    const skOfRecord = (r: DynamoDBRecord) => r.dynamodb?.Keys?.sk?.S;
    const firstWithPoison = mailerEvents.find((e) => e.Records.some((r) => skOfRecord(r) === poisonKey.sk));
    expect(firstWithPoison?.Records.filter((r) => campaignOf(r) === id)).toHaveLength(3);

    const deadOf = async () => (await ok<{ items: QueueDeadLetter[] }>('GET', '/local/dead-letters')).items.filter((d) => d.record.dynamodb?.Keys?.sk?.S === poisonKey.sk);
    const [letter, ...more] = await deadOf();
    expect(more).toHaveLength(0);
    // Received maxReceiveCount (9) times, each time reported failed by its message id, then moved.
    expect(letter).toMatchObject({ function: 'mailer', source: 'queue', condition: 'MaxReceiveCountExceeded', attempts: 9 });
    expect(letter!.error.batchItemFailures).toContain(letter!.messageId);
    expect(letter!.error.message).toBeTruthy();
    expect(letter!.record.dynamodb?.NewImage?.status?.S).toBe('pending');
    // Enough to replay: the same record through the same handler fails the same way (and sends nothing).
    const replay = await mailer({ Records: [letter!.record] } as DynamoDBStreamEvent, mailerContext());
    expect(replay).toEqual({ batchItemFailures: [{ itemIdentifier: letter!.record.dynamodb!.SequenceNumber }] });
    // Only the poison: its good neighbours were handled (partial batch response), not dead-lettered.
    const { items } = await ok<{ items: QueueDeadLetter[] }>('GET', '/local/dead-letters');
    expect(items.filter((d) => campaignOf(d.record) === id)).toEqual([]);

    // Redriven (npm run redrive's route): back on the mailer's queue with a fresh receive count; still
    // poison, so after 9 more receives it is dead-lettered again, once, and nothing was sent.
    const redrive = await ok<{ results: { function: string; redriven: number }[] }>('POST', '/local/redrive', { function: 'mailer' });
    expect(redrive.results).toContainEqual(expect.objectContaining({ function: 'mailer', redriven: 1 }));
    expect(await deadOf()).toEqual([]);
    await twin.idle({ timeoutMs: 20_000 });
    const [again, ...twice] = await deadOf();
    expect(twice).toHaveLength(0);
    expect(again).toMatchObject({ messageId: letter!.messageId, attempts: 9 });
    expect(mailerEvents.filter((e) => e.Records.some((r) => skOfRecord(r) === poisonKey.sk)).length).toBeGreaterThanOrEqual(18);

    await expectSettled(id, '105/KH-FE', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    expect(countTo(await mailsOf('105/KH-FE'))['hong@fault-e.example.org']).toBeUndefined();
  });

  it('f. the same queue messages delivered twice: no second email', async () => {
    const addresses = addressesOf('f', 3);
    const id = await draftCampaign('FAULT_F', '106/KH-FF', addresses);
    await issue(id);
    await expectSettled(id, '106/KH-FF', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    const batches = mailerEvents.filter((e) => e.Records.some((r) => campaignOf(r) === id));
    expect(batches.flatMap((e) => e.Records.filter((r) => campaignOf(r) === id))).toHaveLength(3);

    // The very SQS events again, as a standard queue may hand a message over more than once.
    for (const batch of batches) expect(await mailer(structuredClone(batch.sqs), mailerContext())).toEqual({ batchItemFailures: [] });
    const rows = await expectSettled(id, '106/KH-FF', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1]);
  });

  it('g. two consumers racing on the same records: one email each', async () => {
    const addresses = addressesOf('g', 3);
    const id = await draftCampaign('FAULT_G', '107/KH-FG', addresses);
    const held: DynamoDBRecord[] = [];
    withheld.set(id, held);
    try {
      await issue(id);
      await idleUntil('three records held back', async () => held.length === 3);
      expect(held).toHaveLength(3);
      expect((await deliveries(id)).map((d) => d.status)).toEqual(['pending', 'pending', 'pending']);
      const event: DynamoDBStreamEvent = { Records: held };
      const results = await Promise.all([mailer(structuredClone(event), mailerContext()), mailer(structuredClone(event), mailerContext())]);
      expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    } finally {
      withheld.delete(id);
    }
    const rows = await expectSettled(id, '107/KH-FG', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1]);
  });

  it('h. SES accepted the mail but the connection dropped before the answer: `uncertain`, reported, one email in the store', async () => {
    const addresses = addressesOf('h', 3);
    const before = await faultCounters();
    await setFaults({ queue: ['dropAfterForward'], match: { to: '@fault-h.' } });
    const id = await draftCampaign('FAULT_H', '108/KH-FH', addresses);
    await issue(id);
    const dropped = await idleUntil('the dropped send recorded in doubt', async () => {
      const items = await deliveries(id);
      return items.length === 3 && items.every((d) => d.status !== 'pending' && d.status !== 'claimed') ? items.find((d) => d.status === 'sending') : undefined;
    });
    expect(dropped?.lastError).toBeTruthy(); // the network error, kept for the reconciler

    const rows = await expectSettled(id, '108/KH-FH', Object.fromEntries(addresses.map((a) => [a, a === dropped!.address ? 'uncertain' : 'sent'])));
    expect(rows.find((r) => r.status === 'uncertain')!.lastError).toContain(dropped!.lastError!);
    expect((await faultCounters()).droppedAfterForward - before.droppedAfterForward).toBe(1);
  });

  it('i. hard bounces: `bounced`, suppressed, the Office told once per campaign; a later campaign records the address `suppressed` and does not email it', async () => {
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const [bounce1, bounce2, fine] = ['tra-lai-1@fault-i.example.org', 'tra-lai-2@fault-i.example.org', 'nhan-duoc@fault-i.example.org'];
    const office = 'van-phong@fault-i.example.org';
    await ok('PUT', '/recipient-groups/FAULT_I_VP', { name: 'Văn phòng Sở', kind: 'email', emails: [office] });
    const id = await draftCampaign('FAULT_I', '109/KH-FI', [bounce1!, bounce2!, fine!], { officeGroup: 'FAULT_I_VP' });
    await issue(id);
    const sent = await expectSettled(id, '109/KH-FI', { [bounce1!]: 'sent', [bounce2!]: 'sent', [fine!]: 'sent' });

    for (const address of [bounce1!, bounce2!]) {
      const row = sent.find((r) => r.address === address)!;
      const bounce = {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: address, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
        timestamp: new Date().toISOString(),
      };
      const res = await call('POST', '/local/ses-events', { body: sesEvent(row, row.messageId!, 'Bounce', { bounce }) });
      expect(res.status).toBe(202);
      const { Item } = await documentClient.send(new GetCommand({ TableName: twin.tableName, Key: keys.suppression(DEFAULT_AGENCY_ID, address), ConsistentRead: true }));
      expect(Item).toMatchObject({ address, kind: 'bounce', campaignId: id });
    }
    const rows = await expectSettled(id, '109/KH-FI', { [bounce1!]: 'bounced', [bounce2!]: 'bounced', [fine!]: 'sent' }, 1);
    for (const r of rows.filter((r) => r.status === 'bounced')) expect(r.lastError).toContain('Permanent/General');
    const notices = rows.filter((r) => r.message === 'bounce-notice');
    expect(notices.map((r) => [r.address, r.status])).toEqual([[office, 'sent']]);
    expect(countTo(await mailsOf('109/KH-FI'))[office]).toBe(1);
    const events = await ok<{ items: { type: string; data: { address?: string } }[] }>('GET', `/campaigns/${id}/events`);
    expect(
      events.items
        .filter((e) => e.type === 'DeliveryBounced')
        .map((e) => e.data.address)
        .sort(),
    ).toEqual([bounce1, bounce2].sort());

    const later = await draftCampaign('FAULT_I2', '110/KH-FI', [bounce1!, 'moi@fault-i.example.org']);
    await issue(later);
    const laterRows = await expectSettled(later, '110/KH-FI', { [bounce1!]: 'suppressed', 'moi@fault-i.example.org': 'sent' });
    expect(laterRows.find((r) => r.address === bounce1)!.attempts).toBe(0);
  });
});

describe('an outbox item whose stream record was lost', () => {
  it('is on the reconciler’s index from its first write, and the reconciler hands it to the mailer again', async () => {
    const addresses = addressesOf('lost', 2);
    const id = await draftCampaign('FAULT_LOST', '113/KH-FL', addresses);
    // The outbox rows are due for a look one second after they are written (README "Nothing lost").
    const before = process.env.MAIL_PENDING_WAKE_SECONDS;
    process.env.MAIL_PENDING_WAKE_SECONDS = '1';
    try {
      // Every record of this campaign is lost on its way to the mailer: nothing claims the rows.
      withheld.set(id, []);
      await issue(id);
      await twin.idle({ timeoutMs: 20_000 });
      const stuck = await deliveries(id);
      expect(stuck.map((d) => d.status)).toEqual(['pending', 'pending']);
      expect(await mailsOf('113/KH-FL')).toEqual([]);
      // The stream works again; the lost INSERTs stay lost. Once the rows are due, the reconciler wakes them.
      withheld.delete(id);
      await sleep(1100);
      await runScheduler();
      await expectSettled(id, '113/KH-FL', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
    } finally {
      if (before === undefined) delete process.env.MAIL_PENDING_WAKE_SECONDS;
      else process.env.MAIL_PENDING_WAKE_SECONDS = before;
    }
  });
});

describe('a mailing whose consumer fails', () => {
  it('shows in /deliveries, is handed back to its consumer by the reconciler, then given up; the Office sends it again', async () => {
    const addresses = addressesOf('mailing', 2);
    const id = await draftCampaign('FAULT_MAILING', '114/KH-FM', addresses);
    const env = { MAILING_GRACE_SECONDS: process.env.MAILING_GRACE_SECONDS, MAIL_PENDING_WAKE_SECONDS: process.env.MAIL_PENDING_WAKE_SECONDS };
    // The consumer has one second to write the outbox; a retry is due at once.
    Object.assign(process.env, { MAILING_GRACE_SECONDS: '1', MAIL_PENDING_WAKE_SECONDS: '0' });
    type Mailing = { type: string; state: string; attempts: number; overdue: boolean; queued?: number };
    const mailings = async () => (await ok<{ mailings: Mailing[] }>('GET', `/campaigns/${id}/deliveries`)).mailings;
    try {
      brokenIssue.add(id);
      await issue(id);
      await twin.idle({ timeoutMs: 20_000 }); // retried, then dead-lettered
      await sleep(1100);
      expect(await mailings()).toEqual([{ eventId: expect.any(String), type: 'CampaignIssued', occurredAt: expect.any(String), state: 'preparing', attempts: 0, overdue: true }]);
      // Each tick hands it back to the consumer, which fails again; after the last attempt it is failed, for the Office.
      for (let i = 0; i < 8 && (await mailings())[0]!.state !== 'failed'; i++) {
        await runScheduler();
        await twin.idle({ timeoutMs: 20_000 });
      }
      expect(await mailings()).toMatchObject([{ state: 'failed', attempts: 5, overdue: false }]);
      expect(await deliveries(id)).toEqual([]);
      // The consumer is fixed; the Office's "send again" hands the mailing back, and the letter goes out once.
      brokenIssue.delete(id);
      expect(await ok('POST', `/campaigns/${id}/deliveries/retry`, undefined, 202)).toEqual({ requeued: 0, mailingsRequeued: 1 });
      await expectSettled(id, '114/KH-FM', Object.fromEntries(addresses.map((a) => [a, 'sent'])));
      expect(await mailings()).toMatchObject([{ state: 'prepared', queued: 2 }]);
    } finally {
      for (const [k, v] of Object.entries(env))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });
});
