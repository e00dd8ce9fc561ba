import { BatchWriteCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Puts or deletes, 25 to a request, each request's unprocessed items sent again with backoff until none is left. */
export async function batchWriteAll(requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let RequestItems: BatchWriteCommandInput['RequestItems'] | undefined = { [tableName()]: requests.slice(i, i + 25) };
    for (let attempt = 0; RequestItems; attempt++) {
      const out: BatchWriteCommandOutput = await documentClient.send(new BatchWriteCommand({ RequestItems }));
      RequestItems = out.UnprocessedItems && Object.keys(out.UnprocessedItems).length ? out.UnprocessedItems : undefined;
      if (RequestItems) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));
    }
  }
}
