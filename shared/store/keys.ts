/**
 * Key design of the single table (docs/architecture.md "One table"). Every item of a campaign lives under its
 * partition, so a campaign's events and deliveries are Queries, never Scans.
 *
 * Every agency's partitions start with `AGENCY#<agencyId>#` (below, `A#`): a key built from the caller's agency cannot
 * name another agency's item, so isolation holds in the key, not in a filter after the read (docs/agencies.md).
 *
 * | item            | pk                  | sk                               | gsi1pk       | gsi1sk           |
 * | agency          | PLATFORM            | AGENCY#<agencyId>                |              |                  |
 * | campaign        | A#CAMPAIGN#<id>     | CAMPAIGN                         | A#CAMPAIGNS  | <createdAt>#<id> |
 * | domain event    | A#CAMPAIGN#<id>     | EVENT#<occurredAt>#<eventId>     |            |                   |
 * | rendered mail   | A#CAMPAIGN#<id>     | MESSAGE#<eventId>#<name>         |            |                   |
 * | delivery/outbox | A#CAMPAIGN#<id>     | DELIVERY#<eventId>#<name>#<addr> |            |                   |
 * | registration    | A#CAMPAIGN#<id>     | REGISTRATION#<unitId>#<who>      |            |                   |
 * | report          | A#CAMPAIGN#<id>     | REPORT#<period>#<unitId>         |            |                   |
 * | verification    | A#CAMPAIGN#<id>     | VERIFICATION#<period>#<unitId>   |            |                   |
 * | reminder marker | A#CAMPAIGN#<id>     | REMINDER#<period or deadline>    |            |                   |
 * | on-demand mark  | A#CAMPAIGN#<id>     | REMINDED#<what>#<vnDay>#<unitId> |            |                   |
 * | nomination      | A#CAMPAIGN#<id>     | NOMINATION#<nominationId>        |            |                   |
 * | proposal        | A#CAMPAIGN#<id>     | PROPOSAL                         |            |                   |
 * | decision        | A#CAMPAIGN#<id>     | DECISION#<nominationId>          |            |                   |
 * | council vote    | A#CAMPAIGN#<id>     | COUNCIL_VOTE                     |            |                   |
 * | results         | A#CAMPAIGN#<id>     | RESULTS                          |            |                   |
 * | submission mark | A#CAMPAIGN#<id>     | SUBMISSION#<parentAgency>#<pc>   |            |                   |
 * | recipient group | A#DIRECTORY         | GROUP#<code>                     |              |                  |
 * | unit            | A#DIRECTORY         | UNIT#<unitId>                    |              |                  |
 * | user            | A#DIRECTORY         | USER#<username>                  |              |                  |
 * | suppressed addr | A#SUPPRESSION       | <address>                        |              |                  |
 * | register count  | A#REGISTER#<year>   | COUNTER#<type>                   |              |                  |
 * | register entry  | A#REGISTER#<year>   | NO#<type>#<number, 6 digits>     |              |                  |
 * | person (staff)  | A#STAFF             | PERSON#<personId>                |              |                  |
 * | award record    | A#RECORDS           | PERSON#<personId>#<year>#<title>#<campaignId> |  |                  |
 * |                 | A#RECORDS           | UNIT#<unitId>#<year>#<title>#<campaignId>     |  |                  |
 * | record coverage | A#RECORDS           | COVERAGE#<year>#<title>#<campaignId>          |  |                  |
 * | import          | A#IMPORTS           | IMPORT#<importId>                |              |                  |
 */
/** Every partition of an agency's data starts with this: isolation is in the key, never a filter after the read. */
export const agencyPk = (agencyId: string) => `AGENCY#${agencyId}`;
export const campaignPk = (agencyId: string, campaignId: string) => `${agencyPk(agencyId)}#CAMPAIGN#${campaignId}`;
/** The agency's directory partition: recipient groups, units, enrolled users. */
export const directoryPk = (agencyId: string) => `${agencyPk(agencyId)}#DIRECTORY`;
export const suppressionPk = (agencyId: string) => `${agencyPk(agencyId)}#SUPPRESSION`;
/** One year of an agency's register of outgoing documents: a counter per type and an entry per number. */
export const registerPk = (agencyId: string, year: number) => `${agencyPk(agencyId)}#REGISTER#${year}`;
/** The agency's staff list (issue 13): its own partition, so the directory every mailer loads stays small. */
export const staffPk = (agencyId: string) => `${agencyPk(agencyId)}#STAFF`;
/** The agency's achievement records across years, and which years and titles they cover (issue 13). */
export const recordsPk = (agencyId: string) => `${agencyPk(agencyId)}#RECORDS`;
/** The spreadsheets the Office uploaded for import, with their outcome. */
export const importsPk = (agencyId: string) => `${agencyPk(agencyId)}#IMPORTS`;
/** The agency's campaign list on gsi1, newest first. */
export const campaignsIndexPk = (agencyId: string) => `${agencyPk(agencyId)}#CAMPAIGNS`;
/** The agency a partition belongs to, read back from a key (stream records, the attention index). */
export function agencyOfPk(pk: string): string | undefined {
  const m = /^AGENCY#([^#]+)#/.exec(pk);
  return m?.[1];
}
/** The platform's own partition: the list of agencies (only the `platform` role reads it). */
export const PLATFORM_PK = 'PLATFORM';

export const keys = {
  campaign: (agencyId: string, campaignId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: 'CAMPAIGN' }),
  /** Events sort by time (ISO 8601 UTC sorts as text); the id keeps two events of one millisecond apart. */
  event: (agencyId: string, campaignId: string, occurredAt: string, eventId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `EVENT#${occurredAt}#${eventId}` }),
  /** One event may send more than one mail (an acknowledgement to the unit, a notice to the Office). */
  message: (agencyId: string, campaignId: string, eventId: string, name: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `MESSAGE#${eventId}#${name}` }),
  delivery: (agencyId: string, campaignId: string, eventId: string, name: string, address: string) => ({
    pk: campaignPk(agencyId, campaignId),
    sk: `DELIVERY#${eventId}#${name}#${address}`,
  }),
  registration: (agencyId: string, campaignId: string, unitId: string, registrantKey: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `REGISTRATION#${unitId}#${registrantKey}` }),
  report: (agencyId: string, campaignId: string, period: string, unitId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `REPORT#${period}#${unitId}` }),
  verification: (agencyId: string, campaignId: string, period: string, unitId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `VERIFICATION#${period}#${unitId}` }),
  reminder: (agencyId: string, campaignId: string, period: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `REMINDER#${period}` }),
  /** A unit reminded on demand, `<what>#<Vietnam day>#<unitId>` (onDemandReminderKey, domain/deadlines.ts): one such reminder per unit and day. */
  remindedOn: (agencyId: string, campaignId: string, dayKey: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `REMINDED#${dayKey}` }),
  nomination: (agencyId: string, campaignId: string, nominationId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `NOMINATION#${nominationId}` }),
  proposal: (agencyId: string, campaignId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: 'PROPOSAL' }),
  decision: (agencyId: string, campaignId: string, nominationId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `DECISION#${nominationId}` }),
  councilVote: (agencyId: string, campaignId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: 'COUNCIL_VOTE' }),
  results: (agencyId: string, campaignId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: 'RESULTS' }),
  /** A document the campaign issued (the launch letter, the results notice): its PDF in the documents bucket. */
  document: (agencyId: string, campaignId: string, documentId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `DOCUMENT#${documentId}` }),
  /** A unit's evidence or dossier file (minh chứng, hồ sơ). */
  file: (agencyId: string, campaignId: string, fileId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `FILE#${fileId}` }),
  /** The signed original the Office uploaded for a document, before it is issued. */
  signedDocument: (agencyId: string, campaignId: string, documentId: string) => ({ pk: campaignPk(agencyId, campaignId), sk: `SIGNED#${documentId}` }),
  /** The mark that a campaign's proposals went up to one parent campaign: written last, once. */
  submission: (agencyId: string, campaignId: string, parentAgencyId: string, parentCampaignId: string) => ({
    pk: campaignPk(agencyId, campaignId),
    sk: `SUBMISSION#${parentAgencyId}#${parentCampaignId}`,
  }),
  group: (agencyId: string, code: string) => ({ pk: directoryPk(agencyId), sk: `GROUP#${code}` }),
  unit: (agencyId: string, unitId: string) => ({ pk: directoryPk(agencyId), sk: `UNIT#${unitId}` }),
  /** A person enrolled through `POST /users`, by their login name (Cognito's username). */
  user: (agencyId: string, username: string) => ({ pk: directoryPk(agencyId), sk: `USER#${username}` }),
  suppression: (agencyId: string, address: string) => ({ pk: suppressionPk(agencyId), sk: address }),
  registerCounter: (agencyId: string, year: number, type: string) => ({ pk: registerPk(agencyId, year), sk: `COUNTER#${type}` }),
  registerEntry: (agencyId: string, year: number, type: string, n: number) => ({ pk: registerPk(agencyId, year), sk: `NO#${type}#${String(n).padStart(6, '0')}` }),
  agency: (agencyId: string) => ({ pk: PLATFORM_PK, sk: `AGENCY#${agencyId}` }),
  person: (agencyId: string, personId: string) => ({ pk: staffPk(agencyId), sk: `PERSON#${personId}` }),
  /** One award of one subject: a year, a title, the campaign that decided it (a retry writes the same item). */
  personRecord: (agencyId: string, personId: string, year: number, title: string, campaignId: string) => ({ pk: recordsPk(agencyId), sk: `PERSON#${personId}#${year}#${title}#${campaignId}` }),
  unitRecord: (agencyId: string, unitId: string, year: number, title: string, campaignId: string) => ({ pk: recordsPk(agencyId), sk: `UNIT#${unitId}#${year}#${title}#${campaignId}` }),
  coverage: (agencyId: string, year: number, title: string, campaignId: string) => ({ pk: recordsPk(agencyId), sk: `COVERAGE#${year}#${title}#${campaignId}` }),
  import: (agencyId: string, importId: string) => ({ pk: importsPk(agencyId), sk: `IMPORT#${importId}` }),
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
  registerEntry: (type?: string) => (type ? `NO#${type}#` : 'NO#'),
  document: 'DOCUMENT#',
  file: 'FILE#',
  person: 'PERSON#',
  /** A person's records: the id ends at `#`, so "CB1" does not read "CB12"'s. */
  personRecord: (personId: string) => `PERSON#${personId}#`,
  unitRecord: (unitId: string) => `UNIT#${unitId}#`,
  coverage: 'COVERAGE#',
  import: 'IMPORT#',
} as const;

export const CAMPAIGN_INDEX = { name: 'gsi1' } as const;

/** Strip the table's key attributes from an item before it leaves the store. */
export function withoutKeys<T extends Record<string, unknown>>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'entity'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...rest } = item;
  return rest;
}
