import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors';
import { ROLES as ALL_ROLES, type PlatformPrincipal, type Principal, type Role } from '../usecases/principal';

export type { PlatformPrincipal, Principal };
/** Who may call a route: agency roles, or the platform operator. */
export type RouteRole = Role | 'platform';
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

/** The verified caller, before any route's roles are checked: an agency user, or the platform operator. */
export type Caller = (Omit<Principal, 'agencyId'> & { agencyId?: string; platform?: boolean }) | undefined;

export function principalOf(event: APIGatewayProxyEventV2): Caller {
  const claims = (event.requestContext as JwtContext).authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = parseGroupsClaim(claims['cognito:groups']);
  const roles = groups.filter((g): g is Role => ROLES.has(g as Role));
  const agencyId = claims['custom:agencyId'];
  const unitId = claims['custom:unitId'];
  const email = claims.email;
  return {
    sub: claims.sub,
    roles,
    ...(groups.includes('platform') ? { platform: true } : {}),
    ...(typeof agencyId === 'string' && agencyId ? { agencyId } : {}),
    ...(typeof unitId === 'string' && unitId ? { unitId } : {}),
    ...(typeof email === 'string' ? { email } : {}),
  };
}

const unauthorized = () => new HttpError(401, 'auth.unauthorized', 'Chưa đăng nhập hoặc mã truy cập không hợp lệ.');
const forbidden = (allowed: readonly RouteRole[]) => new HttpError(403, 'auth.forbidden', `Tài khoản không có quyền dùng chức năng này (cần một trong các vai trò: ${allowed.join(', ')}).`);

/**
 * 401 without a verified identity, 403 when none of the caller's roles may use the route. An agency route needs the
 * agency in the token (`custom:agencyId`): every key the use case touches is under it, so a token without one reaches
 * nothing. The platform role passes only routes that name it, and there it carries no agency.
 */
export function authorize(caller: Caller, allowed: readonly RouteRole[]): Principal {
  if (!caller) throw unauthorized();
  if (!caller.roles.some((r) => allowed.includes(r))) throw forbidden(allowed);
  if (!caller.agencyId) throw new HttpError(403, 'auth.no_agency', 'Tài khoản chưa được gắn với cơ quan nào (thiếu custom:agencyId); liên hệ quản trị nền tảng.');
  return { sub: caller.sub, roles: caller.roles, agencyId: caller.agencyId, ...(caller.unitId ? { unitId: caller.unitId } : {}), ...(caller.email ? { email: caller.email } : {}) };
}

/** The platform operator's routes (agencies): only the `platform` group passes. */
export function authorizePlatform(caller: Caller): PlatformPrincipal {
  if (!caller) throw unauthorized();
  if (!caller.platform) throw forbidden(['platform']);
  return { sub: caller.sub, platform: true, ...(caller.email ? { email: caller.email } : {}) };
}
