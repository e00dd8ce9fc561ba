import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { undocumented } from '../openapi-validator';

/** Talks to the local twin started by global-setup.ts, over loopback, as any client would. */
export const apiUrl = () => process.env.API_URL ?? 'http://127.0.0.1:3000';
export const sesUrl = () => process.env.SES_URL ?? 'http://127.0.0.1:8005';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export async function call<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.rawBody !== undefined ? { body: opts.rawBody } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  checkErrorBody(method, path, res.status, body);
  // Every answer of every integration test, held to the API document: status, media type, body schema.
  const problem = undocumented(method, path, res.status, res.headers.get('content-type'), body);
  if (problem) throw new Error(problem);
  return { status: res.status, body: body as T };
}

/**
 * Every error the API writes carries a stable `code` and a Vietnamese `message` (README "Errors"):
 * checked on every call of every integration test, so no 4xx of any test escapes it. The two
 * answers API Gateway gives itself, before any function runs (the JWT authorizer's 401 and an
 * unknown route's 404), keep AWS's fixed bodies, in the cloud and on the twin alike.
 */
function checkErrorBody(method: string, path: string, status: number, body: unknown): void {
  if (status < 400 || path.startsWith('/local/')) return;
  const b = body as { code?: unknown; message?: unknown } | undefined;
  const gateway = (status === 401 && b?.message === 'Unauthorized') || (status === 404 && b?.message === 'Not Found');
  if (gateway && b?.code === undefined) return;
  if (typeof b?.code !== 'string' || typeof b?.message !== 'string' || !/^[a-z]+(\.[a-z_]+)*$/.test(b.code)) {
    throw new Error(`${method} ${path} answered ${status} without an error code and message: ${JSON.stringify(body)}`);
  }
}

export async function tokenFor(groups: string[], sub = `test-${groups.join('-') || 'nobody'}`, unitId?: string): Promise<string> {
  const res = await call<{ token: string }>('POST', '/local/token', { body: { sub, groups, ...(unitId ? { unitId } : {}) } });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** As SES received them: the content base64, as SES v2 carries RawContent. */
  attachments?: { filename: string; contentType: string; content: string; size: number }[];
  at: number;
}

export async function sentEmails(): Promise<StoredEmail[]> {
  const res = await fetch(`${sesUrl()}/store`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until every delivery of the campaign has an outcome (none pending, claimed or sending). */
export async function settledDeliveries(token: string, campaignId: string, expected: number) {
  return eventually(`${expected} settled deliveries of ${campaignId}`, async () => {
    const res = await call<{ items: { status: string; address: string; channel: string; groups: { code: string }[]; attempts: number; messageId?: string }[] }>(
      'GET',
      `/campaigns/${campaignId}/deliveries`,
      { token },
    );
    const items = res.body.items ?? [];
    return items.length >= expected && items.every((d) => !['pending', 'claimed', 'sending'].includes(d.status)) ? items : undefined;
  });
}

/** Every item in the table, for proving that a refused request wrote nothing. Tests only: never on a request path. */
export async function allItems(): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: process.env.TABLE_NAME, ExclusiveStartKey }));
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  client.destroy();
  return items;
}

/**
 * Waits until the twin's stream poller has caught up with the table's stream and nothing is in
 * flight. Mail only leaves through items on that stream, so after this a "nothing (more) was sent"
 * check is final, without guessing a sleep.
 */
/**
 * A route's path with every placeholder filled: the identifiers the caller names, and for the
 * others a value of the right form (a route sweep calls every route, so a new placeholder is added here once).
 */
export function routePath(template: string, ids: { id: string; code: string; unitId: string; username?: string }): string {
  return template
    .replace('{id}', ids.id)
    .replace('{code}', ids.code)
    .replace('{unitId}', ids.unitId)
    .replace('{period}', 'final')
    .replace('{username}', encodeURIComponent(ids.username ?? 'nobody'))
    .replace('{docId}', 'launch-letter')
    .replace('{fileId}', '00000000-0000-4000-8000-000000000000')
    .replace('{importId}', '00000000-0000-4000-8000-000000000000')
    .replace('{personId}', 'nv-01')
    .replace('{template}', 'staff.xlsx')
    .replace('{file}', 'standings.csv')
    .replace('{form}', '0601.N');
}

export async function streamIdle(): Promise<void> {
  const res = await call('POST', '/local/stream/idle');
  if (res.status !== 200) throw new Error(`the stream did not settle: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * A setup step shared by several tests, run once by whichever test needs it first: each test awaits
 * the steps it depends on, so any test passes alone and in any order.
 */
export function once<T>(step: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= step();
    return result;
  };
}
