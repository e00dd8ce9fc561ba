import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Delivery, type DeliveryStatus } from '../schemas/events';
import { documentClient, tableName } from './client';
import { ATTENTION_PK, attentionAt } from './attention';
import { isConditionFailure } from './conditions';
import { outboxLogKey } from '../redact';
import type { Outcome } from '../usecases/send-delivery';
import { queryCampaignItems } from './campaigns';
import { campaignPk, keys, prefixes, withoutKeys } from './keys';

export { isConditionFailure } from './conditions';
export type { RenderedMessage, StoredMessage } from './messages';

export { ATTENTION_PK };
const attnAt = attentionAt;

type Key = Pick<Delivery, 'agencyId' | 'campaignId' | 'eventId' | 'message' | 'address'>;
export const deliveryKey = (d: Key) => keys.delivery(d.agencyId, d.campaignId, d.eventId, d.message, d.address);

/**
 * Write one outbox item, only if it does not exist yet: a retried stream batch re-runs the
 * consumer, and the conditional put keeps it from queueing anyone twice. Returns whether it was new.
 */
export async function putDeliveryIfAbsent(delivery: Delivery, lookAgainAt?: string): Promise<boolean> {
  const key = deliveryKey(delivery);
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        // A non-terminal item is on the attention index from its first write: nothing waits on the stream alone.
        Item: { ...key, entity: 'Delivery', ...delivery, ...(lookAgainAt ? { attnpk: ATTENTION_PK, attnAt: attnAt(lookAgainAt, key) } : {}) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Claim a delivery before sending it: only one invocation moves it from `pending` (or a retryable
 * `failed`) to `claimed`, with a token and a lease, and puts it on the attention index at the
 * lease's end. A batch delivered twice, or two consumers racing, send once. Returns the claim, or
 * undefined when someone else holds or finished it.
 */
export async function claimDelivery(d: Key, now: Date, leaseMs: number, maxAttempts: number, token: string): Promise<{ attempt: number; token: string } | undefined> {
  const key = deliveryKey(d);
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #status = :claimed, attempts = attempts + :one, claimToken = :token, claimedAt = :now, leaseUntil = :lease, attnpk = :attn, attnAt = :attnAt, updatedAt = :now',
        ConditionExpression: '(#status = :pending OR (#status = :failed AND retryable = :true)) AND attempts < :max',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':claimed': 'claimed',
          ':pending': 'pending',
          ':failed': 'failed',
          ':true': true,
          ':one': 1,
          ':token': token,
          ':now': now.toISOString(),
          ':lease': leaseUntil,
          ':attn': ATTENTION_PK,
          ':attnAt': attnAt(leaseUntil, key),
          ':max': maxAttempts,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { attempt: Number(Attributes?.attempts), token };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * `claimed` → `sending`, right before SES is called, under the same claim: from here on a lapsed
 * lease means "maybe sent". False when the claim was lost (the reconciler took the item back).
 */
export async function markSending(d: Key, token: string, now: Date): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: deliveryKey(d),
        UpdateExpression: 'SET #status = :sending, sendingAt = :now, updatedAt = :now',
        ConditionExpression: '#status = :claimed AND claimToken = :token',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':claimed': 'claimed', ':token': token, ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export type { Outcome };

/**
 * Record what happened to a claimed item, under its claim. A retryable failure stays on the
 * attention index until `retryAt`; every other outcome leaves it.
 */
export async function recordOutcome(d: Key, token: string, outcome: Outcome, now: Date): Promise<void> {
  const key = deliveryKey(d);
  const at = now.toISOString();
  const values: Record<string, unknown> = { ':status': outcome.status, ':now': at, ':token': token, ':claimed': 'claimed', ':sending': 'sending' };
  let update: string;
  if (outcome.status === 'sent') {
    update = 'SET #status = :status, messageId = :messageId, sentAt = :now, updatedAt = :now REMOVE lastError, retryable, attnpk, attnAt, claimToken';
    values[':messageId'] = outcome.messageId;
  } else if (outcome.status === 'failed' && outcome.retryable && outcome.retryAt) {
    update = 'SET #status = :status, lastError = :error, retryable = :retryable, attnAt = :attnAt, updatedAt = :now REMOVE claimToken';
    Object.assign(values, { ':error': outcome.error, ':retryable': true, ':attnAt': attnAt(outcome.retryAt, key) });
  } else {
    update = 'SET #status = :status, lastError = :error, retryable = :retryable, updatedAt = :now REMOVE attnpk, attnAt, claimToken';
    Object.assign(values, { ':error': outcome.error, ':retryable': outcome.status === 'failed' ? outcome.retryable : false });
  }
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: update,
      ConditionExpression: '#status IN (:claimed, :sending) AND claimToken = :token',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    }),
  );
}

/** An ambiguous SES error: the claim is kept (never released), the lease runs out, the reconciler decides. */
export async function recordDoubt(d: Key, token: string, error: string, now: Date): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: deliveryKey(d),
      UpdateExpression: 'SET lastError = :error, updatedAt = :now',
      ConditionExpression: '#status = :sending AND claimToken = :token',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':error': error, ':now': now.toISOString(), ':sending': 'sending', ':token': token },
    }),
  );
}

/** The campaign's outbox rows, each with the key the logs name it by (its address pseudonymised). */
export const listDeliveries = async (agencyId: string, campaignId: string) =>
  (await queryCampaignItems(agencyId, campaignId, prefixes.delivery)).map((i) => ({
    ...Delivery.parse(withoutKeys(i)),
    logKey: outboxLogKey({ pk: String(i.pk), sk: String(i.sk) }),
  }));

export async function getDelivery(key: { pk: string; sk: string }): Promise<(Delivery & Record<string, unknown>) | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return Item ? ({ ...Delivery.parse(withoutKeys(Item)), ...withoutKeys(Item) } as Delivery & Record<string, unknown>) : undefined;
}

/** Outbox items whose look-again time has come, oldest first (the reconciler's work list). */
export async function dueForAttention(now: Date, limit = 200): Promise<{ pk: string; sk: string }[]> {
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'attn',
      KeyConditionExpression: 'attnpk = :p AND attnAt <= :now',
      ExpressionAttributeValues: { ':p': ATTENTION_PK, ':now': `${now.toISOString()}#~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
}

/**
 * Move an item from one state to another only if it is still in the state the caller saw (and,
 * for claimed items, under the same claim). Used by the reconciler, the Office's retry and SES
 * events. Returns whether it moved.
 */
export async function transition(
  key: { pk: string; sk: string },
  from: { status: DeliveryStatus; claimToken?: string },
  to: { status: DeliveryStatus; set?: Record<string, unknown>; keepAttention?: boolean; resetAttempts?: boolean; attentionAt?: string },
  now: Date,
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from.status, ':to': to.status, ':now': now.toISOString() };
  const sets = ['#status = :to', 'updatedAt = :now'];
  for (const [k, v] of Object.entries(to.set ?? {})) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  if (to.resetAttempts) {
    sets.push('attempts = :zero');
    values[':zero'] = 0;
  }
  let removes = to.keepAttention ? ['claimToken'] : ['claimToken', 'attnpk', 'attnAt'];
  if (to.attentionAt) {
    // Back in the outbox: due for a look again, in case this change's stream record is lost too.
    sets.push('attnpk = :attnpk', 'attnAt = :attnAt');
    Object.assign(values, { ':attnpk': ATTENTION_PK, ':attnAt': attnAt(to.attentionAt, key) });
    removes = ['claimToken'];
  }
  let condition = '#status = :from';
  if (from.claimToken !== undefined) {
    condition += ' AND claimToken = :token';
    values[':token'] = from.claimToken;
  }
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * A `pending` item whose look-again time came: its stream record may have been lost before any
 * mailer claimed it. Touching it (a MODIFY that is still `pending`) hands it to the mailer again;
 * if the first record is merely late, the claim makes the second one a no-op.
 */
export async function wakePending(key: { pk: string; sk: string }, now: Date, nextAttentionAt: string): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET wakes = if_not_exists(wakes, :zero) + :one, wokenAt = :now, updatedAt = :now, attnAt = :attnAt',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': now.toISOString(), ':attnAt': attnAt(nextAttentionAt, key), ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// ── The project's own suppression list, one per agency ───────────────────────────────────────

/** Addresses that hard-bounced or complained: never emailed again by this system. */
export async function suppress(agencyId: string, address: string, reason: { kind: 'bounce' | 'complaint'; detail: string; campaignId?: string; at: string }): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.suppression(agencyId, address), entity: 'Suppression', address, ...reason } }));
}

export async function suppressedAmong(agencyId: string, addresses: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const unique = [...new Set(addresses)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [tableName()]: { Keys: unique.slice(i, i + 100).map((a) => keys.suppression(agencyId, a)) } };
    for (let attempt = 0; request; attempt++) {
      const res = (await documentClient.send(new BatchGetCommand({ RequestItems: request }))) as {
        Responses?: Record<string, Record<string, unknown>[]>;
        UnprocessedKeys?: Record<string, { Keys: Record<string, unknown>[] }>;
      };
      for (const item of res.Responses?.[tableName()] ?? []) out.add(String(item.address));
      request = res.UnprocessedKeys && Object.keys(res.UnprocessedKeys).length ? res.UnprocessedKeys : undefined;
      if (request) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
    }
  }
  return out;
}

export { campaignPk };
