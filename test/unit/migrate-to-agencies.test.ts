/**
 * The agencies migration's pure parts (scripts/migrate-to-agencies.ts): where each old item goes and what it carries
 * there; and the stream router's side of it (shared/stream/route.ts): a migrated copy's INSERT reaches no consumer,
 * a later change of the same item does. The whole run against DynamoDB Local: test/integration/local/migrate-to-agencies.test.ts.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { functions, routesOf } from '../../infra/wiring';
import { migratedItem, newKeyOf } from '../../scripts/migrate-to-agencies';
import { type Entry, isMigrationCopy, routeRecords } from '../../shared/stream/route';

const agency = { id: 'default', level: 'department' as const };
const AT = '2026-12-01T05:00:00.000Z';

describe('the agencies migration, item by item', () => {
  it('moves the three old partitions under the agency and leaves every other item alone', () => {
    expect(newKeyOf({ pk: 'CAMPAIGN#c1', sk: 'EVENT#2026#e1' }, 'default')).toEqual({ pk: 'AGENCY#default#CAMPAIGN#c1', sk: 'EVENT#2026#e1' });
    expect(newKeyOf({ pk: 'DIRECTORY', sk: 'UNIT#u1' }, 'so-x')).toEqual({ pk: 'AGENCY#so-x#DIRECTORY', sk: 'UNIT#u1' });
    expect(newKeyOf({ pk: 'SUPPRESSION', sk: 'a@b.vn' }, 'default')).toEqual({ pk: 'AGENCY#default#SUPPRESSION', sk: 'a@b.vn' });
    for (const pk of ['PLATFORM', 'AGENCY#default#CAMPAIGN#c1', 'AGENCY#default#DIRECTORY', 'ATTN', 'DIRECTORYX']) expect(newKeyOf({ pk, sk: 'x' }, 'default')).toBeUndefined();
  });

  it('a campaign gets its agency, its level and the agency’s list on gsi1; not the stream mark (its schema is strict)', () => {
    const old = { pk: 'CAMPAIGN#c1', sk: 'CAMPAIGN', entity: 'Campaign', id: 'c1', gsi1pk: 'CAMPAIGNS', gsi1sk: '2026-01-01#c1', status: 'issued' };
    const moved = migratedItem(old, newKeyOf(old, 'default')!, agency, AT);
    expect(moved).toEqual({ ...old, pk: 'AGENCY#default#CAMPAIGN#c1', gsi1pk: 'AGENCY#default#CAMPAIGNS', agencyId: 'default', agencyLevel: 'department' });
  });

  it('a delivery on the attention index keeps its look-again time under its new key, and is marked for the stream router', () => {
    const sk = 'DELIVERY#e1#letter#a@b.vn';
    const old = { pk: 'CAMPAIGN#c1', sk, entity: 'Delivery', status: 'pending', attnpk: 'ATTN', attnAt: `2026-11-30T10:00:00.000Z#CAMPAIGN#c1#${sk}` };
    const moved = migratedItem(old, newKeyOf(old, 'default')!, agency, AT);
    expect(moved).toMatchObject({ pk: 'AGENCY#default#CAMPAIGN#c1', attnpk: 'ATTN', attnAt: `2026-11-30T10:00:00.000Z#AGENCY#default#CAMPAIGN#c1#${sk}`, agencyId: 'default', migratedAt: AT });
  });

  it('directory and suppression items only change key; message parts get the agency but no mark', () => {
    const unit = { pk: 'DIRECTORY', sk: 'UNIT#u1', entity: 'Unit', unitId: 'u1', name: 'Phòng A' };
    expect(migratedItem(unit, newKeyOf(unit, 'default')!, agency, AT)).toEqual({ ...unit, pk: 'AGENCY#default#DIRECTORY' });
    const part = { pk: 'CAMPAIGN#c1', sk: 'MESSAGE#e1#letter#PART#0000', entity: 'MessagePart', body: new Uint8Array([1, 2]) };
    expect(migratedItem(part, newKeyOf(part, 'default')!, agency, AT)).toEqual({ ...part, pk: 'AGENCY#default#CAMPAIGN#c1', agencyId: 'default' });
  });
});

const record = (eventName: 'INSERT' | 'MODIFY', image: Record<string, { S: string }>): DynamoDBRecord => ({
  eventID: `id-${eventName}-${Object.keys(image).length}`,
  eventName,
  dynamodb: { Keys: { pk: { S: 'AGENCY#default#CAMPAIGN#c1' }, sk: { S: 'X' } }, NewImage: { pk: { S: 'AGENCY#default#CAMPAIGN#c1' }, ...image }, SequenceNumber: '1' },
});

describe('the stream router and migrated copies', () => {
  const routes = routesOf(functions, (name) => `https://sqs.local/000000000000/${name}`);
  const route = async (records: DynamoDBRecord[]) => {
    const sent: string[] = [];
    await routeRecords(records, routes, async (queueUrl: string, entries: Entry[]) => {
      sent.push(...entries.map(() => queueUrl.split('/').pop()!));
      return [];
    });
    return sent;
  };

  it('a migrated event’s or delivery’s INSERT reaches no consumer (the mail went under the old key)', async () => {
    const issued = record('INSERT', { entity: { S: 'Event' }, type: { S: 'CampaignIssued' }, migratedAt: { S: AT } });
    const pending = record('INSERT', { entity: { S: 'Delivery' }, status: { S: 'pending' }, migratedAt: { S: AT } });
    expect(isMigrationCopy(issued)).toBe(true);
    expect(await route([issued, pending])).toEqual([]);
  });

  it('the same records without the mark, and later changes of a migrated item, are routed as ever', async () => {
    const issued = record('INSERT', { entity: { S: 'Event' }, type: { S: 'CampaignIssued' } });
    const pending = record('INSERT', { entity: { S: 'Delivery' }, status: { S: 'pending' } });
    expect(await route([issued, pending])).toEqual(['onCampaignIssued', 'mailer']);
    // The Office retries a migrated delivery, the reconciler a migrated mailing: MODIFYs, still marked.
    const retried = record('MODIFY', { entity: { S: 'Delivery' }, status: { S: 'pending' }, migratedAt: { S: AT } });
    const mailing = record('MODIFY', { entity: { S: 'Event' }, type: { S: 'CampaignIssued' }, mailing: { S: 'retry' }, migratedAt: { S: AT } });
    expect(isMigrationCopy(retried)).toBe(false);
    expect((await route([retried, mailing])).sort()).toEqual(['mailer', 'onCampaignIssued']);
  });
});
