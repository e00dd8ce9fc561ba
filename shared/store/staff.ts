import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Person } from '../schemas/person';
import { batchWriteAll } from './batch-write';
import { documentClient, tableName } from './client';
import { keys, prefixes, staffPk, withoutKeys } from './keys';
import { queryByPrefix } from './query';

/** The agency's staff list (shared/schemas/person.ts): one item per person in the agency's own staff partition. */

const item = (agencyId: string, p: Person) => ({ ...keys.person(agencyId, p.personId), entity: 'Person', ...p });

export async function putPerson(agencyId: string, person: Person): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: item(agencyId, person) }));
}

/** Many people at once (an import), 25 to a request; each put replaces the person whole, so a retry changes nothing. */
export const putPeople = (agencyId: string, people: readonly Person[]) => batchWriteAll(people.map((p) => ({ PutRequest: { Item: item(agencyId, p) } })));

export async function getPerson(agencyId: string, personId: string): Promise<Person | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.person(agencyId, personId) }));
  return Item ? Person.parse(withoutKeys(Item)) : undefined;
}

export const listStaff = async (agencyId: string) => (await queryByPrefix(staffPk(agencyId), prefixes.person)).map((i) => Person.parse(withoutKeys(i)));
