/**
 * The single table, defined once: the CDK stack builds its TableV2 from this and the local twin
 * creates the same table in DynamoDB Local from it, so the two cannot drift (docs/architecture.md "The local twin").
 */
export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /**
   * gsi1: campaigns listed newest first (one entry per campaign under a fixed partition).
   * attn: a sparse index of the outbox items that need a look at a given time (a claim whose lease
   * lapses, a retryable failure to try again): the scheduled reconciler queries it, never scans.
   */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'attn', partitionKey: 'attnpk', sortKey: 'attnAt' },
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
} as const;

/** CreateTable input for DynamoDB Local (on-demand billing, streams on), derived from `table`. */
export function createTableInput(tableName: string) {
  const attributes = new Set<string>([table.partitionKey, table.sortKey]);
  for (const i of table.indexes) {
    attributes.add(i.partitionKey);
    attributes.add(i.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: table.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: table.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream },
  };
}
