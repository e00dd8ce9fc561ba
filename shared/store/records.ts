import { AwardRecord, RecordCoverage } from '../schemas/record';
import { batchWriteAll } from './batch-write';
import { keys, prefixes, recordsPk, withoutKeys } from './keys';
import { queryByPrefix } from './query';

/**
 * The agency's achievement records in the table (shared/schemas/record.ts): one item per award, keyed by its subject,
 * year, title and campaign, so the consumer that writes them after finalize writes the same items on a retry; and one
 * coverage item per (year, title, campaign) the agency decided on.
 */

const recordKey = (r: AwardRecord) =>
  r.subject.kind === 'individual' ? keys.personRecord(r.agencyId, r.subject.personId, r.year, r.title, r.campaignId) : keys.unitRecord(r.agencyId, r.subject.unitId, r.year, r.title, r.campaignId);

export async function putRecords(agencyId: string, records: readonly AwardRecord[], coverage: readonly RecordCoverage[]): Promise<void> {
  await batchWriteAll([
    ...records.map((r) => ({ PutRequest: { Item: { ...recordKey(r), entity: 'AwardRecord', ...r } } })),
    ...coverage.map((c) => ({ PutRequest: { Item: { ...keys.coverage(agencyId, c.year, c.title, c.campaignId), entity: 'RecordCoverage', ...c } } })),
  ]);
}

const asRecords = (items: Record<string, unknown>[]) => items.map((i) => AwardRecord.parse(withoutKeys(i)));

/** A person's awards, oldest year first. */
export const listPersonRecords = async (agencyId: string, personId: string) => asRecords(await queryByPrefix(recordsPk(agencyId), prefixes.personRecord(personId)));

/** A collective's awards, oldest year first. */
export const listUnitRecords = async (agencyId: string, unitId: string) => asRecords(await queryByPrefix(recordsPk(agencyId), prefixes.unitRecord(unitId)));

/** Every award of the agency (the statistical forms count them), people's first, then collectives'. */
export const listAllRecords = async (agencyId: string) => [...asRecords(await queryByPrefix(recordsPk(agencyId), prefixes.person)), ...asRecords(await queryByPrefix(recordsPk(agencyId), 'UNIT#'))];

export const listCoverage = async (agencyId: string) => (await queryByPrefix(recordsPk(agencyId), prefixes.coverage)).map((i) => RecordCoverage.parse(withoutKeys(i)));
