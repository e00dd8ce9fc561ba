import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument } from '../shared/http/openapi';

/*
 * Checks an answer of the API against the OpenAPI document: the status must be one the operation
 * lists, the media type one its response lists, and a JSON body must fit the documented schema.
 * Used on every call of every integration test (test/integration/client.ts) and by the unit tests
 * of the document. ajv comes with the dev tooling (Stryker depends on it); formats (date-time,
 * email) are not checked here: the zod schemas that write the data check them.
 */

type Json = Record<string, unknown>;
interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: Json }>;
}

let state: { match: (method: string, path: string) => { key: string; op: { responses: Record<string, Response> } } | undefined; ajv: Ajv2020; doc: Json } | undefined;

function load() {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, Response> }>>; components: Json };
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  // The components, so `#/components/schemas/Error` resolves inside each response schema.
  ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
  const templates = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      re: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
      op,
    })),
  );
  const match = (method: string, path: string) => {
    const t = templates.find((c) => c.method === method.toUpperCase() && c.re.test(path));
    return t ? { key: `${t.method} ${t.template}`, op: t.op } : undefined;
  };
  return { match, ajv, doc: doc as unknown as Json };
}

const compiled = new Map<Json, ReturnType<Ajv2020['compile']>>();

/** `#/components/...` references, rewritten to the schema registered above. */
const rebase = (schema: Json): Json => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));

/**
 * What is wrong with this answer, by the document, or undefined when it fits (or the path is no
 * route of the document: the twin's /local/ routes, an unknown path). `contentType` as the header
 * gives it, parameters included.
 */
export function undocumented(method: string, url: string, status: number, contentType: string | null, body: unknown): string | undefined {
  state ??= load();
  const path = url.split('?')[0] as string;
  const found = state.match(method, path);
  if (!found) return undefined;
  const raw = found.op.responses[String(status)];
  if (!raw) return `${found.key} answered ${status}, a status its operation does not list (${Object.keys(found.op.responses).join(', ')})`;
  const ref = raw.$ref ? raw.$ref.split('/').pop() : undefined;
  const response = (ref ? (state.doc.components as { responses: Record<string, Response> }).responses[ref] : raw) as Response;
  const media = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (!response.content) return body === undefined || body === '' ? undefined : `${found.key} ${status}: a body where the document lists none`;
  const entry = response.content[media];
  if (!entry) return `${found.key} ${status}: media type "${media}", the document lists ${Object.keys(response.content).join(', ')}`;
  if (media !== 'application/json' || !entry.schema) return undefined;
  let validate = compiled.get(entry.schema);
  if (!validate) {
    validate = state.ajv.compile(rebase(entry.schema));
    compiled.set(entry.schema, validate);
  }
  if (validate(body)) return undefined;
  const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  return `${found.key} ${status}: the body does not fit the documented schema:\n  ${errors.join('\n  ')}`;
}
