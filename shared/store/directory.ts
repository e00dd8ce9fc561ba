import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RecipientGroup, Unit } from '../schemas/directory-items';
import { documentClient, tableName } from './client';
import { directoryPk, keys, prefixes, withoutKeys } from './keys';
import { queryByPrefix } from './query';

export async function putRecipientGroup(agencyId: string, group: RecipientGroup): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.group(agencyId, group.code), entity: 'RecipientGroup', ...group } }));
}

export async function putUnit(agencyId: string, unit: Unit): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.unit(agencyId, unit.unitId), entity: 'Unit', ...unit } }));
}

/** The directory is small and read before every mailing: read it consistently, right after an upsert. */
const queryDirectory = (agencyId: string, prefix: string) => queryByPrefix(directoryPk(agencyId), prefix, { consistent: true });

export const listRecipientGroups = async (agencyId: string) => (await queryDirectory(agencyId, prefixes.group)).map((i) => RecipientGroup.parse(withoutKeys(i)));
export const listUnits = async (agencyId: string) => (await queryDirectory(agencyId, prefixes.unit)).map((i) => Unit.parse(withoutKeys(i)));

export async function loadDirectory(agencyId: string) {
  const [groups, units] = await Promise.all([listRecipientGroups(agencyId), listUnits(agencyId)]);
  return { groups, units };
}
