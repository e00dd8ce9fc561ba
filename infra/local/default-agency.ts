import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { defaultAgency } from '../../seed/default-agency';
import { keys } from '../../shared/store/keys';

/**
 * The twin's default agency, written once if absent (a restart keeps whatever the platform operator changed), so the
 * README's tokens, which carry `custom:agencyId: default`, work on a fresh twin.
 */
export async function ensureDefaultAgency(options: { endpoint: string; tableName: string; region: string }): Promise<void> {
  const client = new DynamoDBClient({ endpoint: options.endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const at = new Date().toISOString();
  try {
    await client.send(
      new PutItemCommand({
        TableName: options.tableName,
        Item: marshall({ ...keys.agency(defaultAgency.id), entity: 'Agency', ...defaultAgency, createdAt: at, updatedAt: at, updatedBy: 'twin' }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  } finally {
    client.destroy();
  }
}
