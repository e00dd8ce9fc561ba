import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { RegisterEntry } from '../schemas/register';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './conditions';
import { keys, prefixes, registerPk, withoutKeys } from './keys';
import { queryByPrefix } from './query';

/**
 * The register of outgoing documents in the table (shared/domain/document-register.ts): per agency and year, a counter
 * item per type (`COUNTER#<type>`, its `last` number) and an entry per number taken (`NO#<type>#<number>`). A number
 * exists at most once because every entry is a conditional put; the counter only proposes the next one.
 */

export type NewEntry = Omit<RegisterEntry, 'documentNumber'> & { documentNumber: string };

const entryItem = (agencyId: string, e: NewEntry) => ({ ...keys.registerEntry(agencyId, e.year, e.type, e.number), entity: 'RegisterEntry', ...e });

/**
 * The next number of a type: the counter's atomic increment proposes it, the entry's conditional put takes it. Two
 * callers never get the same number (the increment is atomic); a number given by hand in between (the entry exists)
 * is skipped. `format` writes the document number from the number.
 */
export async function takeNextNumber(agencyId: string, slot: { year: number; type: string }, entry: (n: number) => NewEntry): Promise<RegisterEntry> {
  for (;;) {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.registerCounter(agencyId, slot.year, slot.type),
        UpdateExpression: 'ADD #last :one SET entity = :entity',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'RegisterCounter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const e = entry(Number(Attributes?.last));
    try {
      await documentClient.send(new PutCommand({ TableName: tableName(), Item: entryItem(agencyId, e), ConditionExpression: 'attribute_not_exists(pk)' }));
      return RegisterEntry.parse(e);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/**
 * The conditional put of a number given by hand, for a transaction: it succeeds when the number is free, already the
 * same document's (`claimKey`: a campaign's letter issued again after a lost answer), or was taken from the register
 * by the Office (`requested`) and not yet used by a document: the letter that carries it claims it.
 */
export function registerGivenNumber(agencyId: string, e: NewEntry, claimKey: string) {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...entryItem(agencyId, e), claimKey },
      ConditionExpression: 'attribute_not_exists(pk) OR claimKey = :claim OR (attribute_not_exists(claimKey) AND #source = :requested)',
      ExpressionAttributeNames: { '#source': 'source' },
      ExpressionAttributeValues: { ':claim': claimKey, ':requested': 'requested' },
    },
  };
}

/** Moves the counter past a number given by hand, so that the next number taken follows it (best effort: the entries decide). */
export async function advanceCounter(agencyId: string, slot: { year: number; type: string; number: number }): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.registerCounter(agencyId, slot.year, slot.type),
        UpdateExpression: 'SET #last = :n, entity = :entity',
        ConditionExpression: 'attribute_not_exists(#last) OR #last < :n',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':n': slot.number, ':entity': 'RegisterCounter' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The entry a number holds, with the key that claimed it. */
export async function getRegisterEntry(agencyId: string, slot: { year: number; type: string; number: number }): Promise<(RegisterEntry & { claimKey?: string }) | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.registerEntry(agencyId, slot.year, slot.type, slot.number), ConsistentRead: true }));
  if (!Item) return undefined;
  const { claimKey, ...rest } = withoutKeys(Item) as Record<string, unknown>;
  return { ...RegisterEntry.parse(rest), ...(typeof claimKey === 'string' ? { claimKey } : {}) };
}

/** One year of the register, in order of type and number. */
export async function listRegister(agencyId: string, year: number, type?: string): Promise<RegisterEntry[]> {
  return (await queryByPrefix(registerPk(agencyId, year), prefixes.registerEntry(type), { consistent: true })).map((i) => RegisterEntry.parse(withoutKeys(i)));
}
