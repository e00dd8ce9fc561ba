import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { table as definition } from '../table-definition';
import type { TableAccess } from '../wiring';

/**
 * The single table, built from `infra/table-definition.ts` (the same definition the local twin
 * creates in DynamoDB Local): string keys, the GSIs with every attribute projected, TTL, a
 * NEW_AND_OLD_IMAGES stream, point-in-time recovery, on-demand billing.
 */
export function createTable(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy; deletionProtection: boolean }): TableV2 {
  return new TableV2(scope, id, {
    partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
    sortKey: { name: definition.sortKey, type: AttributeType.STRING },
    globalSecondaryIndexes: definition.indexes.map((i) => ({
      indexName: i.name,
      partitionKey: { name: i.partitionKey, type: AttributeType.STRING },
      sortKey: { name: i.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    })),
    timeToLiveAttribute: definition.timeToLiveAttribute,
    dynamoStream: StreamViewType[definition.stream],
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: props.deletionProtection,
    removalPolicy: props.removalPolicy,
  });
}

/**
 * Grants a function exactly the table access its wiring entry lists (infra/wiring.ts
 * `TableAccess`): its actions on the table's ARN, and `dynamodb:Query` on each GSI it names, by
 * name (no `/index/*`). Not CDK's `grantReadWriteData`, which would add DeleteItem, Scan,
 * BatchWriteItem and ConditionCheckItem to every writer whatever its code does. Stream reads are
 * granted where the stream is read.
 */
export function bindTable(table: TableV2, grantee: IGrantable, access: TableAccess): void {
  if (access.actions.length) {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'TableItems', actions: access.actions.map((a) => `dynamodb:${a}`), resources: [table.tableArn] }));
  }
  if (access.indexes.length) {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ sid: 'QueryIndexes', actions: ['dynamodb:Query'], resources: access.indexes.map((name) => `${table.tableArn}/index/${name}`) }));
  }
  if (access.purges?.length) {
    // Every key of a batch must lie in one of these partitions, or DynamoDB refuses the whole call.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PurgeDisposablePartitions',
        actions: ['dynamodb:BatchWriteItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...access.purges] } },
      }),
    );
  }
}
