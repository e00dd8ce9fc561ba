import { html, joinHtml, type SafeHtml, trusted } from '../mail/html';
import { openApiDocument } from './openapi';

/*
 * GET /docs: the OpenAPI document as one page for people, rendered on the server to plain HTML with
 * inline CSS: no script, no font, no stylesheet or image from anywhere, so it reads the same in an
 * agency network that reaches nothing outside (issue 14). Every value of the document goes through
 * the escaping `html` tag (shared/mail/html.ts). Built on the first request and kept.
 */

type Json = Record<string, unknown>;

const CSS = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1f24;background:#fff}
main{max-width:64rem;margin:0 auto;padding:1rem 1.5rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{border-bottom:2px solid #d0d7de;padding-bottom:.25rem;margin-top:2.5rem}
h3{font-size:1.05rem;margin:1.75rem 0 .25rem}code,.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.m{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;font-weight:600;padding:.1em .4em;margin-right:.4em}
.get{background:#1f6feb}.post{background:#1a7f37}.put{background:#9a6700}.delete{background:#cf222e}
.op{border:1px solid #d0d7de;border-radius:6px;padding:.25rem 1rem 1rem;margin:1rem 0}
table{border-collapse:collapse;margin:.5rem 0;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
ul.schema{margin:.25rem 0;padding-left:1.25rem}ul.schema li{margin:.1rem 0}.type{color:#6e7781}.req{color:#cf222e;font-size:.85em}
details{margin:.25rem 0}summary{cursor:pointer}.muted{color:#6e7781}nav ul{columns:2;padding-left:1.25rem}`;

/** Deeper than any schema of the API; a guard against a self-referencing one. */
const MAX_DEPTH = 12;

const refName = (ref: string) => ref.split('/').pop() ?? ref;

/** A description's `code spans` as <code>, the rest as text: the only Markdown the document's descriptions use. */
const md = (text: string | undefined): SafeHtml =>
  joinHtml(
    (text ?? '').split('`').map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : html`${part}`)),
    html``,
  );

/** A schema's type in a few words; a named one links to its entry under "Schemas". */
function typeHtml(s: Json): SafeHtml {
  if (typeof s.$ref === 'string') return html`<a href="#schema-${refName(s.$ref)}">${refName(s.$ref)}</a>`;
  if (s.type === 'array' && s.items && typeof s.items === 'object') {
    const item = typeHtml(s.items as Json);
    return html`array of ${item.toString() ? item : 'any'}`;
  }
  return html`${typeLabel(s)}`;
}

function typeLabel(s: Json): string {
  if ('const' in s) return `= ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const type = Array.isArray(s.type) ? s.type.join(' | ') : typeof s.type === 'string' ? s.type : '';
  const extras = [typeof s.pattern === 'string' ? `pattern ${s.pattern}` : '', typeof s.format === 'string' ? s.format : '', typeof s.maxLength === 'number' ? `≤ ${s.maxLength} chars` : ''].filter(
    Boolean,
  );
  const combined = s.allOf ? 'all of' : s.anyOf || s.oneOf ? 'one of' : 'any';
  return [type || combined, ...extras].filter(Boolean).join(', ');
}

/** A schema as nested lists: each property with its type, whether it is required, and its description. */
function schemaHtml(s: Json, depth = 0): SafeHtml {
  if (depth > MAX_DEPTH) return html`<span class="muted">…</span>`;
  const parts: SafeHtml[] = [];
  const props = s.properties as Record<string, Json> | undefined;
  if (props) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    parts.push(
      html`<ul class="schema">${Object.entries(props).map(
        ([name, p]) =>
          html`<li><code>${name}</code> <span class="type">${typeHtml(p)}</span>${required.has(name) ? html` <span class="req">required</span>` : html``}${
            typeof p.description === 'string' ? html`: ${md(p.description)}` : html``
          }${schemaHtml(p, depth + 1)}</li>`,
      )}</ul>`,
    );
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && Object.keys(s.additionalProperties).length > 0) {
    const v = s.additionalProperties as Json;
    parts.push(html`<ul class="schema"><li><span class="muted">each key →</span> <span class="type">${typeHtml(v)}</span>${schemaHtml(v, depth + 1)}</li></ul>`);
  }
  if (s.items && typeof s.items === 'object') parts.push(schemaHtml(s.items as Json, depth + 1));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key] as Json[] | undefined;
    if (!Array.isArray(list)) continue;
    const label = key === 'allOf' ? 'all of' : 'one of';
    parts.push(
      html`<ul class="schema">${list.map(
        (alt) =>
          html`<li><span class="muted">${label}:</span> <span class="type">${typeHtml(alt)}</span>${typeof alt.description === 'string' ? html`: ${md(alt.description)}` : html``}${schemaHtml(alt, depth + 1)}</li>`,
      )}</ul>`,
    );
  }
  return joinHtml(parts, html``);
}

const schemaBlock = (label: string, schema: Json) =>
  html`<details><summary>${label}: <span class="type">${typeHtml(schema)}</span>${typeof schema.description === 'string' ? html` (${md(schema.description)})` : html``}</summary>${schemaHtml(schema)}</details>`;

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: Json }> }>;
}

function operationHtml(method: string, path: string, op: Operation, components: Record<string, Json>): SafeHtml {
  const responses = Object.entries(op.responses).map(([status, r]) => {
    const resolved = (r.$ref ? components[refName(r.$ref)] : r) as { description?: string; content?: Record<string, { schema: Json }> };
    const media = Object.entries(resolved.content ?? {});
    return html`<tr><td><code>${status}</code></td><td>${md(resolved.description)}${media.map(([type, m]) => schemaBlock(type, m.schema))}</td></tr>`;
  });
  const params = op.parameters ?? [];
  return html`<section class="op" id="${op.operationId}">
<h3><span class="m ${method}">${method.toUpperCase()}</span><span class="path">${path}</span></h3>
<p>${op.summary}</p>
<p class="muted">${md(op.description)} <code>operationId</code>: <code>${op.operationId}</code></p>
${
  params.length
    ? html`<table><tr><th>parameter</th><th>in</th><th>type</th><th>notes</th></tr>${params.map(
        (p) =>
          html`<tr><td><code>${p.name}</code>${p.required ? html` <span class="req">required</span>` : html``}</td><td>${p.in}</td><td class="type">${typeHtml(p.schema)}</td><td>${md(p.description ?? (typeof p.schema.default === 'string' ? `default ${p.schema.default}` : ''))}</td></tr>`,
      )}</table>`
    : html``
}
${op.requestBody ? Object.entries(op.requestBody.content).map(([type, m]) => schemaBlock(`Request body, ${type}`, m.schema)) : html``}
<table><tr><th>status</th><th>answer</th></tr>${responses}</table>
</section>`;
}

function render(): string {
  const doc = openApiDocument() as unknown as {
    info: { title: string; version: string; description: string };
    servers: { url: string; description: string }[];
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { responses: Record<string, Json>; schemas: Record<string, Json> };
  };
  const ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ method, path, op })));
  const sections = doc.tags.map((tag) => {
    const mine = ops.filter((o) => o.op.tags.includes(tag.name));
    return html`<h2 id="tag-${tag.name}">${tag.name}</h2><p>${md(tag.description)}</p>${mine.map((o) => operationHtml(o.method, o.path, o.op, doc.components.responses))}`;
  });
  const toc = doc.tags.map(
    (tag) =>
      html`<li><a href="#tag-${tag.name}">${tag.name}</a><ul>${ops
        .filter((o) => o.op.tags.includes(tag.name))
        .map((o) => html`<li><a href="#${o.op.operationId}"><code>${o.method.toUpperCase()} ${o.path}</code></a></li>`)}</ul></li>`,
  );
  const page = html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title}: API</title><style>${trusted(CSS)}</style></head>
<body><main>
<h1>${doc.info.title}</h1>
<p>${md(doc.info.description)}</p>
<p class="muted">Version ${doc.info.version}. The machine-readable document: <a href="openapi.json"><code>GET /openapi.json</code></a> (OpenAPI 3.1).</p>
<h2>Servers and sign-in</h2>
<ul>${doc.servers.map((s) => html`<li><code>${s.url}</code>: ${md(s.description)}</li>`)}</ul>
<p>Every route but those marked “No token needed” takes <code>Authorization: Bearer &lt;token&gt;</code>; each names the roles it admits.</p>
<h2>Errors</h2>
${schemaBlock('Error', doc.components.schemas.Error as Json)}
${schemaBlock('GatewayError', doc.components.schemas.GatewayError as Json)}
<h2>Operations</h2>
<nav><ul>${toc}<li><a href="#schemas">Schemas</a></li></ul></nav>
${sections}
<h2 id="schemas">Schemas</h2>
<p>The named shapes the answers refer to.</p>
${Object.entries(doc.components.schemas).map(
  ([name, schema]) =>
    html`<section class="op" id="schema-${name}"><h3><code>${name}</code> <span class="type">${typeHtml(schema as Json)}</span></h3>${
      typeof (schema as Json).description === 'string' ? html`<p>${md((schema as Json).description as string)}</p>` : html``
    }${schemaHtml(schema as Json)}</section>`,
)}
</main></body></html>
`;
  return page.toString();
}

let page: string | undefined;

/** The page, rendered once per container. */
export function apiReferencePage(): string {
  page ??= render();
  return page;
}

/** Nothing but the page's own inline style may load: the browser enforces what the markup already avoids. */
export const API_REFERENCE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
} as const;
