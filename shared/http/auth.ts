import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors';
import { ROLES as ALL_ROLES, type Principal, type Role } from '../usecases/principal';

export type { Principal };
const ROLES = new Set<Role>(ALL_ROLES);

/**
 * The HTTP API JWT authorizer hands array claims to Lambda as one bracketed string,
 * `"[admin council]"`, its items separated by single spaces (docs/toolchain.md "API Gateway (HTTP API)"). Accept that form, a
 * real array, or a lone value, and nothing looser: a group named `viewer,admin` is one group (which
 * is no role), never the two roles its name spells.
 */
export function parseGroupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  if (value.startsWith('[') && value.endsWith(']')) return value.slice(1, -1).split(' ').filter(Boolean);
  return value === '' ? [] : [value];
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
  if (!principal) throw new HttpError(401, 'auth.unauthorized', 'Chưa đăng nhập hoặc mã truy cập không hợp lệ.');
  if (!principal.roles.some((r) => allowed.includes(r))) {
    throw new HttpError(403, 'auth.forbidden', `Tài khoản không có quyền dùng chức năng này (cần một trong các vai trò: ${allowed.join(', ')}).`);
  }
  return principal;
}
