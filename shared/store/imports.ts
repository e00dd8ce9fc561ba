import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Campaign } from '../schemas/campaign';
import type { DomainEvent } from '../schemas/events';
import { ImportRecord } from '../schemas/imports';
import { eventItem } from './campaigns';
import { documentClient, tableName } from './client';
import { keys, withoutKeys } from './keys';
import { nominationItem, type StoredNomination } from './nominations';

/** The imports the Office requested (shared/schemas/imports.ts), one item each in the agency's imports partition. */

export async function putImport(agencyId: string, record: ImportRecord): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...keys.import(agencyId, record.importId), entity: 'Import', ...record } }));
}

export async function getImport(agencyId: string, importId: string): Promise<ImportRecord | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.import(agencyId, importId), ConsistentRead: true }));
  return Item ? ImportRecord.parse(withoutKeys(Item)) : undefined;
}

/**
 * Imported nominations with their NominationSubmitted events, 49 of each to a transaction with a check that the
 * campaign is still open: a transaction is all or nothing, so a chunk never leaves a nomination without its event, and
 * a campaign closed meanwhile takes none. Each nomination is put only if absent: its id comes from the file's row, so
 * applying the file again (after a failure half-way) writes only what is missing. Returns false when a chunk's check
 * failed (the campaign closed, or the same rows were written meanwhile).
 */
export async function putImportedNominations(campaign: Campaign, pairs: readonly { nomination: StoredNomination; event: DomainEvent }[]): Promise<boolean> {
  const CHUNK = 49;
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK);
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName(),
                Key: keys.campaign(campaign.agencyId, campaign.id),
                ConditionExpression: '#status = :issued',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':issued': 'issued' },
              },
            },
            ...chunk.flatMap((p) => [
              { Put: { TableName: tableName(), Item: nominationItem(campaign.agencyId, campaign.id, p.nomination), ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName(), Item: eventItem(p.event), ConditionExpression: 'attribute_not_exists(pk)' } },
            ]),
          ],
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
      throw error;
    }
  }
  return true;
}
