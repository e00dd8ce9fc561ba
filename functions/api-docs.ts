import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { API_REFERENCE_HEADERS, apiReferencePage } from '#shared/http/api-reference';
import { httpApi } from '#shared/http/handler';
import { openApiDocument } from '#shared/http/openapi';
import type { DocsRouteKey } from '#shared/http/route-groups';
import { logger } from '#shared/powertools';

/** The API document and its page for people: the only routes that build JSON Schemas from zod (shared/http/route-groups.ts). */
const api = httpApi<DocsRouteKey>({
  'GET /openapi.json': async () => openApiDocument(),
  'GET /docs': async () => ({ raw: apiReferencePage(), headers: API_REFERENCE_HEADERS }),
});

export const handler = middy(api).use(injectLambdaContext(logger));
