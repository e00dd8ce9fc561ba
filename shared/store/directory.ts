import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RecipientGroup, Unit } from '../schemas/directory-items';
import { documentClient, tableName } from './client';
import { keys, prefixes, withoutKeys } from './keys';
import { queryByPrefix } from './query';

export async function putRecipientGroup(group: RecipientGroup): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.group(group.code), entity: 'RecipientGroup', ...group } }));
}

export async function putUnit(unit: Unit): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.unit(unit.unitId), entity: 'Unit', ...unit } }));
}

/** The directory is small and read before every mailing: read it consistently, right after an upsert. */
const queryDirectory = (prefix: string) => queryByPrefix('DIRECTORY', prefix, { consistent: true });

export const listRecipientGroups = async () => (await queryDirectory(prefixes.group)).map((i) => RecipientGroup.parse(withoutKeys(i)));
export const listUnits = async () => (await queryDirectory(prefixes.unit)).map((i) => Unit.parse(withoutKeys(i)));

export async function loadDirectory() {
  const [groups, units] = await Promise.all([listRecipientGroups(), listUnits()]);
  return { groups, units };
}
