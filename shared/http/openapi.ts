import * as z from 'zod/mini';
import * as agency from '../schemas/agency';
import * as campaign from '../schemas/campaign';
import * as directory from '../schemas/directory';
import * as events from '../schemas/events';
import { CODE_PATTERN, ID_PATTERN } from '../schemas/ids';
import * as nomination from '../schemas/nomination';
import * as registration from '../schemas/registration';
import * as scoring from '../schemas/scoring';
import * as submission from '../schemas/submission';
import * as user from '../schemas/user';
import * as responses from './responses';
import { MAX_BODY_BYTES } from './handler';
import { routeResponses } from './route-responses';
import { routeKey, routes, textAnswers, XLSX_MEDIA_TYPE, type RouteKey, type RouteSpec } from './routes';

/** What the route answers (shared/http/route-responses.ts), for the document only. */
const responseOf = (route: RouteSpec) => routeResponses[routeKey(route) as RouteKey];

/*
 * The OpenAPI 3.1 document, generated from the route list (./routes.ts): the request schemas are the
 * zod schemas that validate requests, the response schemas those of ./responses.ts and the stored
 * shapes. Every status a route can answer is listed, each error with the one error body. Clean under
 * `npx redocly lint` with its recommended rules (`npm run lint:api`, part of `npm run lint`).
 */

type Json = Record<string, unknown>;

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): Json => {
  // `$schema` belongs to a standalone document, not to a schema embedded in OpenAPI 3.1.
  const { $schema: _omit, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
};

/**
 * The modules whose exported schemas are named components (`Campaign`, `ScoringTable`, `Title`, …): an answer
 * that holds one refers to it by name instead of repeating it. Only the names some answer uses are kept.
 */
const NAMED: readonly Record<string, unknown>[] = [responses, campaign, scoring, nomination, registration, directory, events, agency, user, submission];

const isSchema = (v: unknown): v is z.core.$ZodType => typeof v === 'object' && v !== null && '_zod' in v;
const componentRef = (id: string) => `#/components/schemas/${id}`;

/**
 * The answers' schemas as components, converted in one pass so each named schema is written once: the named
 * exports of NAMED, and each route's response schema (under its own name, or `<OperationId>Response`).
 * Returns the components and the name of each route's response.
 */
function responseComponents(list: readonly RouteSpec[]) {
  const names = new Map<z.core.$ZodType, string>();
  const taken = new Set<string>();
  const name = (schema: z.core.$ZodType, id: string) => {
    if (names.has(schema) || taken.has(id)) return;
    names.set(schema, id);
    taken.add(id);
  };
  for (const mod of NAMED) for (const [id, value] of Object.entries(mod)) if (/^[A-Z]/.test(id) && isSchema(value)) name(value, id);
  for (const route of list) {
    const response = responseOf(route);
    if (response) name(response, `${operationIdOf(route).replace(/^./, (c) => c.toUpperCase())}Response`);
  }
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of names) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', uri: componentRef });
  const converted: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    converted[id] = rest;
  }
  return {
    converted,
    responseName: (route: RouteSpec) => {
      const response = responseOf(route);
      return response ? names.get(response) : undefined;
    },
  };
}

/** The components some operation refers to, directly or through another: the rest are left out. */
function usedComponents(paths: unknown, all: Record<string, Json>): Record<string, Json> {
  const used = new Set<string>();
  const queue = [JSON.stringify(paths)];
  while (queue.length) {
    for (const [, id] of (queue.pop() as string).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (used.has(id as string) || !all[id as string]) continue;
      used.add(id as string);
      queue.push(JSON.stringify(all[id as string]));
    }
  }
  return Object.fromEntries(Object.entries(all).filter(([id]) => used.has(id)));
}

const ERROR = { $ref: '#/components/schemas/Error' };
const GATEWAY_ERROR = { $ref: '#/components/schemas/GatewayError' };
const json = (schema: Json) => ({ 'application/json': { schema } });

/** The one error body of the function (shared/http/handler.ts errorResponse), and API Gateway's own. */
const components = () => ({
  securitySchemes: {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A Cognito ID token (on the twin, from POST /local/token). Roles come from `cognito:groups` (admin, unit, council, viewer; platform for the operator’s routes), the agency from `custom:agencyId`, a unit’s reporter’s unit from `custom:unitId`.',
    },
  },
  schemas: {
    Error: {
      type: 'object',
      description: 'Every error the API itself writes (README "Errors").',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: '^[a-z]+(\\.[a-z_]+)*$', description: 'Stable, for programs: e.g. request.invalid, auth.forbidden, campaign.not_draft', examples: ['campaign.not_draft'] },
        message: { type: 'string', description: 'Vietnamese, for people' },
        errors: {
          type: 'array',
          description:
            'Each refused field, named by its dotted path (`signer.name`, `recipientGroups.1`, `query.cursor`); an imported workbook’s bad cell also by its sheet, row and column (`path` then reads `Cán bộ!C12`)',
          items: {
            type: 'object',
            required: ['path', 'message'],
            additionalProperties: false,
            properties: {
              path: { type: 'string' },
              message: { type: 'string', description: 'Vietnamese' },
              sheet: { type: 'string', description: 'An imported workbook’s sheet' },
              row: { type: ['integer', 'null'], description: 'Its row as Excel numbers it (1 is the header); null for a problem of the whole sheet or file' },
              column: {
                oneOf: [{ type: 'null' }, { type: 'object', required: ['letter', 'header'], additionalProperties: false, properties: { letter: { type: 'string' }, header: { type: 'string' } } }],
                description: 'Its column: the letter and the template’s header',
              },
            },
          },
        },
      },
    },
    GatewayError: {
      type: 'object',
      description: 'API Gateway’s own fixed body, before or instead of the function (`Unauthorized`, `Not Found`, `Too Many Requests`, `Internal Server Error`); the twin answers the same.',
      required: ['message'],
      additionalProperties: false,
      properties: { message: { type: 'string' } },
    },
  },
  responses: {
    BadRequest: { description: 'A bad body, query or path parameter, each bad field named by its path in `errors`; `code` e.g. `request.invalid`, `campaign.not_participant`.', content: json(ERROR) },
    Unauthorized: {
      description: 'No valid bearer token: API Gateway’s JWT authorizer answers `{"message":"Unauthorized"}` before the function runs; the function’s own is `auth.unauthorized`.',
      content: json({ anyOf: [ERROR, GATEWAY_ERROR] }),
    },
    Forbidden: {
      description:
        'The caller’s roles do not include one the route names, or the records are another unit’s; `code` e.g. `auth.forbidden`, `auth.no_agency`, `auth.not_own_unit`, `auth.no_unit`, `nomination.not_own_unit`.',
      content: json(ERROR),
    },
    NotFound: {
      description: 'No such record (or another agency’s); `code` e.g. `campaign.not_found`, `report.not_found`, `results.not_final`, `proposal.not_ready`, `resource.not_found`.',
      content: json(ERROR),
    },
    TooLarge: { description: `A body over ${MAX_BODY_BYTES / 1024} KB: \`request.too_large\`.`, content: json(ERROR) },
    TooManyRequests: { description: 'Over the stage’s throttling (`apiRateLimit`, `apiBurstLimit`): API Gateway’s own answer.', content: json(GATEWAY_ERROR) },
    Internal: {
      description: 'A fault of ours, logged: `internal`; a function that failed outright is API Gateway’s `{"message":"Internal Server Error"}`.',
      content: json({ anyOf: [ERROR, GATEWAY_ERROR] }),
    },
  },
});

/** Tags group the operations in the reference page and in tools; a route no group names is tagged by its first path segment. */
const TAGS: readonly { name: string; description: string; match: RegExp }[] = [
  { name: 'Service', description: 'Readiness and this API’s own description.', match: /^\/(health|openapi\.json|docs)$/ },
  { name: 'Directory', description: 'The agency’s directory: the Nơi nhận recipient groups and the units.', match: /^\/(recipient-groups|units)(\/|$)/ },
  { name: 'Deliveries', description: 'Every mail a campaign sent, its status, and sending again.', match: /^\/campaigns\/\{id\}\/deliveries/ },
  {
    name: 'Reports',
    description: 'Đăng ký thi đua, the units’ reports (sơ kết, tổng kết), the Office’s verification and the standings.',
    match: /^\/campaigns\/\{id\}\/(registrations|reports|standings)/,
  },
  {
    name: 'Awards',
    description: 'Đề nghị khen thưởng: nominations, the proposal, the Council’s ballot and the final results.',
    match: /^\/campaigns\/\{id\}\/(nominations|close-nominations|proposal|council-votes|results)/,
  },
  { name: 'Campaigns', description: 'Phong trào thi đua: the launch letter, its scoring table, issuing and the audit trail.', match: /^\/campaigns(\/|$)/ },
];
const tagOf = (path: string) => TAGS.find((t) => t.match.test(path))?.name ?? (path.split('/')[1] ?? '').replace(/^./, (c) => c.toUpperCase());

/** Path parameters are parsed with these (shared/usecases/params.ts); one the table does not know is a string. */
const PARAM_SCHEMAS: Readonly<Record<string, Json>> = {
  id: { type: 'string', pattern: ID_PATTERN.source },
  unitId: { type: 'string', pattern: ID_PATTERN.source },
  personId: { type: 'string', pattern: ID_PATTERN.source },
  code: { type: 'string', pattern: CODE_PATTERN.source },
  period: { type: 'string', enum: ['mid-year', 'final'] },
};

const SUCCESS: Readonly<Record<number, string>> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };

/** A unique, stable id: the method and the path's words, e.g. `postCampaignsIdIssue`. */
export const operationIdOf = (route: Pick<RouteSpec, 'method' | 'path'>) => `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`;

function operation(route: RouteSpec, responseName: string | undefined) {
  const params: Json[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: PARAM_SCHEMAS[name as string] ?? { type: 'string' },
  }));
  const pathParams = params.length;
  const query = route.query ? (schemaOf(route.query, 'input') as { properties?: Record<string, Json>; required?: string[] }) : undefined;
  for (const [name, schema] of Object.entries(query?.properties ?? {})) {
    const { description, ...rest } = schema;
    params.push({ name, in: 'query', required: query?.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
  }
  const status = route.successStatus ?? 200;
  const texts = textAnswers(route);
  const content: Json = {
    ...(responseName ? json({ $ref: componentRef(responseName) }) : {}),
    ...Object.fromEntries(texts.map((t) => [t.mediaType, { schema: t.mediaType === XLSX_MEDIA_TYPE ? { type: 'string', contentMediaType: XLSX_MEDIA_TYPE } : { type: 'string' } }])),
  };
  const responses: Json = {
    [String(status)]: { description: [SUCCESS[status] ?? 'Success', ...texts.map((t) => t.description)].join('. '), ...(Object.keys(content).length ? { content } : {}) },
  };
  const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
  if (route.body || route.query || pathParams > 0) responses['400'] = ref('BadRequest');
  if (route.auth === 'jwt') {
    responses['401'] = ref('Unauthorized');
    responses['403'] = ref('Forbidden');
  }
  if (pathParams > 0) responses['404'] = ref('NotFound');
  if (route.conflicts?.length) {
    responses['409'] = {
      description: `A refused state change; \`code\` says which: ${route.conflicts.map((c) => `\`${c}\``).join(', ')}.`,
      content: json({ allOf: [ERROR, { type: 'object', properties: { code: { enum: [...route.conflicts] } } }] }),
    };
  }
  if (route.body) responses['413'] = ref('TooLarge');
  responses['429'] = ref('TooManyRequests');
  responses['500'] = ref('Internal');
  const roles = route.auth === 'jwt' ? `Roles: ${(route.roles ?? []).join(', ')}.` : 'No token needed.';
  return {
    tags: [tagOf(route.path)],
    summary: route.summary,
    description: roles,
    operationId: operationIdOf(route),
    ...(route.auth === 'jwt' ? { security: [{ bearer: [] }], 'x-roles': route.roles } : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: json(schemaOf(route.body, 'input')) } } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

let built: ReturnType<typeof build> | undefined;

/**
 * The document, built on the first request that needs it (GET /openapi.json, GET /docs) and kept: it is the same for
 * every caller, and building it converts every schema of the API.
 */
export function openApiDocument() {
  built ??= build();
  return built;
}

function build() {
  const list = routes as readonly RouteSpec[];
  const { converted, responseName } = responseComponents(list);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of list) {
    const operations = paths[route.path] ?? {};
    operations[route.method.toLowerCase()] = operation(route, responseName(route));
    paths[route.path] = operations;
  }
  const used = new Set(Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op as { tags: string[] }).tags)));
  const tags = [
    ...TAGS.filter((t) => used.has(t.name)).map(({ name, description }) => ({ name, description })),
    ...[...used].filter((name) => !TAGS.some((t) => t.name === name)).map((name) => ({ name, description: `The routes under /${name.toLowerCase()}.` })),
  ];
  return {
    openapi: '3.1.0',
    info: {
      title: 'thidua: emulation and commendation campaigns',
      version: '1',
      summary: 'Phong trào thi đua, khen thưởng',
      description:
        'Phong trào thi đua, khen thưởng: directory, campaigns, issuing and the Nơi nhận deliveries, reports and standings, nominations, the Council’s ballot and the results. Errors are `{ code, message, errors? }`: `code` stable for programs, `message` in Vietnamese for people. A browsable page of this document is GET /docs.',
      license: { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [
      { url: '/', description: 'This API: the origin this document was served from (the stack’s ApiUrl, or its custom domain)' },
      { url: 'http://127.0.0.1:3000', description: 'The local twin (npm start; PORT changes the port)' },
    ],
    tags,
    security: [{ bearer: [] }],
    paths,
    components: (() => {
      const base = components();
      return { ...base, schemas: { ...base.schemas, ...usedComponents({ paths, base }, converted) } };
    })(),
  };
}
