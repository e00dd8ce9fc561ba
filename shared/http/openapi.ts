import * as z from 'zod';
import { routes, type RouteSpec } from './routes';

const ErrorBody = z.object({
  code: z.string().describe('Stable, for programs: e.g. request.invalid, auth.forbidden, campaign.not_draft'),
  message: z.string().describe('Vietnamese, for people'),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output') => {
  // `$schema` belongs to a standalone document, not to a schema embedded in OpenAPI 3.1.
  const { $schema: _omit, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
};

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });

function operation(route: RouteSpec) {
  const params: Record<string, unknown>[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.query ? (schemaOf(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] }) : undefined;
  for (const [name, schema] of Object.entries(query?.properties ?? {})) {
    params.push({ name, in: 'query', required: query?.required?.includes(name) ?? false, schema });
  }
  const responses: Record<string, unknown> = {
    [String(route.successStatus ?? 200)]: {
      description: 'OK',
      ...(route.response ? { content: json(schemaOf(route.response, 'output')) } : {}),
    },
  };
  if (route.body || route.query) {
    responses['400'] = { description: 'Invalid body: each bad field named by its path', content: json(schemaOf(ErrorBody, 'output')) };
    responses['413'] = { description: 'Body over 256 KB' };
  }
  if (route.auth === 'jwt') {
    responses['401'] = { description: 'No valid bearer token' };
    responses['403'] = { description: `Needs one of the roles: ${(route.roles ?? []).join(', ')}` };
  }
  if (params.length > 0) responses['404'] = { description: 'Not found', content: json(schemaOf(ErrorBody, 'output')) };
  return {
    summary: route.summary,
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    ...(route.auth === 'jwt' ? { security: [{ bearer: [] }], 'x-roles': route.roles } : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: json(schemaOf(route.body, 'input')) } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the route list and the zod schemas that validate requests. */
export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly RouteSpec[]) {
    const operations = paths[route.path] ?? {};
    operations[route.method.toLowerCase()] = operation(route);
    paths[route.path] = operations;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'thidua: emulation and commendation campaigns',
      version: '1',
      description: 'Phong trào thi đua, khen thưởng: directory, campaigns, issuing and the Nơi nhận deliveries.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
