/**
 * Key design of the single table (DESIGN.md "One table"). Every item of a campaign lives under its
 * partition, so a campaign's events and deliveries are Queries, never Scans.
 *
 * | item            | pk               | sk                               | gsi1pk     | gsi1sk            |
 * | campaign        | CAMPAIGN#<id>    | CAMPAIGN                         | CAMPAIGNS  | <createdAt>#<id>  |
 * | domain event    | CAMPAIGN#<id>    | EVENT#<version, 6 digits>        |            |                   |
 * | rendered mail   | CAMPAIGN#<id>    | MESSAGE#<eventId>                |            |                   |
 * | delivery/outbox | CAMPAIGN#<id>    | DELIVERY#<eventId>#<address>     |            |                   |
 * | recipient group | DIRECTORY        | GROUP#<code>                     |            |                   |
 * | unit            | DIRECTORY        | UNIT#<unitId>                    |            |                   |
 */
export const campaignPk = (campaignId: string) => `CAMPAIGN#${campaignId}`;

export const keys = {
  campaign: (campaignId: string) => ({ pk: campaignPk(campaignId), sk: 'CAMPAIGN' }),
  event: (campaignId: string, version: number) => ({ pk: campaignPk(campaignId), sk: `EVENT#${String(version).padStart(6, '0')}` }),
  message: (campaignId: string, eventId: string) => ({ pk: campaignPk(campaignId), sk: `MESSAGE#${eventId}` }),
  delivery: (campaignId: string, eventId: string, address: string) => ({
    pk: campaignPk(campaignId),
    sk: `DELIVERY#${eventId}#${address}`,
  }),
  group: (code: string) => ({ pk: 'DIRECTORY', sk: `GROUP#${code}` }),
  unit: (unitId: string) => ({ pk: 'DIRECTORY', sk: `UNIT#${unitId}` }),
};

export const prefixes = { event: 'EVENT#', delivery: 'DELIVERY#', group: 'GROUP#', unit: 'UNIT#' } as const;

export const CAMPAIGN_INDEX = { name: 'gsi1', pk: 'CAMPAIGNS' } as const;

/** Strip the table's key attributes from an item before it leaves the store. */
export function withoutKeys<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'entity'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...rest } = item;
  return rest;
}
