import { routes, type RouteSpec } from '../../shared/http/routes';
import { apiUrl, call } from './client';

/** The API document and its page, as a client gets them from the twin (the same handler Lambda runs). */
describe('GET /openapi.json and GET /docs', () => {
  it('the document names its servers and lists every route; the client holds every answer of these tests to it', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.servers.map((s: { url: string }) => s.url)).toEqual(['/', 'http://127.0.0.1:3000']);
    for (const r of routes as readonly RouteSpec[]) expect(doc.body.paths[r.path][r.method.toLowerCase()].responses).toBeDefined();
  });

  it('the page: HTML with no token, every operation on it, and a policy that lets nothing else load', async () => {
    const res = await fetch(`${apiUrl()}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none';/);
    const page = await res.text();
    expect(page.startsWith('<!doctype html>')).toBe(true);
    for (const r of routes as readonly RouteSpec[]) expect(page).toContain(`<code>${r.method} ${r.path}</code>`);
    expect(page).not.toMatch(/<script|\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    // Through the client too: status and media type as the document lists them for GET /docs.
    expect((await call('GET', '/docs')).status).toBe(200);
  });
});
