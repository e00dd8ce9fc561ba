/**
 * The agencies migration (scripts/migrate-to-agencies.ts) against DynamoDB Local, on a table of its own (the twin's
 * DynamoDB Local, not its table: the twin's consumers must not see these items): a table of the single-agency shape
 * (two campaigns, events with a mailing still on the attention index, deliveries, a message in parts, the directory,
 * the suppression list) is moved into the default agency by a run stopped midway, a run that finishes, and a run with
 * nothing left to do. Every item then sits under its new key exactly once, reads back with the current schemas and
 * through the API's own store functions, and no migrated record on the table's stream reaches a consumer.
 */
import { gzipSync } from 'node:zlib';
import { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { createTable } from '../../../infra/local/dynamodb-local';
import { toLambdaRecord } from '../../../infra/local/stream-record';
import { functions, routesOf } from '../../../infra/wiring';
import { defaultAgency } from '../../../seed/default-agency';
import { minimalLetter } from '../../../seed/minimal-letter';
import { type Item, migratedItem, migrateToAgencies, moveItem, newKeyOf } from '../../../scripts/migrate-to-agencies';
import { newCampaign } from '../../../shared/domain/campaign';
import { CampaignInput } from '../../../shared/schemas/campaign';
import { StoredCampaign } from '../../../shared/schemas/campaign-item';
import { Delivery, DomainEvent } from '../../../shared/schemas/events';
import { matchesAny } from '../../../shared/stream/filter-match';
import { routeRecords } from '../../../shared/stream/route';

jest.setTimeout(60_000);

const REGION = 'ap-southeast-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const TABLE = `migration-${process.pid}-${Date.now()}`;
const endpoint = () => process.env.DYNAMODB_ENDPOINT!;
let raw: DynamoDBClient;
let client: DynamoDBDocumentClient;
let streamArn: string;

const scanAll = async (): Promise<Item[]> => {
  const out: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true, ExclusiveStartKey }));
    out.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
};
const put = (Item: Item) => client.send(new PutCommand({ TableName: TABLE, Item }));
const keyOf = (i: Item) => `${String(i.pk)} | ${String(i.sk)}`;

const AT = '2026-11-20T02:00:00.000Z';
const LATER = '2026-11-20T02:10:00.000Z';
const ADDRESS = 'lanhdao@songoaivu.langson.gov.vn';
const BOUNCED = 'cu@example.vn';
const letter = { html: `<p>${'Thư mời tham gia phong trào. '.repeat(50)}</p>`, text: 'Thư mời tham gia phong trào. '.repeat(50) };

/** The table as the code before agencies wrote it (commit 7320e68^): no agency in any key, no `agencyId` on any item. */
function oldItems(): Item[] {
  const campaign = (id: string, createdAt: string) => {
    const { agencyId: _a, ...c } = {
      ...newCampaign(CampaignInput.parse(minimalLetter({ title: `Phong trào ${id}` })), { id, now: createdAt, actor: 'office', agencyId: 'x' }),
      status: 'issued',
      version: 2,
      issuedAt: AT,
      issuedBy: 'office',
    };
    return { pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN', entity: 'Campaign', gsi1pk: 'CAMPAIGNS', gsi1sk: `${createdAt}#${id}`, ...c };
  };
  const pk = 'CAMPAIGN#c1';
  const event = (eventId: string, type: string, version: number, extra: Item = {}) => ({
    pk,
    sk: `EVENT#${AT}#${eventId}`,
    entity: 'Event',
    eventId,
    type,
    campaignId: 'c1',
    version,
    occurredAt: AT,
    actor: 'office',
    data: {},
    ...extra,
  });
  const deliverySk = (address: string) => `DELIVERY#e2#letter#${address}`;
  const delivery = (address: string, status: string, extra: Item = {}) => ({
    pk,
    sk: deliverySk(address),
    entity: 'Delivery',
    campaignId: 'c1',
    eventId: 'e2',
    eventType: 'CampaignIssued',
    message: 'letter',
    channel: 'email',
    address,
    groups: [{ code: 'LANH_DAO_SO', name: 'Lãnh đạo Sở' }],
    status,
    attempts: 1,
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  });
  const packed = gzipSync(Buffer.from(JSON.stringify(letter), 'utf8'));
  const half = Math.ceil(packed.length / 2);
  const parts = [packed.subarray(0, half), packed.subarray(half)];
  return [
    campaign('c1', '2026-11-19T01:00:00.000Z'),
    campaign('c2', '2026-11-19T03:00:00.000Z'),
    event('e1', 'CampaignCreated', 1),
    event('e2', 'CampaignIssued', 2, { mailing: 'prepared', mailingAttempts: 0, mailingPreparedAt: AT }),
    // A mailing whose consumer had not written its outbox yet: on the attention index, under the old key.
    event('e3', 'ReportReminderDue', 2, { mailing: 'preparing', mailingAttempts: 0, attnpk: 'ATTN', attnAt: `${LATER}#${pk}#EVENT#${AT}#e3` }),
    delivery(ADDRESS, 'sent', { messageId: 'ses-1', sentAt: AT }),
    // Pending when the migration ran: the reconciler's attention entry must follow it to its new key.
    delivery('vanphong@songoaivu.langson.gov.vn', 'pending', { attempts: 0, attnpk: 'ATTN', attnAt: `${LATER}#${pk}#${deliverySk('vanphong@songoaivu.langson.gov.vn')}` }),
    delivery(BOUNCED, 'suppressed', { attempts: 0 }),
    { pk, sk: 'MESSAGE#e2#letter', entity: 'Message', campaignId: 'c1', eventId: 'e2', name: 'letter', subject: '[15/KH-SNgV] Phong trào c1', encoding: 'gzip-json', parts: 2, bytes: packed.length },
    ...parts.map((body, index) => ({ pk, sk: `MESSAGE#e2#letter#PART#${String(index).padStart(4, '0')}`, entity: 'MessagePart', campaignId: 'c1', eventId: 'e2', name: 'letter', index, body })),
    { pk: 'DIRECTORY', sk: 'GROUP#LANH_DAO_SO', entity: 'RecipientGroup', code: 'LANH_DAO_SO', name: 'Lãnh đạo Sở', kind: 'email', emails: [ADDRESS], updatedAt: AT },
    { pk: 'DIRECTORY', sk: 'UNIT#PHONG_A', entity: 'Unit', unitId: 'PHONG_A', name: 'Phòng A', emails: ['phonga@songoaivu.langson.gov.vn'], updatedAt: AT },
    { pk: 'SUPPRESSION', sk: BOUNCED, entity: 'Suppression', address: BOUNCED, kind: 'bounce', detail: '550 no such user', campaignId: 'c1', at: AT },
  ];
}

/** Already under the agency before the migration (users were enrolled per agency from the start): left as is. */
const enrolled = { pk: 'AGENCY#default#DIRECTORY', sk: 'USER#nguyen.a', entity: 'User', username: 'nguyen.a', role: 'viewer' };

const run = (extra: { limit?: number; dryRun?: boolean } = {}) =>
  migrateToAgencies({ client, tableName: TABLE, agency: defaultAgency, ...extra, concurrency: 3, now: () => new Date('2026-12-01T05:00:00.000Z') });

beforeAll(async () => {
  raw = new DynamoDBClient({ endpoint: endpoint(), region: REGION, credentials });
  client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  streamArn = await createTable(raw, TABLE);
  for (const item of [...oldItems(), enrolled]) await put(item);
  // The API's store functions read this table through their own client (shared/store/client.ts).
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: endpoint(), AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', TABLE_NAME: TABLE });
});

afterAll(async () => {
  await raw?.send(new DeleteTableCommand({ TableName: TABLE })).catch(() => undefined);
  client?.destroy();
});

describe('moving a single-agency table into the default agency', () => {
  const old = oldItems();
  const expectedKeys = [...old.map((i) => keyOf({ ...i, ...newKeyOf(i, 'default') })), keyOf(enrolled), 'PLATFORM | AGENCY#default'].sort();

  it('a dry run counts what would move, per entity, and writes nothing', async () => {
    const before = (await scanAll()).map(keyOf).sort();
    const report = await run({ dryRun: true });
    expect(report.agency).toBe('would be created');
    expect(report.entities).toMatchObject({
      Campaign: { found: 2, moved: 0 },
      Event: { found: 3 },
      Delivery: { found: 3 },
      Message: { found: 1 },
      MessagePart: { found: 2 },
      Unit: { found: 1 },
      RecipientGroup: { found: 1 },
      Suppression: { found: 1 },
    });
    expect(report.scanned).toBe(2 * (old.length + 1)); // two passes: the partitions, then the campaign items
    expect((await scanAll()).map(keyOf).sort()).toEqual(before);
  });

  it('a run stopped midway (--limit) leaves every item once, either old or new; the next run finishes; a third has nothing to do', async () => {
    const first = await run({ limit: 5 });
    expect(first).toMatchObject({ agency: 'created', stoppedAtLimit: true });
    expect(Object.values(first.entities).reduce((n, c) => n + c.moved, 0)).toBe(5);
    const midway = await scanAll();
    expect(midway).toHaveLength(old.length + 2); // nothing doubled, nothing lost: each old item is in one of its two places
    expect(midway.filter((i) => newKeyOf(i, 'default'))).toHaveLength(old.length - 5);
    // Campaign items move last: none is visible under the agency while the rest of its partition may still be old.
    expect(midway.filter((i) => i.entity === 'Campaign').every((c) => String(c.pk).startsWith('CAMPAIGN#'))).toBe(true);

    // One item as a run that wrote its copy and died before deleting the original would leave it (another marking time).
    const left = midway.filter((i) => newKeyOf(i, 'default'));
    const stray = left.find((i) => i.entity === 'Delivery') ?? left[0]!;
    await put(migratedItem(stray, newKeyOf(stray, 'default')!, { id: 'default', level: 'department' }, '2026-12-01T04:00:00.000Z'));

    const second = await run();
    expect(second.agency).toBe('existed');
    expect(second.stoppedAtLimit).toBe(false);
    expect(Object.values(second.entities).reduce((n, c) => n + c.moved, 0)).toBe(old.length - 5);
    expect(second.conflictKeys).toEqual([]);

    const third = await run();
    expect(third.entities).toEqual({});

    const after = await scanAll();
    expect(after.map(keyOf).sort()).toEqual(expectedKeys);
  });

  it('every moved item parses with the current schemas, under the agency, its gsi1 and attention keys rewritten', async () => {
    const after = await scanAll();
    const of = (entity: string) => after.filter((i) => i.entity === entity);
    const strip = ({ pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _h, entity: _e, ...rest }: Item) => rest;
    for (const c of of('Campaign')) {
      expect(StoredCampaign.parse(strip(c))).toMatchObject({ agencyId: 'default', agencyLevel: 'department' });
      expect(c.gsi1pk).toBe('AGENCY#default#CAMPAIGNS');
    }
    for (const e of of('Event')) expect(DomainEvent.parse(strip(e)).agencyId).toBe('default');
    for (const d of of('Delivery')) expect(Delivery.parse(strip(d)).agencyId).toBe('default');
    for (const m of [...of('Message'), ...of('MessagePart')]) expect(m.agencyId).toBe('default');
    const onAttention = after.filter((i) => i.attnpk === 'ATTN');
    expect(onAttention).toHaveLength(2);
    for (const i of onAttention) expect(i.attnAt).toBe(`${LATER}#${String(i.pk)}#${String(i.sk)}`);
    expect(after.find((i) => i.pk === 'PLATFORM')).toMatchObject({
      entity: 'Agency',
      id: 'default',
      name: defaultAgency.name,
      level: 'department',
      place: defaultAgency.place,
      updatedBy: 'migration',
    });
    expect(after.find((i) => i.sk === enrolled.sk)).toEqual(enrolled);
  });

  it('the API’s store functions read it all back inside the agency', async () => {
    const { getCampaign, listCampaigns, listEvents } = await import('../../../shared/store/campaigns');
    const { listDeliveries, suppressedAmong, dueForAttention } = await import('../../../shared/store/deliveries');
    const { listUnits, listRecipientGroups } = await import('../../../shared/store/directory');
    const { getMessage } = await import('../../../shared/store/messages');
    const { getAgency } = await import('../../../shared/store/agencies');

    expect(await getCampaign('default', 'c1')).toMatchObject({ id: 'c1', agencyId: 'default', title: 'Phong trào c1', status: 'issued' });
    expect((await listCampaigns('default', 10)).items.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect((await listEvents('default', 'c1')).map((e) => e.eventId).sort()).toEqual(['e1', 'e2', 'e3']);
    expect((await listDeliveries('default', 'c1')).map((d) => [d.address, d.status]).sort()).toEqual(
      [
        [ADDRESS, 'sent'],
        [BOUNCED, 'suppressed'],
        ['vanphong@songoaivu.langson.gov.vn', 'pending'],
      ].sort(),
    );
    expect((await listUnits('default')).map((u) => u.unitId)).toEqual(['PHONG_A']);
    expect((await listRecipientGroups('default')).map((g) => g.code)).toEqual(['LANH_DAO_SO']);
    expect([...(await suppressedAmong('default', [ADDRESS, BOUNCED]))]).toEqual([BOUNCED]);
    expect(await getMessage('default', 'c1', 'e2', 'letter')).toEqual({ subject: '[15/KH-SNgV] Phong trào c1', ...letter });
    expect(await getAgency('default')).toMatchObject({ id: 'default', level: 'department' });
    // The reconciler finds the work that was under way, by its new key.
    const due = await dueForAttention(new Date('2026-11-20T03:00:00.000Z'));
    expect(due.map((k) => k.pk)).toEqual(['AGENCY#default#CAMPAIGN#c1', 'AGENCY#default#CAMPAIGN#c1']);
    // And nothing of another agency sees it.
    expect(await getCampaign('other', 'c1')).toBeUndefined();
    expect((await listCampaigns('other', 10)).items).toEqual([]);
  });

  it('an item the running system changed after the Scan read it is moved as it now is, not as it was read', async () => {
    const sk = 'DELIVERY#e9#letter#muon@example.vn';
    const read = { pk: 'CAMPAIGN#c9', sk, entity: 'Delivery', campaignId: 'c9', status: 'claimed', attempts: 1, claimToken: 't1', updatedAt: AT };
    await put(read);
    // The mailer finished sending between the Scan and the move.
    await put({ ...read, status: 'sent', messageId: 'ses-9', sentAt: LATER, updatedAt: LATER, claimToken: undefined });
    const options = { client, tableName: TABLE, agency: defaultAgency };
    expect(await moveItem(options, read, { id: 'default', level: 'department' }, AT)).toBe('moved');
    const after = (await scanAll()).filter((i) => i.sk === sk);
    expect(after).toEqual([expect.objectContaining({ pk: 'AGENCY#default#CAMPAIGN#c9', status: 'sent', messageId: 'ses-9', updatedAt: LATER })]);
    expect(after[0]).not.toHaveProperty('claimToken');
    // Moved already: a second attempt with the same stale copy finds nothing left to move.
    expect(await moveItem(options, read, { id: 'default', level: 'department' }, AT)).toBe('gone');
    await client.send(new DeleteCommand({ TableName: TABLE, Key: { pk: 'AGENCY#default#CAMPAIGN#c9', sk } }));
  });

  it('a new key that already holds a different item is a conflict: both kept, named, the run otherwise complete', async () => {
    const oldOne = { pk: 'SUPPRESSION', sk: 'hai@example.vn', entity: 'Suppression', address: 'hai@example.vn', kind: 'bounce', detail: '550', at: AT };
    const newOne = { ...oldOne, pk: 'AGENCY#default#SUPPRESSION', kind: 'complaint', at: LATER };
    await put(oldOne);
    await put(newOne);
    const report = await run();
    expect(report.conflictKeys).toEqual([{ pk: 'SUPPRESSION', sk: 'hai@example.vn' }]);
    expect(report.entities.Suppression).toMatchObject({ found: 1, moved: 0, conflicts: 1 });
    const both = (await scanAll()).filter((i) => i.sk === 'hai@example.vn');
    expect(both.sort((a, b) => String(a.pk).localeCompare(String(b.pk)))).toEqual([newOne, oldOne]);
    for (const i of both) await client.send(new DeleteCommand({ TableName: TABLE, Key: { pk: i.pk, sk: i.sk } }));
  });

  it('no record the migration put on the stream reaches a consumer, though its events and deliveries match their filters', async () => {
    const streams = new DynamoDBStreamsClient({ endpoint: endpoint(), region: REGION, credentials });
    const records: DynamoDBRecord[] = [];
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...(out.Records ?? []).map((r) => toLambdaRecord(r, REGION, streamArn)));
        if (!out.Records?.length) break;
        iterator = out.NextShardIterator;
      }
    }
    streams.destroy();
    const routes = routesOf(functions, (name) => `https://sqs.local/000000000000/${name}`);
    const inserts = records.filter((r) => r.eventName === 'INSERT' && /^AGENCY#default#CAMPAIGN#c[12]$/.test(r.dynamodb?.Keys?.pk?.S ?? ''));
    expect(inserts.length).toBe(old.filter((i) => String(i.pk).startsWith('CAMPAIGN#')).length);
    // Without the router's check the mailer would send the pending delivery again, and a consumer re-run an event.
    const wouldRoute = inserts.filter((r) => routes.some((route) => matchesAny(route.filters, r)));
    expect(wouldRoute.map((r) => r.dynamodb?.NewImage?.entity?.S).sort()).toEqual(['Delivery', 'Event', 'Event']);
    const sent: string[] = [];
    await routeRecords(inserts, routes, async (queueUrl, entries) => {
      sent.push(...entries.map(() => queueUrl));
      return [];
    });
    expect(sent).toEqual([]);
  });
});
