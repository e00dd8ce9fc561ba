import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { httpApi, type Request } from '#shared/http/handler';
import { openApiDocument } from '#shared/http/openapi';
import type { CampaignInput } from '#shared/schemas/campaign';
import type { RecipientGroupInput, UnitInput } from '#shared/schemas/directory';
import { listCampaigns } from '#shared/store/campaigns';
import { listDeliveries } from '#shared/store/deliveries';
import { logger } from '#shared/powertools';
import { createCampaign, findCampaign, issue, retryFailedDeliveries, setScoringTable } from '#shared/usecases/campaigns';
import { submitRegistration, submitReport, verifyReport } from '#shared/usecases/reports';
import { readEvents, readGroups, readNominations, readRegistrations, readReports, readResults, readStandings, readUnits } from '#shared/usecases/reads';
import { closeCampaignNominations, finalize, proposalOf, recordCouncilVote, submitNomination } from '#shared/usecases/nominations';
import type { CouncilVoteRequest, Nomination } from '#shared/schemas/nomination';
import type { RegistrationInput } from '#shared/schemas/registration';
import type { ScoringTable, UnitReport, Verification } from '#shared/schemas/scoring';
import { upsertRecipientGroup, upsertUnit } from '#shared/usecases/directory';

const now = () => new Date().toISOString();
const principal = (req: Request) => req.principal!;

/** One entry per route of `shared/http/routes.ts`; the type makes a missing route a compile error. */
const api = httpApi({
  'GET /health': async () => ({ status: 'ok' }),
  'GET /openapi.json': async () => openApiDocument(),
  'PUT /recipient-groups/{code}': (req) => upsertRecipientGroup(req.params.code, req.body as RecipientGroupInput, now()),
  'GET /recipient-groups': (req) => readGroups(principal(req)),
  'PUT /units/{unitId}': (req) => upsertUnit(req.params.unitId, req.body as UnitInput, now()),
  'GET /units': (req) => readUnits(principal(req)),
  'POST /campaigns': async (req) => ({ statusCode: 201, body: await createCampaign(req.body as CampaignInput, principal(req), now()) }),
  'GET /campaigns': (req) => listCampaigns(req.query.limit, req.query.cursor),
  'GET /campaigns/{id}': (req) => findCampaign(req.params.id),
  'POST /campaigns/{id}/issue': (req) => issue(req.params.id, principal(req), new Date()),
  'GET /campaigns/{id}/events': (req) => readEvents(req.params.id, principal(req)),
  'GET /campaigns/{id}/deliveries': async (req) => ({ items: await listDeliveries((await findCampaign(req.params.id)).id) }),
  'POST /campaigns/{id}/deliveries/retry': async (req) => ({
    statusCode: 202,
    body: { requeued: await retryFailedDeliveries(req.params.id, new Date(), req.query.includeUncertain) },
  }),
  'PUT /campaigns/{id}/scoring-table': (req) => setScoringTable(req.params.id, req.body as ScoringTable, principal(req), now()),
  'POST /campaigns/{id}/registrations': (req) => submitRegistration(req.params.id, req.body as RegistrationInput, principal(req), new Date()),
  'GET /campaigns/{id}/registrations': (req) => readRegistrations(req.params.id, principal(req)),
  'POST /campaigns/{id}/reports': async (req) => ({ statusCode: 201, body: await submitReport(req.params.id, req.body as UnitReport, principal(req), new Date()) }),
  'GET /campaigns/{id}/reports': (req) => readReports(req.params.id, req.query.period, principal(req)),
  'PUT /campaigns/{id}/reports/{unitId}/{period}/verification': (req) =>
    verifyReport(req.params.id, req.params.unitId, req.params.period, req.body as Verification, principal(req), new Date()),
  'GET /campaigns/{id}/standings': (req) => readStandings(req.params.id, req.query.period, principal(req)),
  'POST /campaigns/{id}/nominations': async (req) => ({ statusCode: 201, body: await submitNomination(req.params.id, req.body as Nomination, principal(req), new Date()) }),
  'GET /campaigns/{id}/nominations': (req) => readNominations(req.params.id, principal(req)),
  'POST /campaigns/{id}/close-nominations': (req) => closeCampaignNominations(req.params.id, principal(req).sub, new Date()),
  'GET /campaigns/{id}/proposal': async (req) => (await proposalOf(req.params.id)).proposal,
  'POST /campaigns/{id}/council-votes': (req) => recordCouncilVote(req.params.id, req.body as CouncilVoteRequest, principal(req), new Date()),
  'POST /campaigns/{id}/results/finalize': (req) => finalize(req.params.id, principal(req), new Date()),
  'GET /campaigns/{id}/results': (req) => readResults(req.params.id, req.query.format, principal(req)),
});

export const handler = middy(api).use(injectLambdaContext(logger));
