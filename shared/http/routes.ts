import * as z from 'zod/mini';
import { AgencyAdminInput, AgencyInput } from '../schemas/agency';
import { SubmissionInput } from '../schemas/submission';
import { CampaignInput, ListQuery } from '../schemas/campaign';
import { DeadlineExtensionInput, ReminderRequestInput } from '../schemas/deadlines';
import { RecipientGroupInput, UnitInput } from '../schemas/directory';
import { CouncilVoteRequest, Nomination } from '../schemas/nomination';
import { DocumentNumberRequest, RegisterQuery } from '../schemas/register';
import { UploadFileRequest } from '../files/schemas';
import { FileRequest } from '../schemas/files';
import { RegistrationInput } from '../schemas/registration';
import { ReportPeriod, ScoringTable, UnitReport, Verification } from '../schemas/scoring';
import { UserInput } from '../schemas/user';
import { PersonInput } from '../schemas/person';
import { describe, id } from '../schemas/fields';
import { ImportRequest, XLSX_MEDIA_TYPE } from '../schemas/imports';
import type { Role } from '../usecases/principal';
import type { RouteRole } from './auth';

export type { Role };

const PeriodQuery = z.strictObject({ period: z._default(ReportPeriod, 'final') });
const flag = z.pipe(
  z._default(z.enum(['true', 'false']), 'false'),
  z.transform((v) => v === 'true'),
);
export const ANY_ROLE: readonly Role[] = ['admin', 'unit', 'council', 'viewer'];
/** The platform operator's routes: agencies, nothing inside them. */
export const PLATFORM = ['platform'] as const;

export { EXPORT_FILES, TEMPLATE_FILES, XLSX_MEDIA_TYPE } from '../schemas/imports';
export interface TextAnswer {
  mediaType: 'text/csv' | 'text/html' | typeof XLSX_MEDIA_TYPE;
  description: string;
}

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path template, e.g. `/campaigns/{id}`. */
  path: string;
  /** `none`: no token needed (health, the API document). `jwt`: the JWT authorizer runs first. */
  auth: 'none' | 'jwt';
  roles?: readonly RouteRole[];
  summary: string;
  /** Any zod schema, classic or mini (the input schemas are mini: shared/schemas/fields.ts). */
  body?: z.core.$ZodType;
  /** The query string, parsed (and documented) like a body: a bad parameter is a 400 naming it. */
  query?: z.core.$ZodObject;
  successStatus?: number;
  /**
   * The `code`s of the 409s the route's use case can refuse with, documented as the 409's `code` enum.
   * test/unit/openapi-conflicts.test.ts derives them from the code (every `DomainError('conflict', …)` the
   * handler can reach) and fails when this list and the code differ.
   */
  conflicts?: readonly string[];
  /** An answer that is not JSON (the results' CSV, the reference page, a workbook), beside or instead of `response`. */
  text?: TextAnswer | readonly TextAnswer[];
}

/**
 * Every route of the HTTP API. The CDK stack adds exactly these routes, the local gateway matches
 * exactly these, and the OpenAPI document is generated from them (docs/architecture.md "One list of the wiring").
 */
export const routes = [
  { method: 'GET', path: '/health', auth: 'none', summary: 'Readiness' },
  { method: 'GET', path: '/openapi.json', auth: 'none', summary: 'This API, as OpenAPI 3.1' },
  {
    method: 'GET',
    path: '/docs',
    auth: 'none',
    summary: 'This API, as a page for people',
    text: { mediaType: 'text/html', description: 'One self-contained HTML page: inline CSS, no script, nothing loaded from elsewhere' },
  },
  {
    method: 'PUT',
    path: '/agencies/{agencyId}',
    auth: 'jwt',
    roles: PLATFORM,
    summary: 'Create or replace an agency (the platform operator only; reads no campaign of it)',
    body: AgencyInput,
  },
  { method: 'GET', path: '/agencies', auth: 'jwt', roles: PLATFORM, summary: 'The agencies of this deployment (the platform operator only)' },
  {
    method: 'DELETE',
    path: '/agencies/{agencyId}',
    auth: 'jwt',
    roles: PLATFORM,
    summary: 'Remove a disposable agency (a trial, a smoke test) with all its data (the platform operator only); a real agency is refused',
    conflicts: ['agency.not_disposable', 'agency.has_children'],
  },
  {
    method: 'POST',
    path: '/agencies/{agencyId}/admins',
    auth: 'jwt',
    roles: PLATFORM,
    summary: 'Enrol an agency’s Office administrator (the platform operator only): the account in that agency, the admin group, the emailed invitation',
    body: AgencyAdminInput,
    successStatus: 201,
    conflicts: ['user.exists', 'user.pending_differs', 'user.taken'],
  },
  { method: 'PUT', path: '/recipient-groups/{code}', auth: 'jwt', roles: ['admin'], summary: 'Create or replace a Nơi nhận group', body: RecipientGroupInput },
  {
    method: 'GET',
    path: '/recipient-groups',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The recipient directory (addresses: the Office only)',
  },
  { method: 'PUT', path: '/units/{unitId}', auth: 'jwt', roles: ['admin'], summary: 'Create or replace a unit', body: UnitInput },
  {
    method: 'GET',
    path: '/units',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The units (addresses: the Office, and a unit’s reporter for its own units)',
  },
  {
    method: 'PUT',
    path: '/people/{personId}',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Create or replace a person of the agency’s staff list (the Office only; a whole list is imported from a spreadsheet: POST /imports)',
    body: PersonInput,
  },
  {
    method: 'GET',
    path: '/people',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary: 'The agency’s staff list: the Office all of it, a unit’s reporter the people of its own units',
  },
  {
    method: 'GET',
    path: '/people/{personId}/record',
    auth: 'jwt',
    roles: ['admin', 'council', 'unit'],
    query: z.strictObject({
      unitId: describe(z.optional(id), 'For a person not on the staff list: the unit whose own staff number `personId` is (the record is kept under both)'),
    }),
    summary: 'A person’s achievement record across years: every award the agency’s campaigns decided or proposed, with its decision (the Office, the Council, and the reporter of the person’s unit)',
  },
  {
    method: 'GET',
    path: '/units/{unitId}/record',
    auth: 'jwt',
    roles: ['admin', 'council', 'unit'],
    summary: 'A collective’s achievement record across years (the Office, the Council, and the unit’s own reporter)',
  },
  {
    method: 'POST',
    path: '/users',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Enrol a person in the caller’s agency (the agency’s admin only): the account, its group and unit, and the emailed invitation; never another agency, never platform',
    body: UserInput,
    successStatus: 201,
    conflicts: ['user.exists', 'user.pending_differs', 'user.taken'],
  },
  { method: 'GET', path: '/users', auth: 'jwt', roles: ['admin'], summary: 'The people enrolled in the caller’s agency (the agency’s admin only; no other agency’s)' },
  {
    method: 'POST',
    path: '/users/{username}/disable',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Disable a person of the caller’s agency (the agency’s admin only): they can no longer sign in; another agency’s user is 404',
    conflicts: ['user.self'],
  },
  { method: 'POST', path: '/campaigns', auth: 'jwt', roles: ['admin'], summary: 'Create a campaign (draft) from its launch letter', body: CampaignInput, successStatus: 201 },
  { method: 'GET', path: '/campaigns', auth: 'jwt', roles: ANY_ROLE, summary: 'Campaigns, newest first', query: ListQuery },
  {
    method: 'POST',
    path: '/document-numbers',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'Take the next number of a document type in this year’s register of outgoing documents (sổ đăng ký văn bản đi) of the caller’s agency: concurrent requests get distinct, consecutive numbers; a number given by hand is skipped',
    body: DocumentNumberRequest,
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/document-numbers',
    auth: 'jwt',
    roles: ['admin', 'viewer'],
    summary: 'One year of the caller’s agency’s register of outgoing documents, by type and number (the Office and viewers; no other agency’s)',
    query: RegisterQuery,
  },
  { method: 'GET', path: '/campaigns/{id}', auth: 'jwt', roles: ANY_ROLE, summary: 'One campaign' },
  {
    method: 'POST',
    path: '/campaigns/{id}/issue',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Issue (phát động): draft → issued, and email the Nơi nhận list; refused once the nomination deadline has passed',
    conflicts: ['campaign.not_draft', 'campaign.deadline_passed', 'document.number_taken', 'document.signed_required', 'document.signed_invalid', 'campaign.concurrent_change'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/deadlines',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'Extend a deadline (gia hạn) of an issued campaign, with its reason: later than now and than the current one, not after the deadlines that follow; emails the notice to the participating units and the Office',
    body: DeadlineExtensionInput,
    conflicts: ['campaign.not_issued', 'deadline.not_set', 'deadline.not_later', 'deadline.out_of_order', 'campaign.concurrent_change'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/reminders',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'Remind now the participating units that have not yet registered, reported for a period or nominated: at most once per unit and Vietnam calendar day; says who was reminded and who was skipped',
    body: ReminderRequestInput,
    conflicts: ['campaign.not_issued', 'campaign.closed', 'deadline.not_set', 'reminder.deadline_passed', 'campaign.concurrent_change'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/documents',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary:
      'The campaign’s documents as PDFs (the launch letter, the results notice): number, type, SHA-256 and a download URL valid a few minutes; the Council’s papers to the Office and the Council only',
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/documents/{docId}/signed',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'An upload URL for the signed original (ký số) of a draft’s letter (`docId` launch-letter): a PDF of the exact size and SHA-256 given, at most 20 MB; checked when the letter is issued, and then sent in place of the rendering',
    body: UploadFileRequest,
    successStatus: 201,
    conflicts: ['campaign.not_draft'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/documents/{docId}/signed/complete',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'The signed original is uploaded: it is read back, its size and SHA-256 compared with those declared and its type checked from the content (a 400 says why it is refused); the letter is then issued as this file',
    conflicts: ['campaign.not_draft'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/files',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary:
      'An upload URL for an evidence file of a report’s criterion (minh chứng) or a dossier file of a nomination (hồ sơ): PDF, PNG, JPEG, DOCX or XLSX, at most 20 MB, its exact size and SHA-256 signed into the URL; a unit for itself and the units below it, the Office for any',
    body: FileRequest,
    successStatus: 201,
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/files/{fileId}/complete',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary: 'The upload is done: the file is read back, its size and SHA-256 compared with those declared and its type checked from the content (a 400 says why it is refused)',
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/files',
    auth: 'jwt',
    roles: ['admin', 'council', 'unit'],
    summary: 'Evidence and dossier files: the Office and the Council see every unit’s, a unit its own and those below it',
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/files/{fileId}',
    auth: 'jwt',
    roles: ['admin', 'council', 'unit'],
    summary: 'A checked file with a download URL valid a few minutes; another unit’s file is not found',
    conflicts: ['file.not_verified'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/events',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The campaign’s audit trail of domain events: complete for the Office; others see the campaign-level events and their own unit’s',
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/deliveries',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Every Nơi nhận entry and address with its delivery status, and the key the logs name it by; and each mail the campaign’s events owe (mailings), prepared or not',
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/deliveries/retry',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Send again every delivery of the campaign that failed (and, with includeUncertain=true, those in doubt), and every mailing whose outbox was not written',
    query: z.strictObject({ includeUncertain: flag }),
    successStatus: 202,
  },
  {
    method: 'PUT',
    path: '/campaigns/{id}/scoring-table',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Set the scoring table (thang điểm) of a draft; fixed once issued',
    body: ScoringTable,
    conflicts: ['campaign.not_draft', 'campaign.concurrent_change'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/registrations',
    auth: 'jwt',
    roles: ['unit', 'admin'],
    summary: 'Register (đăng ký thi đua) a unit or a person: targets and titles aimed for',
    body: RegistrationInput,
    conflicts: ['campaign.not_issued', 'campaign.closed', 'registration.deadline_passed'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/registrations',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'Registrations (a unit’s reporter sees its own unit’s)',
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/reports',
    auth: 'jwt',
    roles: ['unit'],
    summary: 'Submit a unit’s report (sơ kết / tổng kết) with its self-assessed values; replaces it until the deadline',
    body: UnitReport,
    successStatus: 201,
    conflicts: ['campaign.not_issued', 'campaign.closed', 'campaign.no_scoring_table', 'report.deadline_passed'],
  },
  { method: 'GET', path: '/campaigns/{id}/reports', auth: 'jwt', roles: ANY_ROLE, summary: 'Reports of a period; a unit’s reporter sees its own', query: PeriodQuery },
  {
    method: 'PUT',
    path: '/campaigns/{id}/reports/{unitId}/{period}/verification',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'The Office’s verified values per criterion, each with a reason',
    body: Verification,
    conflicts: ['campaign.no_scoring_table'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/standings',
    auth: 'jwt',
    roles: ANY_ROLE,
    query: z.strictObject({ period: z._default(ReportPeriod, 'final'), format: z._default(z.enum(['json', 'csv']), 'json') }),
    text: { mediaType: 'text/csv', description: 'With format=csv: text/csv, UTF-8 with a byte order mark, the header in the first line, one row per unit as the caller may see it' },
    summary: 'Units ranked by total, every criterion self-assessed and verified, ties the chain cannot break marked for a council vote',
    conflicts: ['campaign.no_scoring_table'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/nominations',
    auth: 'jwt',
    roles: ['unit', 'admin'],
    summary: 'Nominate (đề nghị khen thưởng) a person of the unit, or the unit itself, for a title or form, until the nomination deadline; a unit names only its own units, the Office any',
    body: Nomination,
    successStatus: 201,
    conflicts: ['campaign.not_issued', 'campaign.closed', 'nomination.deadline_passed'],
  },
  { method: 'GET', path: '/campaigns/{id}/nominations', auth: 'jwt', roles: ANY_ROLE, summary: 'Nominations (a unit’s reporter sees its own unit’s)' },
  {
    method: 'POST',
    path: '/campaigns/{id}/close-nominations',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Close nominations now (the clock closes them at the deadline); decides every nomination',
    conflicts: ['campaign.not_issued', 'campaign.concurrent_change'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/proposal',
    auth: 'jwt',
    roles: ['admin', 'council'],
    summary: 'The proposal: every nomination decided, each rule checked with its citation, quotas, input hash and rule set',
    conflicts: ['proposal.not_ready'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/council-votes',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'The Council’s ballot: quorum and each title’s threshold over the whole membership, and its choices among the tied (`tieChoices`: a standings or quota tie of the proposal, the contenders chosen, the yes votes; a majority of all members)',
    body: CouncilVoteRequest,
    conflicts: ['proposal.not_ready', 'results.already_final'],
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/results/finalize',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Freeze the results and email them to the Nơi nhận list and to each nominating unit',
    // state.conflict: the Council's quorum not met, no ballot for an eligible nomination, or a tie for a quota's last seat (shared/domain/results.ts).
    conflicts: ['proposal.not_ready', 'campaign.not_closed', 'campaign.concurrent_change', 'state.conflict'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/results',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The final results; format=csv gives a UTF-8 CSV that Excel opens with its diacritics intact',
    query: z.strictObject({ format: z._default(z.enum(['json', 'csv']), 'json') }),
    text: { mediaType: 'text/csv', description: 'With format=csv: text/csv, UTF-8 with a byte order mark, one row per outcome, as an attachment (ket-qua-<số>.csv)' },
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/submissions',
    auth: 'jwt',
    roles: ['admin'],
    summary:
      'File the finalized campaign’s proposed nominations (titles the agency may not award) in a campaign of the parent agency, this agency as the nominating unit, each with the council’s vote and the decision’s checks; once per parent campaign (the Office only)',
    body: SubmissionInput,
    successStatus: 201,
    conflicts: [
      'submission.no_parent',
      'submission.not_final',
      'submission.already_forwarded',
      'campaign.not_issued',
      'campaign.closed',
      'nomination.deadline_passed',
      'submission.not_a_unit_of_parent',
      'submission.not_participant',
      'submission.nothing_proposed',
    ],
  },
  {
    method: 'GET',
    path: '/templates/{template}',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary: 'An import template (units.xlsx, staff.xlsx, recipient-groups.xlsx, nominations.xlsx): Vietnamese headers, a notes sheet, lists for the coded columns',
    text: { mediaType: XLSX_MEDIA_TYPE, description: 'The template workbook, as an attachment' },
  },
  {
    method: 'POST',
    path: '/imports',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary: 'Import a workbook: an upload URL for the .xlsx (the Office any kind; a unit’s reporter its own nominations), applied by POST /imports/{importId}/apply',
    body: ImportRequest,
    successStatus: 201,
    conflicts: ['campaign.not_issued', 'campaign.closed'],
  },
  {
    method: 'GET',
    path: '/imports/{importId}',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary: 'An import: its status, its counts once applied, every bad cell once refused (who requested it, or the Office)',
  },
  {
    method: 'POST',
    path: '/imports/{importId}/apply',
    auth: 'jwt',
    roles: ['admin', 'unit'],
    summary:
      'Apply the uploaded workbook: every row checked first; any bad cell is a 400 naming every one (sheet, row, column) and nothing is written; a good file is applied whole, and the same file again changes nothing',
    conflicts: ['import.not_uploaded', 'campaign.not_issued', 'campaign.closed', 'nomination.deadline_passed', 'campaign.concurrent_change'],
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/exports/{file}',
    auth: 'jwt',
    roles: ANY_ROLE,
    query: PeriodQuery,
    summary:
      'A campaign’s table as a workbook or CSV (registrations, reports, standings, proposal, results): what the caller may read of it, the header in row 1 as an Excel table, a second sheet with the campaign, its number, the input hash and the rule set',
    conflicts: ['campaign.no_scoring_table', 'proposal.not_ready'],
    text: [
      { mediaType: XLSX_MEDIA_TYPE, description: 'The .xlsx files: an Excel table, numbers as numbers, dates as dates, the header frozen' },
      { mediaType: 'text/csv', description: 'The .csv files: UTF-8 with a byte order mark, the header in the first line' },
    ],
  },
  {
    method: 'GET',
    path: '/statistics/{form}',
    auth: 'jwt',
    roles: ['admin'],
    query: z.strictObject({ year: z.coerce.number().check(z.int(), z.gte(2000), z.lte(2100)) }),
    summary:
      'A statistical form of the Ministry of Home Affairs (thi đua, khen thưởng) for a year, as .xlsx in the form’s layout: the agency’s own, or a province’s rolled up across its agencies; cells the system cannot fill are left for the Office and marked',
    text: { mediaType: XLSX_MEDIA_TYPE, description: 'The form as a workbook' },
  },
] as const satisfies readonly RouteSpec[];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** The `routeKey` API Gateway puts on each event, e.g. `"POST /campaigns/{id}/issue"`. */
export type RouteKey = KeyOf<(typeof routes)[number]>;
export const routeKey = (r: RouteSpec) => `${r.method} ${r.path}`;
/** A route's non-JSON answers, as a list. */
export const textAnswers = (r: Pick<RouteSpec, 'text'>): readonly TextAnswer[] => (r.text === undefined ? [] : Array.isArray(r.text) ? r.text : [r.text as TextAnswer]);
