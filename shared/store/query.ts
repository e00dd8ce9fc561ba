import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';

type Page = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> };

/** Every item a query answers, page by page: `page` sends the query from the key it is given. */
export async function allPages(page: (ExclusiveStartKey: Record<string, unknown> | undefined) => Promise<Page>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const p = await page(start);
    items.push(...(p.Items ?? []));
    start = p.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every item of one partition whose sort key starts with `prefix`, in key order, page by page. */
export const queryByPrefix = (pk: string, prefix: string, options: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> =>
  allPages((ExclusiveStartKey) =>
    documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ExclusiveStartKey,
        ...(options.consistent ? { ConsistentRead: true } : {}),
      }),
    ),
  );
