import { API_REFERENCE_HEADERS, apiReferencePage } from '../../shared/http/api-reference';
import { operationIdOf } from '../../shared/http/openapi';
import { routes, type RouteSpec } from '../../shared/http/routes';

/** GET /docs: the API reference page for people, which must load nothing from anywhere. */
describe('the API reference page', () => {
  const page = apiReferencePage();

  it('lists every operation: its anchor, its method and path, its summary, in the table of contents', () => {
    for (const r of routes as readonly RouteSpec[]) {
      const id = operationIdOf(r);
      expect(page).toContain(`<section class="op" id="${id}">`);
      expect(page).toContain(`<a href="#${id}"><code>${r.method} ${r.path}</code></a>`);
      expect(page).toContain(`<span class="m ${r.method.toLowerCase()}">${r.method}</span><span class="path">${r.path}</span>`);
      // Summaries hold apostrophes and the like: escaped, as every value of the document is.
      expect(page).toContain(`<p>${r.summary.replaceAll('&', '&amp;').replaceAll("'", '&#39;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}</p>`);
    }
  });

  it('shows the statuses and the schemas: the conflicts of a route, the CSV of the results, the error body', () => {
    const issue = page.slice(page.indexOf('id="postCampaignsIdIssue"'), page.indexOf('</section>', page.indexOf('id="postCampaignsIdIssue"')));
    expect(issue).toContain('<code>409</code>');
    expect(issue).toContain('campaign.not_draft');
    expect(page).toContain('text/csv');
    expect(page).toMatch(/<summary>Error: <span class="type">object<\/span>/);
  });

  it('loads nothing: no script, no external stylesheet, font or image, no link to another origin', () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    expect(page).not.toMatch(/\b(src|href|action)\s*=\s*["']?\s*(https?:)?\/\//i);
    const links = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(routes.length);
    expect(links.filter((l) => !l?.startsWith('#') && l !== 'openapi.json')).toEqual([]);
    // And the browser is told so: nothing but the inline style may load.
    expect(API_REFERENCE_HEADERS['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline';/);
    expect(API_REFERENCE_HEADERS['content-type']).toBe('text/html; charset=utf-8');
  });

  it('every link on it leads somewhere on it: each named type to its entry under Schemas', () => {
    const anchors = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toContain('schema-Campaign');
    expect(anchors.has('schema-Campaign')).toBe(true);
    expect(targets.filter((t) => !anchors.has(t))).toEqual([]);
  });

  it('is built once', () => {
    expect(apiReferencePage()).toBe(page);
  });
});
