import Ajv2020 from 'ajv/dist/2020';
import type * as z from 'zod';
import type { CouncilTally as CouncilTallyType } from '../../shared/domain/council';
import type { Standings as StandingsType } from '../../shared/domain/standings';
import { openApiDocument, operationIdOf } from '../../shared/http/openapi';
import type * as R from '../../shared/http/responses';
import { routeResponses } from '../../shared/http/route-responses';
import { type RouteKey, routeKey, routes, type RouteSpec, textAnswers } from '../../shared/http/routes';
import type { finalize } from '../../shared/usecases/nominations';
import type { StoredReport as StoredReportType, verifyReport } from '../../shared/usecases/reports';
import type { visibleStandings } from '../../shared/usecases/visibility';
import { undocumented } from '../openapi-validator';

/*
 * The generated OpenAPI document (shared/http/openapi.ts). Redocly's recommended rules run on it in
 * `npm run lint:api`; these tests check what a linter cannot know: that each route lists every
 * status it can answer, a schema for each answer, and that those schemas hold what the code returns.
 */

// Compile-time: each value the use case returns fits the documented schema (a field added to the
// domain type and not to the schema, or typed differently, fails `npm run typecheck`).
type Fits<Value, Schema extends z.core.$ZodType> = [Value] extends [z.output<Schema>] ? true : false;
const fits: [
  Fits<StoredReportType, typeof R.StoredReport>,
  Fits<Awaited<ReturnType<typeof verifyReport>>, typeof R.VerificationResult>,
  Fits<StandingsType, typeof R.Standings>,
  Fits<ReturnType<typeof visibleStandings>, typeof R.Standings>,
  Fits<CouncilTallyType, typeof R.CouncilTally>,
  Fits<Awaited<ReturnType<typeof finalize>>, typeof R.FinalResults>,
] = [true, true, true, true, true, true];

type Op = {
  operationId: string;
  tags: string[];
  summary: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
};
const doc = openApiDocument() as unknown as {
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Op>>;
  components: { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>; schemas: Record<string, unknown> };
};
const all = (routes as readonly RouteSpec[]).map((r) => [routeKey(r), r, doc.paths[r.path]?.[r.method.toLowerCase()] as Op] as const);
const hasParams = (r: RouteSpec) => r.path.includes('{');

describe('the OpenAPI document', () => {
  it('the use cases’ return types fit their documented schemas (checked by the compiler)', () => {
    expect(fits.every(Boolean)).toBe(true);
  });

  it('names its servers without knowing the deployed URL: the origin it was served from, and the twin', () => {
    expect(doc.servers.map((s) => s.url)).toEqual(['/', 'http://127.0.0.1:3000']);
  });

  it('every route is an operation with a unique id, a summary and a tag the document describes', () => {
    const ids = all.map(([, r, op]) => {
      expect(op).toBeDefined();
      expect(op.operationId).toBe(operationIdOf(r));
      expect(op.summary).toBe(r.summary);
      for (const tag of op.tags) expect(doc.tags.map((t) => t.name)).toContain(tag);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.tags.every((t) => t.description.length > 0)).toBe(true);
  });

  it.each(all)('%s: its success answer has a media type and a schema', (_key, route, op) => {
    const success = op.responses[String(route.successStatus ?? 200)];
    const media = Object.keys(success?.content ?? {});
    expect(media).toEqual([...(routeResponses[routeKey(route) as RouteKey] ? ['application/json'] : []), ...textAnswers(route).map((t) => t.mediaType)]);
    expect(media.length).toBeGreaterThan(0);
    for (const m of media) expect(success?.content?.[m]?.schema).toBeDefined();
  });

  it.each(all)('%s: lists every status it can answer', (_key, route, op) => {
    const expected = [
      String(route.successStatus ?? 200),
      ...(route.body || route.query || hasParams(route) ? ['400'] : []),
      ...(route.auth === 'jwt' ? ['401', '403'] : []),
      ...(hasParams(route) ? ['404'] : []),
      ...(route.conflicts?.length ? ['409'] : []),
      ...(route.body ? ['413'] : []),
      '429',
      '500',
    ].sort();
    expect(Object.keys(op.responses)).toEqual(expected);
  });

  it('a 409 lists the codes of its route’s conflicts, and refuses any other', () => {
    const issue = (doc.paths['/campaigns/{id}/issue'] as Record<string, Op>).post as Op;
    const schema = JSON.stringify(issue.responses['409']);
    expect(schema).toContain('"enum":["campaign.not_draft","campaign.deadline_passed","document.number_taken","document.signed_required","document.signed_invalid","campaign.concurrent_change"]');
    expect(undocumented('POST', '/campaigns/c1/issue', 409, 'application/json', { code: 'campaign.not_draft', message: 'Phong trào đã phát động' })).toBeUndefined();
    expect(undocumented('POST', '/campaigns/c1/issue', 409, 'application/json', { code: 'report.deadline_passed', message: 'x' })).toMatch(/does not fit/);
    // A route without conflicts lists no 409 at all.
    expect(undocumented('GET', '/campaigns/c1', 409, 'application/json', { code: 'state.conflict', message: 'x' })).toMatch(/a status its operation does not list/);
  });

  it('the results: JSON, and with format=csv a text/csv attachment', () => {
    const ok = (doc.paths['/campaigns/{id}/results'] as Record<string, Op>).get?.responses['200'];
    expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'text/csv']);
    expect(undocumented('GET', '/campaigns/c1/results?format=csv', 200, 'text/csv; charset=utf-8', '\uFEFFa,b\n')).toBeUndefined();
    expect(undocumented('GET', '/campaigns/c1/results', 200, 'text/html', '<p>')).toMatch(/media type "text\/html"/);
  });

  it('the error bodies: the function’s { code, message, errors? } and API Gateway’s { message }, where each can answer', () => {
    const bad = { code: 'request.invalid', message: 'Dữ liệu không hợp lệ: title', errors: [{ path: 'title', message: 'bắt buộc' }] };
    expect(undocumented('POST', '/campaigns', 400, 'application/json', bad)).toBeUndefined();
    expect(undocumented('POST', '/campaigns', 400, 'application/json', { ...bad, stack: 'Error: …' })).toMatch(/does not fit/);
    expect(undocumented('POST', '/campaigns', 400, 'application/json', { code: 'Request Invalid', message: 'x' })).toMatch(/does not fit/);
    expect(undocumented('GET', '/campaigns', 401, 'application/json', { message: 'Unauthorized' })).toBeUndefined();
    expect(undocumented('GET', '/campaigns', 401, 'application/json', { code: 'auth.unauthorized', message: 'Chưa đăng nhập' })).toBeUndefined();
    expect(undocumented('GET', '/campaigns', 403, 'application/json', { message: 'Forbidden' })).toMatch(/does not fit/);
    expect(undocumented('GET', '/health', 401, 'application/json', { message: 'Unauthorized' })).toMatch(/does not list/);
    expect(undocumented('GET', '/health', 200, 'application/json', { status: 'ok' })).toBeUndefined();
    expect(undocumented('GET', '/health', 200, 'application/json', { status: 'down' })).toMatch(/does not fit/);
    // Not a route of the document: the twin's own, or an unknown path.
    expect(undocumented('POST', '/local/token', 200, 'application/json', {})).toBeUndefined();
  });

  it('every schema in it compiles as JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
    let compiled = 0;
    for (const [, , op] of all) {
      const contents = [...Object.values(op.responses).map((r) => r.content ?? {}), op.requestBody?.content ?? {}];
      for (const content of contents) {
        for (const { schema } of Object.values(content)) {
          ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
          compiled++;
        }
      }
    }
    expect(compiled).toBeGreaterThan(all.length);
  });
});
