import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { gunzipSync, gzipSync } from 'node:zlib';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './conditions';
import { keys } from './keys';
import { queryByPrefix } from './query';

/** A file a message carries (a rendered PDF, a signed original): where it is and what it must hash to. */
export interface AttachmentRef {
  key: string;
  versionId?: string;
  sha256: string;
  size: number;
  filename: string;
  contentType: string;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  /** Read from the documents bucket when the mail is sent; the item holds only the references. */
  attachments?: AttachmentRef[];
}

/** A rendered message as stored, with the mark a later event leaves when it makes the content stale. */
export interface StoredMessage extends RenderedMessage {
  supersededBy?: string;
}

/**
 * A message stays in one item while it is well under DynamoDB's 400 KB item limit (the key,
 * the subject and the bookkeeping share that budget). A larger one, a long letter or 80 KB of
 * `&` that HTML escaping makes five times longer, is gzipped and, if still large, split into
 * parts of PART_BYTES: whatever the Office may send through the 256 KB request limit is stored
 * and mailed, never refused after the campaign says "issued".
 */
export const INLINE_LIMIT_BYTES = 300_000;
export const PART_BYTES = 300_000;

const partKey = (agencyId: string, campaignId: string, eventId: string, name: string, index: number) => {
  const head = keys.message(agencyId, campaignId, eventId, name);
  return { pk: head.pk, sk: `${head.sk}#PART#${String(index).padStart(4, '0')}` };
};
const partPrefix = (agencyId: string, campaignId: string, eventId: string, name: string) => `${keys.message(agencyId, campaignId, eventId, name).sk}#PART#`;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** How a message is laid out in items: inline, or gzip of its JSON in parts. Pure, so it is tested alone. */
export function layoutMessage(message: RenderedMessage): { inline: true } | { inline: false; parts: Buffer[]; bytes: number } {
  if (utf8(message.subject) + utf8(message.html) + utf8(message.text) <= INLINE_LIMIT_BYTES) return { inline: true };
  const packed = gzipSync(Buffer.from(JSON.stringify({ html: message.html, text: message.text }), 'utf8'));
  const parts: Buffer[] = [];
  for (let at = 0; at < packed.length; at += PART_BYTES) parts.push(packed.subarray(at, at + PART_BYTES));
  return { inline: false, parts, bytes: packed.length };
}

async function putIfAbsent(Item: Record<string, unknown>): Promise<void> {
  try {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * The mail of one event, rendered once and shared by all its deliveries. Parts first, the head
 * last: the head's presence says the message is whole. Rendering is deterministic, so a retried
 * consumer writes the same parts.
 */
export async function putMessageIfAbsent(agencyId: string, campaignId: string, eventId: string, name: string, message: RenderedMessage): Promise<void> {
  const head = { ...keys.message(agencyId, campaignId, eventId, name), entity: 'Message', agencyId, campaignId, eventId, name };
  const layout = layoutMessage(message);
  if (layout.inline) return putIfAbsent({ ...head, ...message });
  const attachments = message.attachments?.length ? { attachments: message.attachments } : {};
  for (const [index, body] of layout.parts.entries()) {
    await putIfAbsent({ ...partKey(agencyId, campaignId, eventId, name, index), entity: 'MessagePart', agencyId, campaignId, eventId, name, index, body });
  }
  await putIfAbsent({ ...head, subject: message.subject, ...attachments, encoding: 'gzip-json', parts: layout.parts.length, bytes: layout.bytes });
}

export async function getMessage(agencyId: string, campaignId: string, eventId: string, name: string): Promise<StoredMessage | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.message(agencyId, campaignId, eventId, name), ConsistentRead: true }));
  if (!Item) return undefined;
  const superseded = Item.supersededBy ? { supersededBy: String(Item.supersededBy) } : {};
  const attachments = Array.isArray(Item.attachments) && Item.attachments.length ? { attachments: Item.attachments as AttachmentRef[] } : {};
  if (Item.encoding !== 'gzip-json') return { subject: String(Item.subject), html: String(Item.html), text: String(Item.text), ...attachments, ...superseded };
  const parts = (await queryByPrefix(String(Item.pk), partPrefix(agencyId, campaignId, eventId, name), { consistent: true })).map((p) => p.body as Uint8Array);
  if (parts.length !== Number(Item.parts)) throw new Error(`message ${name} of event ${eventId}: ${parts.length} of ${Item.parts} parts found`);
  const { html, text } = JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as { html: string; text: string };
  return { subject: String(Item.subject), html, text, ...attachments, ...superseded };
}

/** A later event made this message's content stale (a reminder to a unit that has since reported): do not send what is still queued. */
export async function supersedeMessage(agencyId: string, campaignId: string, eventId: string, name: string, byEventId: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.message(agencyId, campaignId, eventId, name),
        UpdateExpression: 'SET supersededBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(supersededBy)',
        ExpressionAttributeValues: { ':by': byEventId },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
