import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors';
import type { Role } from './routes';

export interface Principal {
  sub: string;
  roles: Role[];
  unitId?: string;
  email?: string;
}

const ROLES = new Set<Role>(['admin', 'unit', 'council', 'viewer']);

/**
 * The HTTP API JWT authorizer hands array claims to Lambda as one bracketed string,
 * `"[admin council]"` (docs/toolchain.md "API Gateway (HTTP API)"). Accept that form, a real array, or a lone value.
 */
export function parseGroupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter(Boolean);
}

type JwtContext = { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };

export function principalOf(event: APIGatewayProxyEventV2): Principal | undefined {
  const claims = (event.requestContext as JwtContext).authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const roles = parseGroupsClaim(claims['cognito:groups']).filter((g): g is Role => ROLES.has(g as Role));
  const unitId = claims['custom:unitId'];
  const email = claims.email;
  return {
    sub: claims.sub,
    roles,
    ...(typeof unitId === 'string' && unitId ? { unitId } : {}),
    ...(typeof email === 'string' ? { email } : {}),
  };
}

/** 401 without a verified identity, 403 when none of the caller's roles may use the route. */
export function authorize(principal: Principal | undefined, allowed: readonly Role[]): Principal {
  if (!principal) throw new HttpError(401, 'Unauthorized');
  if (!principal.roles.some((r) => allowed.includes(r))) {
    throw new HttpError(403, `Forbidden: this route needs one of the roles ${allowed.join(', ')}`);
  }
  return principal;
}
