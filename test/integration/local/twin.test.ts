import { functions } from '../../../infra/wiring';
/**
 * The whole local twin with the real handlers: the seed launch letter is created and issued over
 * HTTP with a local token, the stream's one reader (the router) puts the records on the queues of
 * onCampaignIssued and the mailer, their mappings drive them, and the SES
 * emulator receives one email per distinct address. Then stop() leaves no java process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTwin, type Twin } from '../../../infra/local/twin';
import { distinctSeedAddresses, seedCampaign, seedCampaignIssuable, seedDirectory } from '../../../seed/launch-letter-2023';

jest.setTimeout(30_000);

let twin: Twin;
let deadLetterDir: string;

beforeAll(async () => {
  deadLetterDir = mkdtempSync(path.join(tmpdir(), 'thidua-twin-'));
  twin = await startTwin({ port: 0, dynamodbPort: 0, sesPort: 0, tableName: 'twin-test', quiet: true, logLevel: 'SILENT', poller: { pollIntervalMs: 50, deadLetterDir } });
});

afterAll(async () => {
  await twin?.stop();
  rmSync(deadLetterDir, { recursive: true, force: true });
});

async function api<T = unknown>(method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${twin.gatewayUrl}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

describe('the local twin with the real handlers', () => {
  it('configures the handlers through the environment', () => {
    expect(process.env).toMatchObject({
      AWS_REGION: 'ap-southeast-1',
      AWS_ENDPOINT_URL_DYNAMODB: twin.dynamodbEndpoint,
      AWS_ENDPOINT_URL_SESV2: twin.sesEndpoint,
      AWS_ENDPOINT_URL_SQS: twin.queues.endpoint,
      TABLE_NAME: 'twin-test',
      POWERTOOLS_SERVICE_NAME: 'thidua',
    });
    // One reader on the stream; a queue per consumer.
    expect(twin.poller.consumers.map((c) => c.name)).toEqual(['streamRouter']);
    expect(Object.keys(twin.queues.queues).sort()).toEqual(
      Object.entries(functions)
        .filter(([, f]) => 'queue' in f)
        .map(([name]) => name)
        .sort(),
    );
    expect(
      JSON.parse(process.env.ROUTES!)
        .map((r: { queueUrl: string }) => r.queueUrl)
        .sort(),
    ).toEqual(
      Object.values(twin.queues.queues)
        .map((q) => q.queue.url)
        .sort(),
    );
    // The mailer's batch follows the send rate, as the stack sizes it from `sendRate` (50/s here: 100); the others are the wiring's.
    expect(process.env.MAIL_SEND_RATE).toBe('50');
    expect(twin.queues.functions.mailer!.queue!.batchSize).toBe(100);
    expect(twin.queues.functions.onCampaignIssued!.queue).toEqual(functions.onCampaignIssued.queue);
  });

  it('serves the open routes and guards the others like the cloud authorizer', async () => {
    expect(await api('GET', '/health')).toEqual({ status: 200, json: { status: 'ok' } });
    expect((await api('GET', '/campaigns')).status).toBe(401);
    const viewer = await twin.identity.issue({ sub: 'viewer', groups: ['viewer'] });
    expect((await api('GET', '/campaigns', viewer)).status).toBe(200);
    expect((await api('POST', '/campaigns', viewer, seedCampaign)).status).toBe(403);
  });

  it('issues the seed launch letter and emails every distinct address once', async () => {
    const { json: tokenReply } = await api<{ token: string }>('POST', '/local/token', undefined, { sub: 'admin-1', groups: ['admin'] });
    const admin = tokenReply.token;
    for (const { code, ...group } of seedDirectory.groups) expect((await api('PUT', `/recipient-groups/${encodeURIComponent(code)}`, admin, group)).status).toBe(200);
    for (const { unitId, ...unit } of seedDirectory.units) expect((await api('PUT', `/units/${encodeURIComponent(unitId)}`, admin, unit)).status).toBe(200);
    const created = await api<{ id: string }>('POST', '/campaigns', admin, seedCampaignIssuable());
    expect(created.status).toBe(201);
    expect((await api('POST', `/campaigns/${created.json.id}/issue`, admin)).status).toBe(200);

    // CampaignIssued → its queue → outbox items → the mailer's queue (1 s batching window) → SES.
    await twin.idle({ timeoutMs: 20_000 });
    const store = (await (await fetch(`${twin.sesEndpoint}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
    const recipients = store.emails.flatMap((e) => e.destination.to).sort();
    expect(recipients).toEqual([...distinctSeedAddresses()].sort());
    expect(twin.deadLetters()).toEqual([]);
    expect(twin.queues.stats().onCampaignIssued).toMatchObject({ invocations: 1, messagesDeleted: 1, messagesFailed: 0 });
    expect(twin.queues.stats().mailer!.messagesDeleted).toBe(distinctSeedAddresses().length);
  });
});
