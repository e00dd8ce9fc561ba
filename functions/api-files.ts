import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { httpApi } from '#shared/http/handler';
import type { FilesRouteKey } from '#shared/http/route-groups';
import { logger } from '#shared/powertools';
import { readDocuments } from '#shared/usecases/documents';
import { completeFileUpload, readFile, readFiles, requestFileUpload } from '#shared/usecases/files';
import { findCampaign } from '#shared/usecases/find-campaign';
import { completeSignedUpload, requestSignedUpload } from '#shared/usecases/signed-letter';

/** A campaign's documents and its units' files (shared/http/route-groups.ts): the only routes that carry S3 and file-type. */
const api = httpApi<FilesRouteKey>({
  'GET /campaigns/{id}/documents': (req) => readDocuments(req.params.id, req.principal),
  'POST /campaigns/{id}/documents/{docId}/signed': async (req) => ({
    statusCode: 201,
    body: await requestSignedUpload(await findCampaign(req.principal.agencyId, req.params.id), req.params.docId, req.body, req.principal, new Date()),
  }),
  'POST /campaigns/{id}/documents/{docId}/signed/complete': async (req) => completeSignedUpload(await findCampaign(req.principal.agencyId, req.params.id), req.params.docId, new Date()),
  'POST /campaigns/{id}/files': async (req) => ({ statusCode: 201, body: await requestFileUpload(req.params.id, req.body, req.principal, new Date()) }),
  'POST /campaigns/{id}/files/{fileId}/complete': (req) => completeFileUpload(req.params.id, req.params.fileId, req.principal, new Date()),
  'GET /campaigns/{id}/files': (req) => readFiles(req.params.id, req.principal),
  'GET /campaigns/{id}/files/{fileId}': (req) => readFile(req.params.id, req.params.fileId, req.principal),
});

export const handler = middy(api).use(injectLambdaContext(logger));
