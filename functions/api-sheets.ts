import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { httpApi } from '#shared/http/handler';
import type { SheetsRouteKey } from '#shared/http/route-groups';
import { logger } from '#shared/powertools';
import { applyImport, readImport, requestImport } from '#shared/usecases/imports';
import { exportCampaignFile, statisticsFile, templateFile } from '#shared/usecases/sheets';

/** The workbooks (shared/http/route-groups.ts): import templates, imports, exports and statistical forms, the only routes that carry exceljs. */
const api = httpApi<SheetsRouteKey>({
  'GET /templates/{template}': (req) => templateFile(req.params.template, req.principal),
  'POST /imports': async (req) => ({ statusCode: 201, body: await requestImport(req.principal, req.body, new Date()) }),
  'GET /imports/{importId}': (req) => readImport(req.principal, req.params.importId),
  'POST /imports/{importId}/apply': (req) => applyImport(req.principal, req.params.importId, new Date()),
  'GET /campaigns/{id}/exports/{file}': (req) => exportCampaignFile(req.params.id, req.params.file, req.query.period, req.principal, new Date()),
  'GET /statistics/{form}': (req) => statisticsFile(req.params.form, req.query.year, req.principal),
});

export const handler = middy(api).use(injectLambdaContext(logger));
