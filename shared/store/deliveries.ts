import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Delivery, type DeliveryStatus } from '../schemas/events';
import { documentClient, tableName } from './client';
import { insertTogether, updateTogether } from './write-together';
import { ATTENTION_PK, attentionAt } from './attention';
import { isConditionFailure } from './conditions';
import { outboxLogKey } from '../redact';
import type { Outcome, Recorded } from '../usecases/send-delivery';
import { queryCampaignItems } from './campaigns';
import { campaignPk, keys, prefixes, withoutKeys } from './keys';

export { isConditionFailure } from './conditions';
export type { RenderedMessage, StoredMessage } from './messages';

export { ATTENTION_PK };
const attnAt = attentionAt;

type Key = Pick<Delivery, 'agencyId' | 'campaignId' | 'eventId' | 'message' | 'address'>;
export const deliveryKey = (d: Key) => keys.delivery(d.agencyId, d.campaignId, d.eventId, d.message, d.address);

/** The conditional put of one new outbox item (a non-terminal item is on the attention index from its first write: nothing waits on the stream alone). */
const putIfAbsentCommand = (delivery: Delivery, lookAgainAt?: string) => {
  const key = deliveryKey(delivery);
  return new PutCommand({
    TableName: tableName(),
    Item: { ...key, entity: 'Delivery', ...delivery, ...(lookAgainAt ? { attnpk: ATTENTION_PK, attnAt: attnAt(lookAgainAt, key) } : {}) },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
};

/** Per item: true when written, false when it existed; a failed write rejects. */
const written = (r: PromiseSettledResult<void>): PromiseSettledResult<boolean> =>
  r.status === 'fulfilled' ? { status: 'fulfilled', value: true } : isConditionFailure(r.reason) ? { status: 'fulfilled', value: false } : r;

/**
 * Write one outbox item, only if it does not exist yet: a retried stream batch re-runs the
 * consumer, and the conditional put keeps it from queueing anyone twice. Returns whether it was new.
 */
export async function putDeliveryIfAbsent(delivery: Delivery, lookAgainAt?: string): Promise<boolean> {
  try {
    await documentClient.send(putIfAbsentCommand(delivery, lookAgainAt));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The same for many items, up to 100 to a request (shared/store/write-together.ts); per item whether it was new. */
export async function putDeliveriesIfAbsent(items: readonly { delivery: Delivery; lookAgainAt?: string }[]): Promise<PromiseSettledResult<boolean>[]> {
  return (await insertTogether(items.map((i) => putIfAbsentCommand(i.delivery, i.lookAgainAt)))).map(written);
}

/**
 * Claim a delivery before sending it: only one invocation moves it from `pending` (or a retryable
 * `failed`) to `claimed`, with a token and a lease, and puts it on the attention index at the
 * lease's end. A batch delivered twice, or two consumers racing, send once. The claim is also
 * conditional on `attempts` being the image's (`seenAttempts`): the new attempt is then known
 * without reading the item back, and a mismatch means someone else moved it since.
 */
const claimCommand = (d: Key, seenAttempts: number, now: Date, leaseMs: number, maxAttempts: number, token: string) => {
  const key = deliveryKey(d);
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  return new UpdateCommand({
    TableName: tableName(),
    Key: key,
    UpdateExpression: 'SET #status = :claimed, attempts = :next, claimToken = :token, claimedAt = :now, leaseUntil = :lease, attnpk = :attn, attnAt = :attnAt, updatedAt = :now',
    ConditionExpression: '(#status = :pending OR (#status = :failed AND retryable = :true)) AND attempts = :seen AND attempts < :max',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':claimed': 'claimed',
      ':pending': 'pending',
      ':failed': 'failed',
      ':true': true,
      ':seen': seenAttempts,
      ':next': seenAttempts + 1,
      ':token': token,
      ':now': now.toISOString(),
      ':lease': leaseUntil,
      ':attn': ATTENTION_PK,
      ':attnAt': attnAt(leaseUntil, key),
      ':max': maxAttempts,
    },
  });
};

/** A claim per item, up to 100 to a request: the claim (attempt = seen + 1), undefined when someone else holds, finished or moved it, or the write's error. */
export async function claimDeliveries(
  items: readonly { d: Key; attempts: number; token: string }[],
  now: Date,
  leaseMs: number,
  maxAttempts: number,
): Promise<PromiseSettledResult<{ attempt: number; token: string } | undefined>[]> {
  const results = await updateTogether(items.map((i) => claimCommand(i.d, i.attempts, now, leaseMs, maxAttempts, i.token)));
  return results.map((r, n) =>
    r.status === 'fulfilled'
      ? { status: 'fulfilled', value: { attempt: items[n]!.attempts + 1, token: items[n]!.token } }
      : isConditionFailure(r.reason)
        ? { status: 'fulfilled', value: undefined }
        : r,
  );
}

/**
 * `claimed` → `sending`, right before SES is called, under the same claim: from here on a lapsed
 * lease means "maybe sent".
 */
const markSendingCommand = (d: Key, token: string, now: Date) =>
  new UpdateCommand({
    TableName: tableName(),
    Key: deliveryKey(d),
    UpdateExpression: 'SET #status = :sending, sendingAt = :now, updatedAt = :now',
    ConditionExpression: '#status = :claimed AND claimToken = :token',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':sending': 'sending', ':claimed': 'claimed', ':token': token, ':now': now.toISOString() },
  });

/** The sending marks of a round, in one request: per item true, false when the claim was lost (the reconciler took the item back), or the write's error. */
export async function markSendingAll(items: readonly { d: Key; token: string }[], now: Date): Promise<PromiseSettledResult<boolean>[]> {
  return (await updateTogether(items.map((i) => markSendingCommand(i.d, i.token, now)))).map(written);
}

export type { Outcome, Recorded };

/**
 * Record what happened to a claimed item, under its claim. A retryable failure stays on the
 * attention index until `retryAt`; every other outcome leaves it.
 */
const recordCommand = (d: Key, token: string, outcome: Recorded, now: Date) => {
  const key = deliveryKey(d);
  const at = now.toISOString();
  if (outcome.status === 'doubt') {
    return new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET lastError = :error, updatedAt = :now',
      ConditionExpression: '#status = :sending AND claimToken = :token',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':error': outcome.error, ':now': at, ':sending': 'sending', ':token': token },
    });
  }
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
  return new UpdateCommand({
    TableName: tableName(),
    Key: key,
    UpdateExpression: update,
    ConditionExpression: '#status IN (:claimed, :sending) AND claimToken = :token',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  });
};

/** The outcomes of a round (and its doubts), in one request, each under its claim; per item done or the write's error (a lost claim included). */
export async function recordAll(items: readonly { d: Key; token: string; outcome: Recorded }[], now: Date): Promise<PromiseSettledResult<void>[]> {
  return updateTogether(items.map((i) => recordCommand(i.d, i.token, i.outcome, now)));
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
