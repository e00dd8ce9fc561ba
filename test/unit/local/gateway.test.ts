/**
 * The local HTTP gateway with a fake API handler: route matching, the payload 2.0 event, the JWT
 * authorizer's behaviour, response mapping, limits, and the local-only endpoints.
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { isTextContent, startGateway, toHttpResponse, type Gateway } from '../../../infra/local/gateway';
import { createIdentity, type LocalIdentity } from '../../../infra/local/identity';

let gateway: Gateway;
let identity: LocalIdentity;
const events: APIGatewayProxyEventV2[] = [];
const contexts: Context[] = [];
let reply: (event: APIGatewayProxyEventV2) => unknown = () => ({ statusCode: 200, body: '{}' });
const deadLetters = [{ function: 'mailer', condition: 'RetryAttemptsExhausted' }];

beforeAll(async () => {
  gateway = await startGateway({
    port: 0,
    apiHandler: async (event, context) => {
      events.push(event);
      contexts.push(context);
      return reply(event);
    },
    identity: (baseUrl) => createIdentity({ issuer: `${baseUrl}/local/idp` }),
    fn: { name: 'api', memorySize: 512, timeoutSeconds: 1 },
    deadLetters: () => deadLetters,
    log: { warn: () => undefined },
  });
  identity = gateway.identity;
});

afterAll(() => gateway.stop());

beforeEach(() => {
  events.length = 0;
  contexts.length = 0;
  reply = () => ({ statusCode: 200, body: '{}' });
});

const call = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, init);
const bearer = async (groups: string[] = ['admin', 'council'], extra: { unitId?: string } = {}) => ({
  authorization: `Bearer ${await identity.issue({ sub: 'user-1', groups, ...extra })}`,
});

describe('routing (exactly the routes of shared/http/routes.ts)', () => {
  it('answers 404 {"message":"Not Found"} for unknown paths, wrong methods and trailing slashes, without calling the function', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['DELETE', '/campaigns'],
      ['GET', '/campaigns/'],
      ['GET', '/campaigns/a/b/c'],
    ] as const) {
      const res = await call(path, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Not Found' });
    }
    expect(events).toHaveLength(0);
  });

  it('builds a payload 2.0 event for an open route', async () => {
    reply = () => ({ status: 'ok' });
    const res = await call('/health?b=2&a=x%20y&a=z&flag', { headers: { 'X-Custom': 'One', cookie: 'c1=v1; c2=v2', 'user-agent': 'jest' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('apigw-requestid')).toBeTruthy();
    expect(await res.json()).toEqual({ status: 'ok' });
    const [event] = events;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /health',
      rawPath: '/health',
      rawQueryString: 'b=2&a=x%20y&a=z&flag',
      queryStringParameters: { b: '2', a: 'x y,z', flag: '' },
      cookies: ['c1=v1', 'c2=v2'],
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        stage: '$default',
        routeKey: 'GET /health',
        http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
        domainName: `127.0.0.1:${gateway.port}`,
      },
    });
    expect(event!.headers).toMatchObject({ 'x-custom': 'One', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' });
    expect(event!.headers.cookie).toBeUndefined();
    expect(event!.requestContext.time).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(event!.requestContext.timeEpoch).toBeGreaterThan(Date.now() - 60_000);
    expect((event!.requestContext as { authorizer?: unknown }).authorizer).toBeUndefined();
    expect(event!.pathParameters).toBeUndefined();
    expect(event!.body).toBeUndefined();
    expect(contexts[0]).toMatchObject({ functionName: 'api', memoryLimitInMB: '512' });
  });

  it('fills pathParameters, decoded, and picks the route by method and template', async () => {
    await call('/campaigns/abc%20d%C3%A9', { headers: await bearer() });
    await call('/campaigns/abc/issue', { method: 'POST', headers: await bearer() });
    await call('/campaigns', { headers: await bearer() });
    expect(events.map((e) => [e.routeKey, e.pathParameters])).toEqual([
      ['GET /campaigns/{id}', { id: 'abc dé' }],
      ['POST /campaigns/{id}/issue', { id: 'abc' }],
      ['GET /campaigns', undefined],
    ]);
    expect(events[0]!.rawPath).toBe('/campaigns/abc dé');
  });
});

describe('the JWT authorizer', () => {
  it('401s without a token, with a bad one or an expired one, without calling the function', async () => {
    const expired = await identity.issue({ sub: 'u', groups: ['admin'], ttlSeconds: 1 });
    const foreign = await (await createIdentity({ issuer: identity.issuer })).issue({ sub: 'u', groups: ['admin'] });
    await new Promise((r) => setTimeout(r, 2100));
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${expired}` },
      { authorization: `Bearer ${foreign}` },
      { authorization: 'Basic abc' },
    ]) {
      const res = await call('/campaigns', { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: 'Unauthorized' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    expect(events).toHaveLength(0);
  });

  it('passes the claims flattened as the cloud authorizer does', async () => {
    await call('/campaigns', { headers: await bearer(['admin', 'council'], { unitId: 'VP' }) });
    const authorizer = (events[0]!.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string>; scopes: unknown } } }).authorizer;
    expect(authorizer.jwt.scopes).toBeNull();
    expect(authorizer.jwt.claims).toMatchObject({ sub: 'user-1', 'cognito:groups': '[admin council]', 'custom:unitId': 'VP', token_use: 'id', iss: identity.issuer });
    expect(authorizer.jwt.claims.exp).toMatch(/^\d+$/);
  });
});

describe('bodies and responses', () => {
  it('passes JSON bodies as text and binary ones base64-encoded', async () => {
    const json = JSON.stringify({ name: 'Kế hoạch phát động' });
    await call('/campaigns', { method: 'POST', body: json, headers: { ...(await bearer()), 'content-type': 'application/json; charset=utf-8' } });
    await call('/campaigns', { method: 'POST', body: new Uint8Array([0, 1, 2, 255]), headers: { ...(await bearer()), 'content-type': 'application/octet-stream' } });
    expect(events[0]).toMatchObject({ body: json, isBase64Encoded: false });
    expect(events[1]).toMatchObject({ body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true });
    expect(isTextContent('application/problem+json')).toBe(true);
    expect(isTextContent('application/x-www-form-urlencoded')).toBe(false);
  });

  it('refuses bodies over 10 MB with 413 before calling the function', async () => {
    const res = await call('/campaigns', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), headers: { ...(await bearer()), 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(events).toHaveLength(0);
  });

  it('maps structured results: status, headers, cookies, base64 bodies', async () => {
    reply = () => ({ statusCode: 201, headers: { 'Content-Type': 'text/csv', 'X-N': 3 }, cookies: ['a=1', 'b=2; Path=/'], body: Buffer.from('x,y\n').toString('base64'), isBase64Encoded: true });
    const res = await call('/health');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/csv');
    expect(res.headers.get('x-n')).toBe('3');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2; Path=/']);
    expect(await res.text()).toBe('x,y\n');
    expect(toHttpResponse('plain')).toMatchObject({ statusCode: 200, body: Buffer.from('plain') });
  });

  it('answers 500 {"message":"Internal Server Error"} when the function throws or times out', async () => {
    reply = () => {
      throw new Error('bug');
    };
    let res = await call('/health');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    reply = () => new Promise((r) => setTimeout(() => r({ statusCode: 200, body: 'late' }), 1500));
    res = await call('/health');
    expect(res.status).toBe(500);
    reply = () => ({ statusCode: 200, body: { not: 'a string' } });
    res = await call('/health');
    expect(res.status).toBe(500);
  });
});

describe('local-only endpoints', () => {
  it('POST /local/token issues a token the gateway accepts', async () => {
    const res = await call('/local/token', { method: 'POST', body: JSON.stringify({ sub: 'unit-user', groups: ['unit'], unitId: 'TTDV' }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    await expect(identity.verify(token)).resolves.toMatchObject({ sub: 'unit-user', 'cognito:groups': ['unit'], 'custom:unitId': 'TTDV' });
    const ok = await call('/units', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
  });

  it('POST /local/token validates its input', async () => {
    for (const body of [
      'nope',
      JSON.stringify({ groups: ['admin'] }),
      JSON.stringify({ sub: 'u', groups: 'admin' }),
      JSON.stringify({ sub: 'u', groups: ['a b'] }),
      JSON.stringify({ sub: 'u', extra: 1 }),
    ]) {
      const res = await call('/local/token', { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(await res.json()).toHaveProperty('message');
    }
  });

  it('GET /local/dead-letters shows the poller’s dead letters; the JWKS is published', async () => {
    expect(await (await call('/local/dead-letters')).json()).toEqual({ items: deadLetters });
    const jwks = (await (await call('/local/idp/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
    expect(jwks.keys[0]!.kid).toBe(identity.keyId);
  });
});
