import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { StoredDocument } from '../schemas/document';
import { documentClient, tableName } from './client';
import { campaignPk, keys, prefixes, withoutKeys } from './keys';
import { queryByPrefix } from './query';

export { StoredDocument };

/** Records (or records again, after a retried render of the same event: the same key and bytes) a campaign's document. */
export async function putDocument(agencyId: string, doc: StoredDocument): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...doc, agencyId, ...keys.document(agencyId, doc.campaignId, doc.documentId), entity: 'Document' } }));
}

export async function listDocuments(agencyId: string, campaignId: string): Promise<StoredDocument[]> {
  return (await queryByPrefix(campaignPk(agencyId, campaignId), prefixes.document, { consistent: true })).map((i) => StoredDocument.parse(withoutKeys(i)));
}
