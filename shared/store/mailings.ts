import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Mailing, MAILING_EVENTS, type DomainEvent, type MailingState } from '../schemas/events';
import { attentionAt } from './attention';
import { queryCampaignItems } from './campaigns';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './conditions';
import { keys, prefixes } from './keys';

/**
 * A mailing: what a mailing event's consumer owes (the rendered mail and its outbox rows), kept on
 * the event item itself. Its consumer marks it `prepared`; the reconciler hands one that is late
 * back to its consumer (`retry`, which the consumer's filter takes) and gives up after
 * MAX_MAILING_ATTEMPTS (`failed`), visible in `/deliveries` either way.
 */
export const MAX_MAILING_ATTEMPTS = 5;

const eventKey = (e: Pick<DomainEvent, 'agencyId' | 'campaignId' | 'occurredAt' | 'eventId'>) => keys.event(e.agencyId, e.campaignId, e.occurredAt, e.eventId);

/** The consumer wrote the outbox: off the attention index. Repeats are harmless (a retried batch). */
export async function markMailingPrepared(e: DomainEvent, queued: number, now: Date): Promise<void> {
  if (!MAILING_EVENTS.has(e.type)) return;
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: eventKey(e),
      UpdateExpression: 'SET mailing = :prepared, mailingPreparedAt = if_not_exists(mailingPreparedAt, :now), mailingQueued = if_not_exists(mailingQueued, :zero) + :queued REMOVE attnpk, attnAt',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':prepared': 'prepared', ':now': now.toISOString(), ':zero': 0, ':queued': queued },
    }),
  );
}

/**
 * A mailing still owed: back to its consumer (`retry`, a MODIFY its filter takes), due again after
 * `nextAt`; after the last attempt, `failed` and off the index. Only from the state the caller saw.
 */
export async function retryMailing(key: { pk: string; sk: string }, from: MailingState, attempts: number, now: Date, nextAt: string): Promise<'retry' | 'failed' | undefined> {
  const giveUp = attempts >= MAX_MAILING_ATTEMPTS;
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: giveUp
          ? 'SET mailing = :to, mailingUpdatedAt = :now REMOVE attnpk, attnAt'
          : 'SET mailing = :to, mailingAttempts = :attempts, mailingUpdatedAt = :now, attnpk = :attn, attnAt = :attnAt',
        ConditionExpression: 'mailing = :from',
        ExpressionAttributeValues: {
          ':to': giveUp ? 'failed' : 'retry',
          ':from': from,
          ':now': now.toISOString(),
          ...(giveUp ? {} : { ':attempts': attempts + 1, ':attn': 'ATTN', ':attnAt': attentionAt(nextAt, key) }),
        },
      }),
    );
    return giveUp ? 'failed' : 'retry';
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** The Office's "send again" for mailings: a failed or late one goes back to its consumer now, attempts reset. */
export async function requeueMailing(key: { pk: string; sk: string }, from: MailingState, now: Date, nextAt: string): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET mailing = :retry, mailingAttempts = :one, mailingUpdatedAt = :now, attnpk = :attn, attnAt = :attnAt',
        ConditionExpression: 'mailing = :from',
        ExpressionAttributeValues: { ':retry': 'retry', ':from': from, ':one': 1, ':now': now.toISOString(), ':attn': 'ATTN', ':attnAt': attentionAt(nextAt, key) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The campaign's mailings, in the order of its events, as `/deliveries` shows them. */
export async function listMailings(agencyId: string, campaignId: string, now: Date): Promise<(Mailing & { key: { pk: string; sk: string } })[]> {
  const items = await queryCampaignItems(agencyId, campaignId, prefixes.event);
  return items
    .filter((i) => typeof i.mailing === 'string')
    .map((i) => {
      const due = typeof i.attnAt === 'string' ? i.attnAt.slice(0, i.attnAt.indexOf('#')) : undefined;
      const state = i.mailing as MailingState;
      return {
        ...Mailing.parse({
          eventId: i.eventId,
          type: i.type,
          occurredAt: i.occurredAt,
          state,
          attempts: Number(i.mailingAttempts ?? 0),
          ...(i.mailingQueued !== undefined ? { queued: Number(i.mailingQueued) } : {}),
          ...(i.mailingPreparedAt ? { preparedAt: String(i.mailingPreparedAt) } : {}),
          overdue: (state === 'preparing' || state === 'retry') && due !== undefined && due <= now.toISOString(),
        }),
        key: { pk: String(i.pk), sk: String(i.sk) },
      };
    });
}
