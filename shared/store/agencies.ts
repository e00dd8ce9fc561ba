import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Agency } from '../schemas/agency';
import { documentClient, tableName } from './client';
import { keys, PLATFORM_PK, prefixes, withoutKeys } from './keys';
import { queryByPrefix } from './query';

/** The platform's list of agencies: a handful per province, so one partition read in full. */
export async function putAgency(agency: Agency): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.agency(agency.id), entity: 'Agency', ...agency } }));
}

export async function getAgency(agencyId: string): Promise<Agency | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.agency(agencyId), ConsistentRead: true }));
  return Item ? Agency.parse(withoutKeys(Item)) : undefined;
}

export const listAgencies = async (): Promise<Agency[]> => (await queryByPrefix(PLATFORM_PK, prefixes.agency, { consistent: true })).map((i) => Agency.parse(withoutKeys(i)));
