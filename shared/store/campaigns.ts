import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/errors';
import type { Campaign } from '../schemas/campaign';
import { StoredCampaign } from '../schemas/campaign-item';
import { DomainEvent, MAILING_EVENTS, type EventType } from '../schemas/events';
import { onAttention } from './attention';
import { documentClient, tableName } from './client';
import { CAMPAIGN_INDEX, campaignPk, campaignsIndexPk, keys, prefixes, withoutKeys } from './keys';
import { queryByPrefix } from './query';

const campaignItem = (c: Campaign) => ({
  ...keys.campaign(c.agencyId, c.id),
  entity: 'Campaign',
  gsi1pk: campaignsIndexPk(c.agencyId),
  gsi1sk: `${c.createdAt}#${c.id}`,
  ...c,
});

export function newEvent(campaign: Campaign, type: EventType, actor: string, now: string, data: Record<string, unknown> = {}): DomainEvent {
  return { eventId: randomUUID(), type, agencyId: campaign.agencyId, campaignId: campaign.id, version: campaign.version, occurredAt: now, actor, data };
}

/** How long a mailing event's consumer has to write its outbox before the reconciler looks at it (MAILING_GRACE_SECONDS, 10 minutes). */
export const mailingGraceMs = () => Number(process.env.MAILING_GRACE_SECONDS ?? '600') * 1000;

/**
 * An event as stored. A mailing event (MAILING_EVENTS) starts `preparing`, on the attention
 * index: its consumer marks it `prepared` when the outbox is written (shared/store/mailings.ts).
 */
export const eventItem = (e: DomainEvent) => {
  const key = keys.event(e.agencyId, e.campaignId, e.occurredAt, e.eventId);
  const mailing = MAILING_EVENTS.has(e.type) ? { mailing: 'preparing', mailingAttempts: 0, ...onAttention(new Date(Date.parse(e.occurredAt) + mailingGraceMs()).toISOString(), key) } : {};
  return { ...key, entity: 'Event', ...e, ...mailing };
};

/** A new campaign and its `CampaignCreated` event, in one transaction. */
export async function createCampaign(campaign: Campaign, event: DomainEvent): Promise<void> {
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: campaignItem(campaign), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: tableName(), Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }),
  );
}

/**
 * Save a state change with its event in one transaction (docs/architecture.md "Domain events are items").
 * Optimistic: the stored version must still be the one the change was computed from, and the
 * stored status must still allow it, so two racing requests produce one event.
 */
export async function saveTransition(
  next: Campaign,
  from: { version: number; status: string },
  event: DomainEvent,
  alsoPut: Record<string, unknown>[] = [],
  /** Conditional writes that belong to the transition (a register entry): their failure fails it. */
  alsoWrite: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [],
): Promise<void> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: campaignItem(next),
              ConditionExpression: '#version = :version AND #status = :status',
              ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
              ExpressionAttributeValues: { ':version': from.version, ':status': from.status },
            },
          },
          { Put: { TableName: tableName(), Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
          // Items that belong to the new state (the frozen results), written with it or not at all.
          ...alsoPut.map((Item) => ({ Put: { TableName: tableName(), Item } })),
          ...alsoWrite,
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
      throw new DomainError('conflict', 'Phong trào vừa được thay đổi bởi một yêu cầu khác; không thực hiện thay đổi này.', undefined, 'campaign.concurrent_change');
    }
    throw error;
  }
}

/** An item to write beside an event; `onlyIfAbsent` makes the put conditional (a marker written once). */
export interface ItemWrite {
  item: Record<string, unknown> & { pk: string; sk: string; entity: string };
  onlyIfAbsent?: boolean;
}

/**
 * Write items and their domain event in one transaction (docs/architecture.md "Domain events are items"), so
 * a report never exists without its `ReportSubmitted`, nor the event without the report. Returns
 * false when an `onlyIfAbsent` item already existed (nothing was written).
 */
export async function saveWithEvent(writes: ItemWrite[], event: DomainEvent): Promise<boolean> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          ...writes.map((w) => ({
            Put: { TableName: tableName(), Item: w.item, ...(w.onlyIfAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
          })),
          { Put: { TableName: tableName(), Item: eventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
    throw error;
  }
}

export async function getCampaign(agencyId: string, campaignId: string): Promise<Campaign | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.campaign(agencyId, campaignId), ConsistentRead: true }));
  return Item ? StoredCampaign.parse(withoutKeys(Item)) : undefined;
}

/**
 * A cursor is the LastEvaluatedKey of the campaign index, base64url JSON. Anything else (a forged
 * or truncated cursor) is the caller's error, a 400 naming `query.cursor`, never handed to
 * DynamoDB, which would answer a ValidationException (a 500) or start at a key of its choosing.
 * Another agency's cursor is refused the same way: it names another index partition.
 */
function decodeCursor(agencyId: string, cursor: string): Record<string, string> {
  const invalid = () => new DomainError('invalid', 'Dữ liệu không hợp lệ: query.cursor', [{ path: 'query.cursor', message: 'không phải con trỏ trang do API này trả về' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const k = key as Record<string, unknown>;
  const names = Object.keys(k).sort().join(',');
  const valid =
    names === 'gsi1pk,gsi1sk,pk,sk' &&
    k.gsi1pk === campaignsIndexPk(agencyId) &&
    k.sk === 'CAMPAIGN' &&
    typeof k.pk === 'string' &&
    k.pk.startsWith(campaignPk(agencyId, '')) &&
    typeof k.gsi1sk === 'string' &&
    k.gsi1sk.length > 0 &&
    k.gsi1sk.length <= 200;
  if (!valid) throw invalid();
  return k as Record<string, string>;
}

/** Newest first, through GSI1; the cursor is the opaque LastEvaluatedKey. */
export async function listCampaigns(agencyId: string, limit: number, cursor?: string): Promise<{ items: Campaign[]; nextCursor?: string }> {
  const ExclusiveStartKey = cursor ? decodeCursor(agencyId, cursor) : undefined;
  const page = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: CAMPAIGN_INDEX.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': campaignsIndexPk(agencyId) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey,
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => StoredCampaign.parse(withoutKeys(i))),
    ...(page.LastEvaluatedKey ? { nextCursor: Buffer.from(JSON.stringify(page.LastEvaluatedKey)).toString('base64url') } : {}),
  };
}

/** Every campaign of an agency, newest first, page by page (an agency runs a handful a year). */
export async function listAllCampaigns(agencyId: string): Promise<Campaign[]> {
  const out: Campaign[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCampaigns(agencyId, 100, cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Every item of the campaign partition whose sort key starts with `prefix`, in key order. */
export const queryCampaignItems = (agencyId: string, campaignId: string, prefix: string) => queryByPrefix(campaignPk(agencyId, campaignId), prefix);

/** Puts one item as it is (a record that replaces itself: the signed letter's upload). */
export async function saveItem(item: Record<string, unknown> & { pk: string; sk: string; entity: string }): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: item }));
}

/** One stored item by its key, read consistently (the reconciler decides on it). */
export async function getItemByKey(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item;
}

export const listEvents = async (agencyId: string, campaignId: string) => (await queryCampaignItems(agencyId, campaignId, prefixes.event)).map((i) => DomainEvent.parse(withoutKeys(i)));
