import * as z from 'zod';
import { CampaignInput, Campaign, CampaignList, ListQuery } from '../schemas/campaign';
import { RecipientGroup, RecipientGroupInput, RecipientGroupView, Unit, UnitInput, UnitView } from '../schemas/directory';
import { Delivery, DomainEvent, Mailing } from '../schemas/events';
import { CouncilVoteRequest, Nomination } from '../schemas/nomination';
import { Registration, RegistrationInput } from '../schemas/registration';
import { ReportPeriod, ScoringTable, UnitReport, Verification } from '../schemas/scoring';

import type { Role } from '../usecases/principal';
import type { RouteRole } from './auth';

export type { Role };

const PeriodQuery = z.object({ period: ReportPeriod.default('final') }).strict();
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
export const ANY_ROLE: readonly Role[] = ['admin', 'unit', 'council', 'viewer'];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path template, e.g. `/campaigns/{id}`. */
  path: string;
  /** `none`: no token needed (health, the API document). `jwt`: the JWT authorizer runs first. */
  auth: 'none' | 'jwt';
  roles?: readonly RouteRole[];
  summary: string;
  body?: z.ZodType;
  /** The query string, parsed (and documented) like a body: a bad parameter is a 400 naming it. */
  query?: z.ZodObject;
  /**
   * Documentation only: any zod schema, classic or mini (the stored shapes are mini: shared/schemas/events.ts).
   * The inline ones are `z.lazy`: only the OpenAPI document builds them, not each cold start.
   */
  response?: z.core.$ZodType;
  successStatus?: number;
}

/**
 * Every route of the HTTP API. The CDK stack adds exactly these routes, the local gateway matches
 * exactly these, and the OpenAPI document is generated from them (docs/architecture.md "One list of the wiring").
 */
export const routes = [
  { method: 'GET', path: '/health', auth: 'none', summary: 'Readiness', response: z.lazy(() => z.object({ status: z.literal('ok') })) },
  { method: 'GET', path: '/openapi.json', auth: 'none', summary: 'This API, as OpenAPI 3.1' },
  { method: 'PUT', path: '/recipient-groups/{code}', auth: 'jwt', roles: ['admin'], summary: 'Create or replace a Nơi nhận group', body: RecipientGroupInput, response: RecipientGroup },
  {
    method: 'GET',
    path: '/recipient-groups',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The recipient directory (addresses: the Office only)',
    response: z.lazy(() => z.object({ items: z.array(RecipientGroupView) })),
  },
  { method: 'PUT', path: '/units/{unitId}', auth: 'jwt', roles: ['admin'], summary: 'Create or replace a unit', body: UnitInput, response: Unit },
  {
    method: 'GET',
    path: '/units',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The units (addresses: the Office, and a unit’s reporter for its own units)',
    response: z.lazy(() => z.object({ items: z.array(UnitView) })),
  },
  { method: 'POST', path: '/campaigns', auth: 'jwt', roles: ['admin'], summary: 'Create a campaign (draft) from its launch letter', body: CampaignInput, response: Campaign, successStatus: 201 },
  { method: 'GET', path: '/campaigns', auth: 'jwt', roles: ANY_ROLE, summary: 'Campaigns, newest first', query: ListQuery, response: CampaignList },
  { method: 'GET', path: '/campaigns/{id}', auth: 'jwt', roles: ANY_ROLE, summary: 'One campaign', response: Campaign },
  { method: 'POST', path: '/campaigns/{id}/issue', auth: 'jwt', roles: ['admin'], summary: 'Issue (phát động): draft → issued, and email the Nơi nhận list', response: Campaign },
  {
    method: 'GET',
    path: '/campaigns/{id}/events',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The campaign’s audit trail of domain events: complete for the Office; others see the campaign-level events and their own unit’s',
    response: z.lazy(() => z.object({ items: z.array(z.object({ ...DomainEvent.shape, actor: z.string().optional() })) })),
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/deliveries',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Every Nơi nhận entry and address with its delivery status, and the key the logs name it by; and each mail the campaign’s events owe (mailings), prepared or not',
    response: z.lazy(() => z.object({ items: z.array(z.object({ ...Delivery.shape, logKey: z.string() })), mailings: z.array(Mailing) })),
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/deliveries/retry',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Send again every delivery of the campaign that failed (and, with includeUncertain=true, those in doubt), and every mailing whose outbox was not written',
    query: z.object({ includeUncertain: flag }).strict(),
    response: z.lazy(() => z.object({ requeued: z.number().int(), mailingsRequeued: z.number().int() })),
    successStatus: 202,
  },
  {
    method: 'PUT',
    path: '/campaigns/{id}/scoring-table',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Set the scoring table (thang điểm) of a draft; fixed once issued',
    body: ScoringTable,
    response: Campaign,
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/registrations',
    auth: 'jwt',
    roles: ['unit', 'admin'],
    summary: 'Register (đăng ký thi đua) a unit or a person: targets and titles aimed for',
    body: RegistrationInput,
    response: Registration,
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/registrations',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'Registrations (a unit’s reporter sees its own unit’s)',
    response: z.lazy(() => z.object({ items: z.array(Registration) })),
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/reports',
    auth: 'jwt',
    roles: ['unit'],
    summary: 'Submit a unit’s report (sơ kết / tổng kết) with its self-assessed values; replaces it until the deadline',
    body: UnitReport,
    successStatus: 201,
  },
  { method: 'GET', path: '/campaigns/{id}/reports', auth: 'jwt', roles: ANY_ROLE, summary: 'Reports of a period; a unit’s reporter sees its own', query: PeriodQuery },
  {
    method: 'PUT',
    path: '/campaigns/{id}/reports/{unitId}/{period}/verification',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'The Office’s verified values per criterion, each with a reason',
    body: Verification,
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/standings',
    auth: 'jwt',
    roles: ANY_ROLE,
    query: PeriodQuery,
    summary: 'Units ranked by total, every criterion self-assessed and verified, ties the chain cannot break marked for a council vote',
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/nominations',
    auth: 'jwt',
    roles: ['unit', 'admin'],
    summary: 'Nominate (đề nghị khen thưởng) a person of the unit, or the unit itself, for a title or form, until the nomination deadline; a unit names only its own units, the Office any',
    body: Nomination,
    successStatus: 201,
  },
  { method: 'GET', path: '/campaigns/{id}/nominations', auth: 'jwt', roles: ANY_ROLE, summary: 'Nominations (a unit’s reporter sees its own unit’s)' },
  {
    method: 'POST',
    path: '/campaigns/{id}/close-nominations',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'Close nominations now (the clock closes them at the deadline); decides every nomination',
    response: Campaign,
  },
  {
    method: 'GET',
    path: '/campaigns/{id}/proposal',
    auth: 'jwt',
    roles: ['admin', 'council'],
    summary: 'The proposal: every nomination decided, each rule checked with its citation, quotas, input hash and rule set',
  },
  {
    method: 'POST',
    path: '/campaigns/{id}/council-votes',
    auth: 'jwt',
    roles: ['admin'],
    summary: 'The Council’s ballot: quorum and each title’s threshold over the whole membership',
    body: CouncilVoteRequest,
  },
  { method: 'POST', path: '/campaigns/{id}/results/finalize', auth: 'jwt', roles: ['admin'], summary: 'Freeze the results and email them to the Nơi nhận list and to each nominating unit' },
  {
    method: 'GET',
    path: '/campaigns/{id}/results',
    auth: 'jwt',
    roles: ANY_ROLE,
    summary: 'The final results; format=csv gives a UTF-8 CSV that Excel opens with its diacritics intact',
    query: z.object({ format: z.enum(['json', 'csv']).default('json') }).strict(),
  },
] as const satisfies readonly RouteSpec[];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** The `routeKey` API Gateway puts on each event, e.g. `"POST /campaigns/{id}/issue"`. */
export type RouteKey = KeyOf<(typeof routes)[number]>;
export const routeKey = (r: RouteSpec) => `${r.method} ${r.path}`;
