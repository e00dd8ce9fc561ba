import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { StoredFile } from '../schemas/files';
import { documentClient, tableName } from './client';
import { getItemByKey, queryCampaignItems } from './campaigns';
import { keys, prefixes, withoutKeys } from './keys';

/** A unit's evidence or dossier file (shared/usecases/files.ts), with the object key it was uploaded to. */
export type FileRecord = StoredFile & { key: string; versionId?: string; agencyId: string };

export async function putFile(f: FileRecord): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName(), Item: { ...f, ...keys.file(f.agencyId, f.campaignId, f.fileId), entity: 'File' } }));
}

const recordOf = (i: Record<string, unknown>): FileRecord => {
  const r = withoutKeys(i) as Record<string, unknown>;
  return { ...StoredFile.parse(r), key: String(r.key), agencyId: String(r.agencyId), ...(typeof r.versionId === 'string' ? { versionId: r.versionId } : {}) };
};

export async function getFile(agencyId: string, campaignId: string, fileId: string): Promise<FileRecord | undefined> {
  const item = await getItemByKey(keys.file(agencyId, campaignId, fileId));
  return item ? recordOf(item) : undefined;
}

export const listFiles = async (agencyId: string, campaignId: string) => (await queryCampaignItems(agencyId, campaignId, prefixes.file)).map(recordOf);
