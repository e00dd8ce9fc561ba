import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RecipientGroup, Unit } from '../schemas/directory';
import { documentClient, tableName } from './client';
import { keys, prefixes, withoutKeys } from './keys';

export async function putRecipientGroup(group: RecipientGroup): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.group(group.code), entity: 'RecipientGroup', ...group } }));
}

export async function putUnit(unit: Unit): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.unit(unit.unitId), entity: 'Unit', ...unit } }));
}

async function queryDirectory(prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'DIRECTORY', ':prefix': prefix },
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export const listRecipientGroups = async () => (await queryDirectory(prefixes.group)).map((i) => RecipientGroup.parse(withoutKeys(i)));
export const listUnits = async () => (await queryDirectory(prefixes.unit)).map((i) => Unit.parse(withoutKeys(i)));

export async function loadDirectory() {
  const [groups, units] = await Promise.all([listRecipientGroups(), listUnits()]);
  return { groups, units };
}
