import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { safeParse } from 'zod/mini';
import { DomainError } from '../domain/errors';
import { logger } from '../powertools';
import { authorize, authorizePlatform, principalOf, type PlatformPrincipal, type Principal } from './auth';
import { badRequest, fieldErrors, HttpError } from './errors';
import { routes, routeKey, type RouteKey, type RouteSpec } from './routes';

/** Bodies above this are refused before parsing: a launch letter is a few tens of KB. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Request<B = unknown, Q = Record<string, unknown>, P = Principal | PlatformPrincipal | undefined> {
  params: Record<string, string>;
  /** Parsed with the route's `query` schema when it has one (defaults applied). */
  query: Q;
  body: B;
  /** Present on every `jwt` route: the authorizer ran and the role was checked. */
  principal: P;
  event: APIGatewayProxyEventV2;
}

export interface Reply {
  statusCode?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body that is already text (the CSV exports of later issues). */
  raw?: string;
  /** A binary body (the .xlsx workbooks of issue 13): sent base64-encoded, as API Gateway's proxy integration takes it. */
  binary?: Buffer;
}

export type RouteHandler = (req: Request) => Promise<Reply | unknown>;

/** The route table's entries by key, so a handler's request is typed from its route's schemas. */
type RouteByKey = { [R in (typeof routes)[number] as `${R['method']} ${R['path']}`]: R };
type BodyOf<K extends RouteKey> = RouteByKey[K] extends { body: infer S extends z.core.$ZodType } ? z.output<S> : undefined;
type QueryOf<K extends RouteKey> = RouteByKey[K] extends { query: infer S extends z.core.$ZodType } ? z.output<S> : Record<string, string>;
type PrincipalOf<K extends RouteKey> = RouteByKey[K] extends { roles: readonly ['platform'] } ? PlatformPrincipal : RouteByKey[K] extends { auth: 'jwt' } ? Principal : undefined;
/**
 * One handler per route of a function (shared/http/route-groups.ts), each taking the request its route's schemas parse:
 * no cast in the function, and a route of the group left out is a compile error.
 */
export type RouteHandlers<G extends RouteKey = RouteKey> = { [K in G]: (req: Request<BodyOf<K>, QueryOf<K>, PrincipalOf<K>>) => Promise<Reply | unknown> };

const jsonResponse = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

function decodeBody(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES) throw new HttpError(413, 'request.too_large', `Nội dung yêu cầu quá lớn: ${raw.byteLength} byte, giới hạn ${MAX_BODY_BYTES} byte.`);
  return raw.toString('utf8');
}

function parseBody(spec: RouteSpec, event: APIGatewayProxyEventV2): unknown {
  const text = decodeBody(event);
  if (!spec.body) return undefined;
  if (text === undefined) throw badRequest([{ path: '(body)', message: 'cần nội dung JSON' }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badRequest([{ path: '(body)', message: `không phải JSON hợp lệ: ${(error as Error).message}` }]);
  }
  // zod/mini's safeParse takes any schema, classic or mini, and brings no classic zod with it.
  const parsed = safeParse(spec.body, json);
  if (!parsed.success) throw badRequest(fieldErrors(parsed.error));
  return parsed.data;
}

function toResponse(reply: Reply | unknown, spec: RouteSpec): APIGatewayProxyStructuredResultV2 {
  const r = (reply && typeof reply === 'object' && ('body' in reply || 'raw' in reply || 'binary' in reply || 'statusCode' in reply) ? reply : { body: reply }) as Reply;
  const statusCode = r.statusCode ?? spec.successStatus ?? 200;
  if (r.raw !== undefined) return { statusCode, headers: { 'cache-control': 'no-store', ...r.headers }, body: r.raw };
  if (r.binary !== undefined) return { statusCode, headers: { 'cache-control': 'no-store', ...r.headers }, body: r.binary.toString('base64'), isBase64Encoded: true };
  return jsonResponse(statusCode, r.body ?? null, r.headers);
}

function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpError) return jsonResponse(error.statusCode, { code: error.code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) });
  if (error instanceof DomainError) {
    const status = { conflict: 409, 'not-found': 404, invalid: 400, forbidden: 403 }[error.code];
    return jsonResponse(status, { code: error.reason, message: error.message, ...(error.details ? { errors: error.details } : {}) });
  }
  logger.error('unhandled error', { error: error as Error });
  return jsonResponse(500, { code: 'internal', message: 'Lỗi hệ thống; vui lòng thử lại sau.' });
}

/**
 * The API adapter: finds the route the gateway matched (`routeKey`), checks the caller's role,
 * parses the body with the route's zod schema, runs the use case, and maps errors to statuses.
 */
export function httpApi<G extends RouteKey>(routeHandlers: RouteHandlers<G>) {
  const handlers = routeHandlers as unknown as Partial<Record<RouteKey, RouteHandler>>;
  const specs = new Map<string, RouteSpec>((routes as readonly RouteSpec[]).map((r) => [routeKey(r), r]));
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const spec = specs.get(event.routeKey);
    const handle = handlers[event.routeKey as RouteKey];
    if (!spec || !handle) return jsonResponse(404, { code: 'route.not_found', message: 'Không có chức năng này.' });
    try {
      const roles = spec.roles ?? [];
      const principal = spec.auth !== 'jwt' ? undefined : roles.includes('platform') ? authorizePlatform(principalOf(event)) : authorize(principalOf(event), roles);
      const body = parseBody(spec, event);
      const rawQuery = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).map(([k, v]) => [k, v ?? '']));
      let query: Record<string, unknown> = rawQuery;
      if (spec.query) {
        const parsed = safeParse(spec.query, rawQuery);
        if (!parsed.success) throw badRequest(fieldErrors(parsed.error, 'query'));
        query = parsed.data;
      }
      const req: Request = {
        params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).map(([k, v]) => [k, v ?? ''])),
        query,
        body,
        principal,
        event,
      };
      return toResponse(await handle(req), spec);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
