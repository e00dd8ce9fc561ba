import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { httpApi } from '#shared/http/handler';
import type { PeopleRouteKey } from '#shared/http/route-groups';
import { cognitoIdentity } from '#shared/identity/cognito';
import { logger } from '#shared/powertools';
import { userStore } from '#shared/store/users';
import { deleteAgency, enrolAgencyAdmin, readAgencies, upsertAgency } from '#shared/usecases/agencies';
import { userUseCases } from '#shared/usecases/users';

const now = () => new Date().toISOString();
const users = userUseCases({ store: userStore, identity: cognitoIdentity() });

/** Agencies and the people enrolled in them: the only routes that call Cognito's admin API (shared/http/route-groups.ts). */
const api = httpApi<PeopleRouteKey>({
  'PUT /agencies/{agencyId}': (req) => upsertAgency(req.params.agencyId, req.body, req.principal, now()),
  'GET /agencies': () => readAgencies(),
  'DELETE /agencies/{agencyId}': (req) => deleteAgency(req.params.agencyId, now()),
  'POST /agencies/{agencyId}/admins': async (req) => ({ statusCode: 201, body: await enrolAgencyAdmin(users, req.params.agencyId, req.body, req.principal, now()) }),
  'POST /users': async (req) => ({ statusCode: 201, body: await users.enrol(req.principal, req.body, now()) }),
  'GET /users': (req) => users.list(req.principal),
  'POST /users/{username}/disable': (req) => users.disable(req.principal, req.params.username, now()),
});

export const handler = middy(api).use(injectLambdaContext(logger));
