/**
 * The twin with injected handlers: the SDK clients reach the emulators through the endpoint
 * environment variables alone (no local-only code in handlers), a consumer gets the stream records
 * the router put on its queue, and a message its consumer keeps failing on ends in the queue's
 * dead-letter queue after maxReceiveCount receives, visible at GET /local/dead-letters, and is
 * handled once redriven (POST /local/redrive, what `npm run redrive` calls) after the fault is gone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SQSEvent } from 'aws-lambda';
import { startTwin, type Twin } from '../../../infra/local/twin';
import { functions } from '../../../infra/wiring';

jest.setTimeout(30_000);

let twin: Twin;
let deadLetterDir: string;
const issuedEvents: SQSEvent[] = [];
let mailerCalls = 0;
let mailerBroken = true;

beforeAll(async () => {
  deadLetterDir = mkdtempSync(path.join(tmpdir(), 'thidua-twin-faults-'));
  twin = await startTwin({
    port: 0,
    dynamodbPort: 0,
    sesPort: 0,
    tableName: 'twin-faults',
    quiet: true,
    logLevel: 'SILENT',
    poller: { pollIntervalMs: 30, retryBackoff: { initialMs: 5, maxMs: 20 }, deadLetterDir },
    queueRetryAfterMs: 5,
    handlers: {
      api: async () => ({ statusCode: 418, body: 'injected' }),
      onCampaignIssued: async (event: SQSEvent) => {
        issuedEvents.push(event);
      },
      mailer: async () => {
        mailerCalls++;
        if (mailerBroken) throw new Error('SES is down (injected)');
      },
    },
  });
});

afterAll(async () => {
  await twin?.stop();
  rmSync(deadLetterDir, { recursive: true, force: true });
});

describe('the local twin with injected handlers', () => {
  it('lets SDK clients without endpoint configuration reach DynamoDB Local and the SES emulator', async () => {
    const ses = new SESv2Client({});
    const out = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: process.env.MAIL_FROM,
        Destination: { ToAddresses: ['vanphong@example.org'] },
        Content: { Simple: { Subject: { Data: 'Thông báo phát động thi đua', Charset: 'UTF-8' }, Body: { Text: { Data: 'Xin chào', Charset: 'UTF-8' } } } },
      }),
    );
    ses.destroy();
    const store = (await (await fetch(`${twin.sesEndpoint}/store`)).json()) as { emails: { messageId: string; subject: string }[] };
    expect(store.emails).toContainEqual(expect.objectContaining({ messageId: out.MessageId, subject: 'Thông báo phát động thi đua' }));

    const ddb = new DynamoDBClient({});
    const s = (v: string) => ({ S: v });
    await ddb.send(new PutItemCommand({ TableName: twin.tableName, Item: { pk: s('CAMPAIGN#c1'), sk: s('EVENT#1'), entity: s('Event'), type: s('CampaignIssued') } }));
    ddb.destroy();
    await twin.idle();
    // From its queue, the stream record as the router got it.
    expect(issuedEvents.flatMap((e) => e.Records.map((m) => m.eventSource))).toEqual(['aws:sqs']);
    expect(issuedEvents.flatMap((e) => e.Records.map((m) => JSON.parse(m.body).dynamodb.Keys.pk.S))).toEqual(['CAMPAIGN#c1']);
  });

  it('uses an injected API handler behind the gateway', async () => {
    const res = await fetch(`${twin.gatewayUrl}/health`);
    expect(res.status).toBe(418);
    expect(await res.text()).toBe('injected');
  });

  it('dead-letters a delivery the mailer keeps failing, after the wiring’s maxReceiveCount, and shows it over HTTP', async () => {
    const ddb = new DynamoDBClient({});
    const s = (v: string) => ({ S: v });
    await ddb.send(new PutItemCommand({ TableName: twin.tableName, Item: { pk: s('CAMPAIGN#c1'), sk: s('DELIVERY#e1#a@example.org'), entity: s('Delivery'), status: s('pending') } }));
    ddb.destroy();
    await twin.idle();
    expect(mailerCalls).toBe(functions.mailer.queue.maxReceiveCount);
    const { items } = (await (await fetch(`${twin.gatewayUrl}/local/dead-letters`)).json()) as {
      items: { function: string; condition: string; error: { message: string }; record: { dynamodb: { Keys: { sk: { S: string } } } } }[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ function: 'mailer', condition: 'MaxReceiveCountExceeded', error: { message: 'SES is down (injected)' } });
    expect(items[0]!.record.dynamodb.Keys.sk.S).toBe('DELIVERY#e1#a@example.org');
    expect(readFileSync(path.join(deadLetterDir, 'mailer.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('redriven once the fault is gone, the dead letter is handled once and leaves the dead-letter store', async () => {
    mailerBroken = false;
    const before = mailerCalls;
    const res = await fetch(`${twin.gatewayUrl}/local/redrive`, { method: 'POST', body: JSON.stringify({ function: 'mailer' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([{ function: 'mailer', redriven: 1, stillFailing: 0 }]);
    await twin.idle();
    expect(mailerCalls - before).toBe(1);
    expect(twin.deadLetters()).toEqual([]);
    expect(readFileSync(path.join(deadLetterDir, 'mailer.jsonl'), 'utf8')).toBe('');
  });
});
