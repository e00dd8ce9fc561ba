import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from './batch-write';
import { Agency } from '../schemas/agency';
import { documentClient, tableName } from './client';
import { CAMPAIGN_INDEX, campaignsIndexPk, directoryPk, importsPk, keys, PLATFORM_PK, prefixes, recordsPk, registerPk, staffPk, suppressionPk, withoutKeys } from './keys';
import { allPages, queryByPrefix } from './query';

/** The platform's list of agencies: a handful per province, so one partition read in full. */
export async function putAgency(agency: Agency): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.agency(agency.id), entity: 'Agency', ...agency } }));
}

/** The agency, or none: a removed one (its tombstone) is none. */
export async function getAgency(agencyId: string): Promise<Agency | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.agency(agencyId), ConsistentRead: true }));
  const agency = Item ? Agency.parse(withoutKeys(Item)) : undefined;
  return agency?.removedAt ? undefined : agency;
}

export const listAgencies = async (): Promise<Agency[]> =>
  (await queryByPrefix(PLATFORM_PK, prefixes.agency, { consistent: true })).map((i) => Agency.parse(withoutKeys(i))).filter((a) => !a.removedAt);

/**
 * The agency record of a removed agency stays as a tombstone (the function may delete only in disposable agencies'
 * partitions, and the platform's is not one): it is none to every read, and a PUT of the same id makes it anew.
 */
export async function markAgencyRemoved(agency: Agency, at: string): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.agency(agency.id), entity: 'Agency', ...agency, removedAt: at } }));
}

const keyOf = (i: Record<string, unknown>) => ({ pk: String(i.pk), sk: String(i.sk) });

/** Every key of a partition. */
const keysOf = async (pk: string) =>
  (
    await allPages((ExclusiveStartKey) =>
      documentClient.send(
        new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'pk, sk', ExclusiveStartKey }),
      ),
    )
  ).map(keyOf);

/** The keys of an agency's campaign items, through its campaign index. */
const campaignKeysOf = async (agencyId: string) =>
  (
    await allPages((ExclusiveStartKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: CAMPAIGN_INDEX.name,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': campaignsIndexPk(agencyId) },
          ExclusiveStartKey,
        }),
      ),
    )
  ).map(keyOf);

const deleteKeys = (list: readonly { pk: string; sk: string }[]) => batchWriteAll(list.map((Key) => ({ DeleteRequest: { Key } })));

/**
 * Deletes every item of an agency's partitions (shared/store/keys.ts): each campaign's (found through the agency's
 * campaign index), the directory's, the suppression list's, its staff list, achievement records and imports, and its register of documents for each of `registerYears`
 * (the years it can have numbered documents in: from its creation to next year). Returns how many items went.
 */
export async function purgeAgencyData(agencyId: string, registerYears: readonly number[] = []): Promise<number> {
  const campaigns = await campaignKeysOf(agencyId);
  let count = 0;
  // Campaign partitions first, each campaign's own item last, so an interrupted purge is found again through the index.
  for (const c of campaigns) {
    const items = (await keysOf(c.pk)).filter((k) => k.sk !== c.sk);
    await deleteKeys(items);
    await deleteKeys([c]);
    count += items.length + 1;
  }
  for (const pk of [directoryPk(agencyId), suppressionPk(agencyId), staffPk(agencyId), recordsPk(agencyId), importsPk(agencyId), ...registerYears.map((y) => registerPk(agencyId, y))]) {
    const items = await keysOf(pk);
    await deleteKeys(items);
    count += items.length;
  }
  return count;
}
