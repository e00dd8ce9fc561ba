import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { User } from '../schemas/user';
import type { UserStore } from '../usecases/users';
import { documentClient, tableName } from './client';
import { isConditionFailure } from './conditions';
import { directoryPk, keys, prefixes, withoutKeys } from './keys';
import { queryByPrefix } from './query';

/**
 * Enrolled users, one item each under the agency's directory partition (`USER#<username>`): a key built from the
 * caller's agency, so an admin reads and changes only its agency's users (shared/store/keys.ts).
 */
const parse = (item: Record<string, unknown>) => User.parse(withoutKeys(item));

async function get(agencyId: string, username: string): Promise<User | undefined> {
  // Consistent: enrolment reads back what it (or a concurrent retry) has just written.
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.user(agencyId, username), ConsistentRead: true }));
  return out.Item ? parse(out.Item) : undefined;
}

async function reserve(agencyId: string, user: User): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.user(agencyId, user.username), entity: 'User', ...user },
        // A refused attempt is replaced; anything else stays (a concurrent request recorded it).
        ConditionExpression: 'attribute_not_exists(pk) OR #state = :refused',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':refused': 'refused' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Moves a record from one state to another; undefined when it is not in `from`. */
async function transition(agencyId: string, username: string, from: readonly User['state'][], set: Record<string, string>): Promise<User | undefined> {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, string> = {};
  const assignments: string[] = [];
  for (const [i, [k, v]] of Object.entries(set).entries()) {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    assignments.push(`#f${i} = :v${i}`);
  }
  for (const [i, s] of from.entries()) values[`:from${i}`] = s;
  try {
    const out = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(agencyId, username),
        UpdateExpression: `SET ${assignments.join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND #state IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? parse(out.Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export const userStore: UserStore = {
  get,
  reserve,
  markEnrolled: (agencyId, username, sub, now) => transition(agencyId, username, ['pending'], { state: 'enrolled', sub, updatedAt: now }),
  markRefused: async (agencyId, username, now) => {
    await transition(agencyId, username, ['pending'], { state: 'refused', updatedAt: now });
  },
  markDisabled: async (agencyId, username, by, now) => {
    const out = await transition(agencyId, username, ['pending', 'enrolled'], { state: 'disabled', disabledAt: now, disabledBy: by, updatedAt: now });
    // Lost to a concurrent disable (or the record changed under us): what is stored is the answer.
    return out ?? (await get(agencyId, username))!;
  },
  list: async (agencyId) => (await queryByPrefix(directoryPk(agencyId), prefixes.user, { consistent: true })).map(parse),
  unitExists: async (agencyId, unitId) => {
    const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.unit(agencyId, unitId), ProjectionExpression: 'pk', ConsistentRead: true }));
    return out.Item !== undefined;
  },
};
