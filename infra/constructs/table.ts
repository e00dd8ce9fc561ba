import type { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { table as definition } from '../table-definition';
import type { FunctionSpec } from '../wiring';
import { acknowledge } from './nag';

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
 * Grants a function the table access its wiring entry asks for, and nothing else: `read` gets the
 * read actions, `readWrite` read and write; neither gets `dynamodb:*` or table management. Stream
 * reads are granted by the event source mapping itself.
 */
export function bindTable(table: TableV2, grantee: IGrantable & Construct, access: FunctionSpec['table']): void {
  if (access === 'read') table.grantReadData(grantee);
  else table.grantReadWriteData(grantee);
  acknowledge(
    grantee,
    `AwsSolutions-IAM5[Resource::<${tableLogicalIdPlaceholder(table)}.Arn>/index/*]`,
    `Query access to the table's GSIs (${definition.indexes.map((i) => i.name).join(', ')}, infra/table-definition.ts): ` +
      'CDK grants index access as <table ARN>/index/*, which matches the indexes of this one table only.',
  );
}

/** The `<LogicalId.Arn>` form cdk-nag uses when it prints a Fn::GetAtt in a finding. */
function tableLogicalIdPlaceholder(table: TableV2): string {
  return table.stack.getLogicalId(table.node.defaultChild as import('aws-cdk-lib').CfnElement);
}
