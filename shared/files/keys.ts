import { ID_PATTERN } from '../schemas/ids';

/**
 * Object keys, always under the agency and the campaign: `agency/<agencyId>/campaign/<campaignId>/…`.
 * The agency first so that IAM can confine a role to one agency's files later (a resource
 * `<bucket ARN>/agency/<id>/*`), as `dynamodb:LeadingKeys` does for the table; today's grants cover
 * `agency/*` (infra/wiring.ts `BucketAccess`).
 *
 * Every segment is an id (ID_PATTERN: letters, digits, `_`, `-`): no `/`, no `..`, nothing a caller
 * could use to write beside another agency's files. File names people gave are never part of a key;
 * they travel in the download's Content-Disposition (presign.ts).
 */
export const KEY_ROOT = 'agency/';

function segment(what: string, value: string): string {
  if (!ID_PATTERN.test(value)) throw new Error(`${what} "${value}" cannot be part of an object key (1–64 letters, digits, _ or -)`);
  return value;
}

/** The folder of one campaign's files. */
export const campaignPrefix = (agencyId: string, campaignId: string): string => `${KEY_ROOT}${segment('agencyId', agencyId)}/campaign/${segment('campaignId', campaignId)}/`;

/**
 * A key under the campaign's folder: `objectKey('so-ngoai-vu', 'c1', 'documents', 'd7', 'signed')` →
 * `agency/so-ngoai-vu/campaign/c1/documents/d7/signed`. The parts are ids too.
 */
export const objectKey = (agencyId: string, campaignId: string, ...parts: readonly string[]): string => {
  if (parts.length === 0) throw new Error('an object key needs at least one part under the campaign');
  return campaignPrefix(agencyId, campaignId) + parts.map((p, i) => segment(`part ${i + 1}`, p)).join('/');
};

/** A spreadsheet uploaded for import (issue 13): the agency's, not a campaign's: `agency/<agencyId>/imports/<importId>`. */
export const importObjectKey = (agencyId: string, importId: string): string => `${KEY_ROOT}${segment('agencyId', agencyId)}/imports/${segment('importId', importId)}`;

/** The agency a key belongs to, or undefined for a key outside `agency/<id>/campaign/<id>/…`. */
export function agencyOfKey(key: string): string | undefined {
  const m = /^agency\/([A-Za-z0-9_-]{1,64})\/campaign\/[A-Za-z0-9_-]{1,64}\/./.exec(key);
  return m?.[1];
}
