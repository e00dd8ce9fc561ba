/**
 * Key design of the single table (docs/architecture.md "One table"). Every item of a campaign lives under its
 * partition, so a campaign's events and deliveries are Queries, never Scans.
 *
 * | item            | pk               | sk                               | gsi1pk     | gsi1sk            |
 * | campaign        | CAMPAIGN#<id>    | CAMPAIGN                         | CAMPAIGNS  | <createdAt>#<id>  |
 * | domain event    | CAMPAIGN#<id>    | EVENT#<occurredAt>#<eventId>     |            |                   |
 * | rendered mail   | CAMPAIGN#<id>    | MESSAGE#<eventId>#<name>         |            |                   |
 * | delivery/outbox | CAMPAIGN#<id>    | DELIVERY#<eventId>#<name>#<addr> |            |                   |
 * | registration    | CAMPAIGN#<id>    | REGISTRATION#<unitId>#<who>      |            |                   |
 * | report          | CAMPAIGN#<id>    | REPORT#<period>#<unitId>         |            |                   |
 * | verification    | CAMPAIGN#<id>    | VERIFICATION#<period>#<unitId>   |            |                   |
 * | reminder marker | CAMPAIGN#<id>    | REMINDER#<period>                |            |                   |
 * | nomination      | CAMPAIGN#<id>    | NOMINATION#<nominationId>        |            |                   |
 * | proposal        | CAMPAIGN#<id>    | PROPOSAL                         |            |                   |
 * | decision        | CAMPAIGN#<id>    | DECISION#<nominationId>          |            |                   |
 * | council vote    | CAMPAIGN#<id>    | COUNCIL_VOTE                     |            |                   |
 * | results         | CAMPAIGN#<id>    | RESULTS                          |            |                   |
 * | recipient group | DIRECTORY        | GROUP#<code>                     |            |                   |
 * | unit            | DIRECTORY        | UNIT#<unitId>                    |            |                   |
 */
export const campaignPk = (campaignId: string) => `CAMPAIGN#${campaignId}`;

/** Every partition of an agency's data starts with this: isolation is in the key, never a filter after the read. */
export const agencyPk = (agencyId: string) => `AGENCY#${agencyId}`;
/** The agency's directory partition: recipient groups, units, enrolled users. */
export const directoryPk = (agencyId: string) => `${agencyPk(agencyId)}#DIRECTORY`;
/** The platform's own partition: the list of agencies (only the `platform` role reads it). */
export const PLATFORM_PK = 'PLATFORM';

export const keys = {
  campaign: (campaignId: string) => ({ pk: campaignPk(campaignId), sk: 'CAMPAIGN' }),
  /** Events sort by time (ISO 8601 UTC sorts as text); the id keeps two events of one millisecond apart. */
  event: (campaignId: string, occurredAt: string, eventId: string) => ({ pk: campaignPk(campaignId), sk: `EVENT#${occurredAt}#${eventId}` }),
  /** One event may send more than one mail (an acknowledgement to the unit, a notice to the Office). */
  message: (campaignId: string, eventId: string, name: string) => ({ pk: campaignPk(campaignId), sk: `MESSAGE#${eventId}#${name}` }),
  delivery: (campaignId: string, eventId: string, name: string, address: string) => ({
    pk: campaignPk(campaignId),
    sk: `DELIVERY#${eventId}#${name}#${address}`,
  }),
  registration: (campaignId: string, unitId: string, registrantKey: string) => ({ pk: campaignPk(campaignId), sk: `REGISTRATION#${unitId}#${registrantKey}` }),
  report: (campaignId: string, period: string, unitId: string) => ({ pk: campaignPk(campaignId), sk: `REPORT#${period}#${unitId}` }),
  verification: (campaignId: string, period: string, unitId: string) => ({ pk: campaignPk(campaignId), sk: `VERIFICATION#${period}#${unitId}` }),
  reminder: (campaignId: string, period: string) => ({ pk: campaignPk(campaignId), sk: `REMINDER#${period}` }),
  nomination: (campaignId: string, nominationId: string) => ({ pk: campaignPk(campaignId), sk: `NOMINATION#${nominationId}` }),
  proposal: (campaignId: string) => ({ pk: campaignPk(campaignId), sk: 'PROPOSAL' }),
  decision: (campaignId: string, nominationId: string) => ({ pk: campaignPk(campaignId), sk: `DECISION#${nominationId}` }),
  councilVote: (campaignId: string) => ({ pk: campaignPk(campaignId), sk: 'COUNCIL_VOTE' }),
  results: (campaignId: string) => ({ pk: campaignPk(campaignId), sk: 'RESULTS' }),
  group: (code: string) => ({ pk: 'DIRECTORY', sk: `GROUP#${code}` }),
  unit: (unitId: string) => ({ pk: 'DIRECTORY', sk: `UNIT#${unitId}` }),
  /** A person enrolled through `POST /users`, by their login name (Cognito's username). */
  user: (agencyId: string, username: string) => ({ pk: directoryPk(agencyId), sk: `USER#${username}` }),
  agency: (agencyId: string) => ({ pk: PLATFORM_PK, sk: `AGENCY#${agencyId}` }),
};

export const prefixes = {
  event: 'EVENT#',
  delivery: 'DELIVERY#',
  registration: 'REGISTRATION#',
  report: (period: string) => `REPORT#${period}#`,
  verification: (period: string) => `VERIFICATION#${period}#`,
  nomination: 'NOMINATION#',
  decision: 'DECISION#',
  group: 'GROUP#',
  unit: 'UNIT#',
  user: 'USER#',
  agency: 'AGENCY#',
} as const;

export const CAMPAIGN_INDEX = { name: 'gsi1', pk: 'CAMPAIGNS' } as const;

/** Strip the table's key attributes from an item before it leaves the store. */
export function withoutKeys<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'entity'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...rest } = item;
  return rest;
}
