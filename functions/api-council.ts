import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { httpApi } from '#shared/http/handler';
import type { CouncilRouteKey } from '#shared/http/route-groups';
import { logger } from '#shared/powertools';
import { finalize, recordCouncilVote } from '#shared/usecases/nominations';
import { readProposal, readResults } from '#shared/usecases/reads';
import { submitToParent } from '#shared/usecases/submissions';

/**
 * The proposal, the Council's ballot, the results and the submission up the line (shared/http/route-groups.ts): the
 * routes that need the rule sets, the quota and tie logic and the authority table, a few calls a campaign.
 */
const api = httpApi<CouncilRouteKey>({
  'GET /campaigns/{id}/proposal': (req) => readProposal(req.params.id, req.principal),
  'POST /campaigns/{id}/council-votes': (req) => recordCouncilVote(req.params.id, req.body, req.principal, new Date()),
  'POST /campaigns/{id}/results/finalize': (req) => finalize(req.params.id, req.principal, new Date()),
  'GET /campaigns/{id}/results': (req) => readResults(req.params.id, req.query.format, req.principal),
  'POST /campaigns/{id}/submissions': async (req) => ({ statusCode: 201, body: await submitToParent(req.params.id, req.body, req.principal, new Date()) }),
});

export const handler = middy(api).use(injectLambdaContext(logger));
