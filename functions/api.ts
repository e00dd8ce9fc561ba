import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { httpApi } from '#shared/http/handler';
import type { CoreRouteKey } from '#shared/http/route-groups';
import { logger } from '#shared/powertools';
import { createCampaign, extendCampaignDeadline, findCampaign, issue, retryFailedDeliveries, setScoringTable } from '#shared/usecases/campaigns';
import { requestReminders } from '#shared/usecases/reminders';
import { readRegister, takeDocumentNumber } from '#shared/usecases/register';
import { submitRegistration, submitReport, verifyReport } from '#shared/usecases/reports';
import { readCampaigns, readDeliveries, readEvents, readGroups, readNominations, readRegistrations, readReports, readStandingsAs, readUnits } from '#shared/usecases/reads';
import { closeCampaignNominations, submitNomination } from '#shared/usecases/nominations';
import { upsertRecipientGroup, upsertUnit } from '#shared/usecases/directory';
import { readPersonRecord, readUnitRecord } from '#shared/usecases/records';
import { readStaff, upsertPerson } from '#shared/usecases/staff';

const now = () => new Date().toISOString();

/** The campaigns, the directory, reports and nominations, the health check (shared/http/route-groups.ts); the type makes a missing route a compile error. */
const api = httpApi<CoreRouteKey>({
  'GET /health': async () => ({ status: 'ok' }),
  'PUT /recipient-groups/{code}': (req) => upsertRecipientGroup(req.principal.agencyId, req.params.code, req.body, now()),
  'GET /recipient-groups': (req) => readGroups(req.principal),
  'PUT /units/{unitId}': (req) => upsertUnit(req.principal.agencyId, req.params.unitId, req.body, now()),
  'GET /units': (req) => readUnits(req.principal),
  'PUT /people/{personId}': (req) => upsertPerson(req.principal.agencyId, req.params.personId, req.body, now()),
  'GET /people': (req) => readStaff(req.principal),
  'GET /people/{personId}/record': (req) => readPersonRecord(req.params.personId, req.query.unitId, req.principal),
  'GET /units/{unitId}/record': (req) => readUnitRecord(req.params.unitId, req.principal),
  'POST /campaigns': async (req) => ({ statusCode: 201, body: await createCampaign(req.body, req.principal, now()) }),
  'GET /campaigns': (req) => readCampaigns(req.principal, req.query.limit, req.query.cursor),
  'POST /document-numbers': async (req) => ({ statusCode: 201, body: await takeDocumentNumber(req.principal, req.body, new Date()) }),
  'GET /document-numbers': (req) => readRegister(req.principal, req.query),
  'GET /campaigns/{id}': (req) => findCampaign(req.principal.agencyId, req.params.id),
  'POST /campaigns/{id}/issue': (req) => issue(req.params.id, req.principal, new Date()),
  'POST /campaigns/{id}/deadlines': (req) => extendCampaignDeadline(req.params.id, req.body, req.principal, new Date()),
  'POST /campaigns/{id}/reminders': (req) => requestReminders(req.params.id, req.body.what, req.principal, new Date()),
  'GET /campaigns/{id}/events': (req) => readEvents(req.params.id, req.principal),
  'GET /campaigns/{id}/deliveries': (req) => readDeliveries(req.principal.agencyId, req.params.id, new Date()),
  'POST /campaigns/{id}/deliveries/retry': async (req) => ({
    statusCode: 202,
    body: await retryFailedDeliveries(req.principal.agencyId, req.params.id, new Date(), req.query.includeUncertain),
  }),
  'PUT /campaigns/{id}/scoring-table': (req) => setScoringTable(req.params.id, req.body, req.principal, now()),
  'POST /campaigns/{id}/registrations': (req) => submitRegistration(req.params.id, req.body, req.principal, new Date()),
  'GET /campaigns/{id}/registrations': (req) => readRegistrations(req.params.id, req.principal),
  'POST /campaigns/{id}/reports': async (req) => ({ statusCode: 201, body: await submitReport(req.params.id, req.body, req.principal, new Date()) }),
  'GET /campaigns/{id}/reports': (req) => readReports(req.params.id, req.query.period, req.principal),
  'PUT /campaigns/{id}/reports/{unitId}/{period}/verification': (req) => verifyReport(req.params.id, req.params.unitId, req.params.period, req.body, req.principal, new Date()),
  'GET /campaigns/{id}/standings': (req) => readStandingsAs(req.params.id, req.query.period, req.query.format, req.principal),
  'POST /campaigns/{id}/nominations': async (req) => ({ statusCode: 201, body: await submitNomination(req.params.id, req.body, req.principal, new Date()) }),
  'GET /campaigns/{id}/nominations': (req) => readNominations(req.params.id, req.principal),
  'POST /campaigns/{id}/close-nominations': (req) => closeCampaignNominations(req.principal.agencyId, req.params.id, req.principal.sub, new Date()),
});

export const handler = middy(api).use(injectLambdaContext(logger));
