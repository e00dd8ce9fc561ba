/** A small JSON client for the scripts that drive a running local twin (npm run demo, demo:lifecycle). */

import { twinAddress } from './twin-address';

export const { apiUrl: API_URL, sesUrl: SES_URL } = twinAddress();

export const REQUEST_TIMEOUT_MS = 10_000;

export class HttpError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly body: string,
  ) {
    super(`${method} ${url} → HTTP ${status} ${statusText}\n${pretty(body)}`);
  }
}

function pretty(body: string): string {
  if (!body) return '(empty body)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT', path: string, opts: { token?: string; body?: unknown } = {}): Promise<T> {
  const url = `${API_URL}${path}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new Error(`${method} ${url}: no answer (${cause}). Is the local twin running (npm start)?`);
  }
  const text = await res.text();
  if (!res.ok) throw new HttpError(method, url, res.status, res.statusText, text);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${method} ${url} → HTTP ${res.status}, but the body is not JSON:\n${text.slice(0, 2000)}`);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A token from the twin's local identity provider. */
export async function localToken(sub: string, groups: string[], unitId?: string): Promise<string> {
  const { token } = await request<{ token: string }>('POST', '/local/token', { body: { sub, groups, ...(unitId ? { unitId } : {}) } });
  return token;
}
