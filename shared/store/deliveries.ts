import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Delivery, type DeliveryStatus } from '../schemas/events';
import { documentClient, tableName } from './client';
import { keys, prefixes, withoutKeys } from './keys';
import { queryCampaignItems } from './campaigns';

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException || (e as { name?: string })?.name === 'ConditionalCheckFailedException';

/**
 * Write one outbox item, only if it does not exist yet: a retried stream batch re-runs the
 * consumer, and the conditional put keeps it from queueing anyone twice. Returns whether it was new.
 */
export async function putDeliveryIfAbsent(delivery: Delivery): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.delivery(delivery.campaignId, delivery.eventId, delivery.message, delivery.address), entity: 'Delivery', ...delivery },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The mail of one event, rendered once and shared by all its deliveries. */
export async function putMessageIfAbsent(campaignId: string, eventId: string, name: string, message: RenderedMessage): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.message(campaignId, eventId, name), entity: 'Message', campaignId, eventId, name, ...message },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function getMessage(campaignId: string, eventId: string, name: string): Promise<RenderedMessage | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.message(campaignId, eventId, name), ConsistentRead: true }));
  return Item ? { subject: String(Item.subject), html: String(Item.html), text: String(Item.text) } : undefined;
}

type Key = Pick<Delivery, 'campaignId' | 'eventId' | 'message' | 'address'>;
const keyOf = (d: Key) => keys.delivery(d.campaignId, d.eventId, d.message, d.address);

/**
 * Claim a delivery before sending it: only one invocation moves it from `pending` or `failed`
 * to `sending`, so a batch delivered twice, or two consumers racing, send it once.
 * Returns the claimed attempt number, or undefined when someone else holds or finished it.
 */
export async function claimDelivery(d: Key, now: string, maxAttempts: number): Promise<number | undefined> {
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keyOf(d),
        UpdateExpression: 'SET #status = :sending, attempts = attempts + :one, claimedAt = :now, updatedAt = :now',
        ConditionExpression: '#status IN (:pending, :failed) AND attempts < :max',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':failed': 'failed', ':one': 1, ':now': now, ':max': maxAttempts },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Number(Attributes?.attempts);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export async function recordOutcome(
  d: Key,
  outcome: { status: Extract<DeliveryStatus, 'sent' | 'failed'>; messageId?: string; error?: string; retryable?: boolean },
  now: string,
): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keyOf(d),
      UpdateExpression:
        outcome.status === 'sent'
          ? 'SET #status = :status, messageId = :messageId, sentAt = :now, updatedAt = :now REMOVE lastError, retryable'
          : 'SET #status = :status, lastError = :error, retryable = :retryable, updatedAt = :now',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': outcome.status,
        ':sending': 'sending',
        ':now': now,
        ...(outcome.status === 'sent' ? { ':messageId': outcome.messageId ?? '' } : { ':error': outcome.error ?? 'unknown', ':retryable': outcome.retryable ?? false }),
      },
    }),
  );
}

export const listDeliveries = async (campaignId: string) =>
  (await queryCampaignItems(campaignId, prefixes.delivery)).map((i) => Delivery.parse(withoutKeys(i)));

/**
 * Put a failed delivery back to `pending` for another try: the MODIFY record re-enters the mailer
 * through its stream filter. The attempt counter restarts so the mailer's cap applies afresh.
 */
export async function requeueFailed(d: Key, now: string): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keyOf(d),
        UpdateExpression: 'SET #status = :pending, attempts = :zero, updatedAt = :now, requeuedAt = :now',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':failed': 'failed', ':zero': 0, ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
