/**
 * The local HTTP gateway: what API Gateway (HTTP API, Lambda proxy payload format 2.0, JWT
 * authorizer) does in front of the API function, on loopback.
 *
 * - Routes are exactly `routes` of shared/http/routes.ts; anything else is 404 `{"message":"Not Found"}`.
 * - `auth: 'jwt'` routes check `Authorization: Bearer <jwt>` first, like the authorizer: missing,
 *   invalid or expired → 401 `{"message":"Unauthorized"}` and the function is not called; valid →
 *   `requestContext.authorizer.jwt.claims`, flattened as the authorizer does (arrays become
 *   `"[a b]"`, numbers strings).
 * - Events are payload format 2.0: lower-case headers, cookies apart, decoded path and query
 *   parameters, a percent-encoded `rawQueryString`, text bodies as strings and others base64.
 * - Bodies over 10 MB → 413, as API Gateway's payload limit.
 *
 * Local only, never deployed: `POST /local/token` issues tokens, `GET /local/dead-letters` shows
 * the dead letters (the stream router's and each consumer's queue's), `POST /local/redrive` moves
 * them back (`npm run redrive`), `POST /local/scheduler/run` runs the clock's functions now,
 * `GET /local/idp/.well-known/jwks.json` the signing key, `POST /local/faults` sets the SES fault
 * proxy's faults (JSON, see ses-fault-proxy.ts) and `GET /local/faults` shows them with its counters.
 * `POST /local/stream/idle` answers once the stream is read to its tip and the consumers' queues are empty with nothing in flight:
 * what a test waits on before it checks that nothing (more) was sent.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { routes as allRoutes, type RouteSpec } from '../../shared/http/routes';
import { flattenClaims, TokenError, type LocalIdentity } from './identity';
import type { LocalAccount } from './cognito-local';
import { invokeWithTimeout, lambdaContext, LOCAL_ACCOUNT_ID } from './lambda-context';

/**
 * The twin's own routes, never deployed (handled below, in handleLocal): what the banner of
 * `npm start` lists. `{api}` is the gateway's address.
 */
export const LOCAL_ROUTES: readonly { method: string; path: string; what: string }[] = [
  { method: 'POST', path: '/local/token', what: 'a token: {"sub":"me","groups":["admin"],"agencyId"?:"default","unitId"?:"..."}; an enrolled user\'s address as sub: their own' },
  { method: 'GET', path: '/local/idp/.well-known/jwks.json', what: 'the signing key (and /local/idp/.well-known/openid-configuration)' },
  { method: 'POST', path: '/local/scheduler/run', what: 'runs the clock now: the scheduled tick (reminders, closings, the reconciler)' },
  { method: 'POST', path: '/local/stream/idle', what: 'answers once the stream is read and every queue is empty' },
  { method: 'GET', path: '/local/dead-letters', what: 'dead letters (also .local/dead-letters/*.jsonl)' },
  { method: 'POST', path: '/local/redrive', what: 'moves dead letters back, {"function":"mailer"} for one (npm run redrive)' },
  { method: 'POST', path: '/local/ses-events', what: 'an SES event (Send, Delivery, Bounce, Complaint), delivered as SNS would' },
  { method: 'GET', path: '/local/faults', what: 'SES faults and counters; POST sets them: {"queue":["throttle","error5xx","reject","dropAfterForward"],"probabilities":{"throttle":0.1},"seed":1}' },
];

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2 | unknown>;

export interface GatewayOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  apiHandler: ApiHandler;
  /** The identity provider, or a factory given the gateway's base URL (to make it the token issuer). */
  identity: LocalIdentity | ((baseUrl: string) => Promise<LocalIdentity>);
  routes?: readonly RouteSpec[];
  /** The API function's settings (name, memory, timeout), for its Lambda context and timeout. */
  fn?: { name: string; memorySize: number; timeoutSeconds: number };
  region?: string;
  accountId?: string;
  apiId?: string;
  /** Served at GET /local/dead-letters. */
  deadLetters?: () => readonly unknown[];
  /** Served at POST /local/redrive (`{ "function": name }` optional): moves dead letters back (`npm run redrive`). */
  redrive?: (only?: string) => Promise<unknown>;
  /** Served at POST /local/scheduler/run: runs the scheduled functions now. */
  runScheduled?: () => Promise<unknown>;
  /** Served at POST /local/stream/idle: resolves when every stream consumer is at the tip with nothing in flight. */
  streamIdle?: () => Promise<void>;
  /** Served at POST /local/ses-events: an SES event (as SES publishes it) delivered as SNS would. */
  publishSesEvent?: (event: unknown) => Promise<unknown>;
  /**
   * Served at GET and POST /local/faults: the SES fault proxy's settings and counters. `set` takes
   * the request's JSON and throws an error with `errors: [{ path, message }]` for a bad one (→ 400).
   */
  faults?: { get(): unknown; set(body: unknown): unknown };
  /**
   * The twin's user pool (cognito-local.ts): `POST /local/token` for a `sub` naming one of its accounts (its address or
   * its sub) mints a token with the account's own sub, groups, agency, unit and email, and none for a disabled account.
   */
  users?: { find(name: string): LocalAccount | undefined };
  log?: { warn(message: string): void };
  /** Told of every request once its answer is sent: the method, the path (no query string), the status, the milliseconds taken. */
  onRequest?: (request: { method: string; path: string; status: number; ms: number }) => void;
}

export interface Gateway {
  url: string;
  port: number;
  identity: LocalIdentity;
  server: Server;
  stop(): Promise<void>;
}

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  spec: RouteSpec;
  routeKey: string;
  regex: RegExp;
  params: string[];
  /** Literal characters: more literal = more specific, tried first (API Gateway's most-specific match). */
  literalLength: number;
}

export function compileRoutes(routes: readonly RouteSpec[]): CompiledRoute[] {
  return routes
    .map((spec) => {
      const params: string[] = [];
      const pattern = spec.path
        .split('/')
        .map((segment) => {
          const greedy = /^\{(\w+)\+\}$/.exec(segment);
          if (greedy) {
            params.push(greedy[1]!);
            return '(.+)';
          }
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param) {
            params.push(param[1]!);
            return '([^/]+)';
          }
          return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      return {
        spec,
        routeKey: `${spec.method} ${spec.path}`,
        regex: new RegExp(`^${pattern}$`),
        params,
        literalLength: spec.path.replace(/\{[^}]+\}/g, '').length,
      };
    })
    .sort((a, b) => a.params.length - b.params.length || b.literalLength - a.literalLength);
}

export function matchRoute(compiled: readonly CompiledRoute[], method: string, path: string) {
  for (const route of compiled) {
    if (route.spec.method !== method) continue;
    const m = route.regex.exec(path);
    if (!m) continue;
    const pathParameters: Record<string, string> = {};
    for (const [i, name] of route.params.entries()) pathParameters[name] = m[i + 1]!;
    return { route, pathParameters };
  }
  return undefined;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** API Gateway passes these media types as text; everything else arrives base64-encoded. */
export function isTextContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || /^application\/(json|xml|javascript|x-yaml|yaml|graphql)$/.test(type) || /\+(json|xml)$/.test(type);
}

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
function clfTime(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

class PayloadTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) return reject(new PayloadTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new PayloadTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | string[]> = {}) {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });

/** What API Gateway makes of the function's result (payload format 2.0). */
export function toHttpResponse(result: unknown): { statusCode: number; headers: Record<string, string | string[]>; body: Buffer } {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as { statusCode: unknown; headers?: Record<string, unknown>; body?: unknown; isBase64Encoded?: boolean; cookies?: unknown };
    if (typeof r.statusCode !== 'number' || (r.body !== undefined && typeof r.body !== 'string')) {
      throw new Error(`malformed Lambda proxy response: statusCode must be a number and body a string, got ${JSON.stringify(result).slice(0, 200)}`);
    }
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    if (Array.isArray(r.cookies) && r.cookies.length > 0) headers['set-cookie'] = r.cookies.map(String);
    const body = r.body === undefined ? Buffer.alloc(0) : r.isBase64Encoded ? Buffer.from(r.body as string, 'base64') : Buffer.from(r.body as string, 'utf8');
    return { statusCode: r.statusCode, headers, body };
  }
  // Without a statusCode, API Gateway takes the result as a 200 JSON body.
  const body = result === undefined ? '' : typeof result === 'string' ? result : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
}

const TokenRequest = z.strictObject({
  sub: z.string().trim().min(1, 'sub is required'),
  groups: z.array(z.string().regex(/^[^\s[\]]+$/, 'a group name has no spaces or brackets')).default([]),
  /** Default: the seeded agency, so the README's examples need no agency; the platform operator gets none. */
  agencyId: z.string().min(1).optional(),
  unitId: z.string().min(1).optional(),
  email: z.email().optional(),
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const host = options.host ?? '127.0.0.1';
  const compiled = compileRoutes(options.routes ?? (allRoutes as readonly RouteSpec[]));
  const region = options.region ?? process.env.AWS_REGION ?? 'ap-southeast-1';
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const apiId = options.apiId ?? 'local';
  const fn = options.fn ?? { name: 'api', memorySize: 512, timeoutSeconds: 10 };
  const log = options.log ?? { warn: (m: string) => console.warn(m) };
  let identity: LocalIdentity | undefined = typeof options.identity === 'function' ? undefined : options.identity;

  async function handleLocal(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (req.method === 'POST' && path === '/local/token') {
      let json: unknown;
      try {
        json = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
      } catch {
        sendJson(res, 400, { message: 'the body must be JSON: { "sub": "...", "groups": ["admin"], "unitId"?: "...", "email"?: "..." }' });
        return true;
      }
      const parsed = TokenRequest.safeParse(json);
      if (!parsed.success) {
        sendJson(res, 400, { message: 'invalid token request', errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) });
        return true;
      }
      const account = options.users?.find(parsed.data.sub);
      if (account) {
        // An enrolled person signs in as themselves: what the request says of groups or agency is not theirs to choose.
        if (!account.enabled) {
          sendJson(res, 400, { __type: 'NotAuthorizedException', message: 'User is disabled.' });
          return true;
        }
        const a = account.attributes;
        const token = await identity!.issue({
          sub: account.sub,
          groups: account.groups,
          email: account.email,
          ...(a['custom:agencyId'] ? { agencyId: a['custom:agencyId'] } : {}),
          ...(a['custom:unitId'] ? { unitId: a['custom:unitId'] } : {}),
          ...(parsed.data.ttlSeconds ? { ttlSeconds: parsed.data.ttlSeconds } : {}),
        });
        sendJson(res, 200, { token, tokenType: 'Bearer', expiresIn: parsed.data.ttlSeconds ?? 3600 });
        return true;
      }
      const { ttlSeconds, agencyId, unitId, email, ...rest } = parsed.data;
      // Without an agency, the identity provider gives the default one (none to the platform operator).
      const token = await identity!.issue({ ...rest, ...(agencyId ? { agencyId } : {}), ...(unitId ? { unitId } : {}), ...(email ? { email } : {}), ...(ttlSeconds ? { ttlSeconds } : {}) });
      sendJson(res, 200, { token, tokenType: 'Bearer', expiresIn: ttlSeconds ?? 3600 });
      return true;
    }
    if (req.method === 'GET' && path === '/local/dead-letters') {
      sendJson(res, 200, { items: options.deadLetters?.() ?? [] });
      return true;
    }
    if (req.method === 'POST' && path === '/local/ses-events' && options.publishSesEvent) {
      let json: unknown;
      try {
        json = JSON.parse((await readBody(req, 256 * 1024)).toString('utf8'));
      } catch {
        sendJson(res, 400, { message: 'the body must be an SES event as JSON' });
        return true;
      }
      try {
        await options.publishSesEvent(json);
        sendJson(res, 202, { accepted: true });
      } catch (e) {
        sendJson(res, 500, { message: e instanceof Error ? e.message : String(e) });
      }
      return true;
    }
    if (path === '/local/faults' && options.faults && (req.method === 'GET' || req.method === 'POST')) {
      if (req.method === 'GET') {
        sendJson(res, 200, options.faults.get());
        return true;
      }
      let json: unknown;
      try {
        const raw = (await readBody(req, 1024 * 1024)).toString('utf8');
        json = raw.trim() ? JSON.parse(raw) : {};
      } catch {
        sendJson(res, 400, { message: 'the body must be JSON: { "queue"?: ["throttle", …], "probabilities"?: { "throttle": 0.1, … }, "match"?: { "to": "…" }, "seed"?: 1 }' });
        return true;
      }
      try {
        sendJson(res, 200, options.faults.set(json));
      } catch (e) {
        const errors = (e as { errors?: unknown }).errors;
        if (Array.isArray(errors)) sendJson(res, 400, { message: 'invalid fault settings', errors });
        else throw e;
      }
      return true;
    }
    if (req.method === 'POST' && path === '/local/stream/idle' && options.streamIdle) {
      try {
        await options.streamIdle();
        sendJson(res, 200, { idle: true });
      } catch (e) {
        sendJson(res, 504, { idle: false, message: e instanceof Error ? e.message : String(e) });
      }
      return true;
    }
    if (req.method === 'POST' && path === '/local/redrive' && options.redrive) {
      const body = await readBody(req, 64 * 1024);
      let only: string | undefined;
      try {
        const json = body.length ? (JSON.parse(body.toString('utf8')) as { function?: unknown }) : {};
        if (json.function !== undefined && typeof json.function !== 'string') throw new Error('function must be a string');
        only = json.function as string | undefined;
      } catch (e) {
        sendJson(res, 400, { message: `invalid redrive request: ${(e as Error).message}` });
        return true;
      }
      sendJson(res, 200, { results: await options.redrive(only) });
      return true;
    }
    if (req.method === 'POST' && path === '/local/scheduler/run' && options.runScheduled) {
      sendJson(res, 200, { results: await options.runScheduled() });
      return true;
    }
    if (req.method === 'GET' && path === '/local/idp/.well-known/jwks.json') {
      sendJson(res, 200, identity!.jwks());
      return true;
    }
    if (req.method === 'GET' && path === '/local/idp/.well-known/openid-configuration') {
      sendJson(res, 200, { issuer: identity!.issuer, jwks_uri: `${identity!.issuer}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] });
      return true;
    }
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = new Date();
    const requestId = randomBytes(10).toString('base64').replace(/[+/]/g, 'A');
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const encodedPath = q >= 0 ? target.slice(0, q) : target;
    const rawQueryString = q >= 0 ? target.slice(q + 1) : '';
    // HTTP APIs hand the function a decoded path (and decoded path parameters).
    const rawPath = safeDecode(encodedPath);
    const method = (req.method ?? 'GET').toUpperCase();
    const gwHeaders = { 'apigw-requestid': requestId };

    if (rawPath.startsWith('/local/') && (await handleLocal(req, res, rawPath))) return;

    const matched = matchRoute(compiled, method, rawPath);
    if (!matched) return sendJson(res, 404, { message: 'Not Found' }, gwHeaders);
    const { route, pathParameters } = matched;

    let body: Buffer;
    try {
      body = await readBody(req, MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        res.setHeader('connection', 'close');
        return sendJson(res, 413, { message: 'Request Entity Too Large' }, gwHeaders);
      }
      throw error;
    }

    // Headers: lower-case, repeated ones joined with commas, cookies moved to `cookies`.
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(req.headersDistinct)) {
      if (name === 'cookie' || !values) continue;
      headers[name] = values.join(',');
    }
    const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
    headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
    headers['x-forwarded-proto'] = 'http';
    headers['x-amzn-trace-id'] = `Root=1-${Math.floor(started.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
    const cookies = (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean);

    let authorizer: { jwt: { claims: Record<string, string>; scopes: null } } | undefined;
    if (route.spec.auth === 'jwt') {
      const header = req.headers.authorization ?? '';
      const token = header.replace(/^Bearer\s+/i, '').trim();
      try {
        if (!token) throw new TokenError('no token');
        authorizer = { jwt: { claims: flattenClaims(await identity!.verify(token)), scopes: null } };
      } catch (error) {
        const description = error instanceof TokenError ? error.message : 'invalid token';
        return sendJson(res, 401, { message: 'Unauthorized' }, { ...gwHeaders, 'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${description}"` });
      }
    }

    const queryStringParameters: Record<string, string> = {};
    for (const pair of rawQueryString.split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      const key = safeDecode((eq >= 0 ? pair.slice(0, eq) : pair).replace(/\+/g, ' '));
      const value = safeDecode((eq >= 0 ? pair.slice(eq + 1) : '').replace(/\+/g, ' '));
      queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
    }

    const text = isTextContent(req.headers['content-type']);
    const domainName = headers.host ?? `${host}`;
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath,
      rawQueryString,
      ...(cookies.length ? { cookies } : {}),
      headers,
      ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
      requestContext: {
        accountId,
        apiId,
        ...(authorizer ? { authorizer } : {}),
        domainName,
        domainPrefix: domainName.split('.')[0]!,
        http: { method, path: rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: req.headers['user-agent'] ?? '' },
        requestId,
        routeKey: route.routeKey,
        stage: '$default',
        time: clfTime(started),
        timeEpoch: started.getTime(),
      },
      ...(route.params.length ? { pathParameters } : {}),
      ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !text,
    } as APIGatewayProxyEventV2;

    let response: ReturnType<typeof toHttpResponse>;
    try {
      const context = lambdaContext({ ...fn, region, accountId });
      const result = await invokeWithTimeout(() => options.apiHandler(event, context), Math.min(fn.timeoutSeconds, 30));
      response = toHttpResponse(result);
    } catch (error) {
      // A function error (or timeout) reaches the client as API Gateway's bare 500.
      log.warn(`[gateway] ${route.routeKey}: the API function failed: ${(error as Error)?.stack ?? String(error)}`);
      return sendJson(res, 500, { message: 'Internal Server Error' }, gwHeaders);
    }
    send(res, response.statusCode, response.body, { ...response.headers, ...gwHeaders });
  }

  // The identity provider is made once the port (its issuer URL) is known; a request that arrives
  // in between (a readiness probe is quick) waits for it rather than meeting a half-made gateway.
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const server = createServer((req, res) => {
    if (options.onRequest) {
      const t0 = performance.now();
      const onRequest = options.onRequest;
      res.once('finish', () => onRequest({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, status: res.statusCode, ms: Math.round(performance.now() - t0) }));
    }
    ready
      .then(() => handle(req, res))
      .catch((error) => {
        log.warn(`[gateway] internal error: ${(error as Error)?.stack ?? String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`the gateway could not listen on ${host}:${options.port}: port already in use (set PORT)`) : error),
    );
    server.listen(options.port ?? 0, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://${host}:${port}`;
  if (!identity) {
    try {
      identity = await (options.identity as (baseUrl: string) => Promise<LocalIdentity>)(url);
    } catch (error) {
      server.close();
      throw error;
    }
  }
  markReady();

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    identity,
    server,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      })),
  };
}
