import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize, authorizePlatform, parseGroupsClaim, principalOf } from '../../shared/http/auth';
import type { HttpError } from '../../shared/http/errors';

const eventWith = (claims?: Record<string, unknown>) => ({ requestContext: claims ? { authorizer: { jwt: { claims, scopes: null } } } : {} }) as unknown as APIGatewayProxyEventV2;

describe('roles from the HTTP API JWT authorizer', () => {
  it.each([
    ['[admin council]', ['admin', 'council']],
    ['[admin]', ['admin']],
    ['admin', ['admin']],
    ['[]', []],
    [
      ['unit', 'viewer'],
      ['unit', 'viewer'],
    ],
    [undefined, []],
  ])('parses %j', (claim, roles) => {
    expect(parseGroupsClaim(claim)).toEqual(roles);
  });

  it('reads sub, roles and the unit from the claims, ignoring unknown groups', () => {
    expect(principalOf(eventWith({ sub: 'u1', 'cognito:groups': '[unit other]', 'custom:agencyId': 'so-nv', 'custom:unitId': 'VP' }))).toEqual({
      sub: 'u1',
      roles: ['unit'],
      agencyId: 'so-nv',
      unitId: 'VP',
    });
    expect(principalOf(eventWith({ sub: 'p', 'cognito:groups': '[platform]' }))).toEqual({ sub: 'p', roles: [], platform: true });
    expect(principalOf(eventWith())).toBeUndefined();
  });

  const outcome = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return `${(e as HttpError).statusCode} ${(e as HttpError).code}`;
    }
    return '200';
  };

  it('401 without a principal, 403 without a permitted role, 403 without an agency', () => {
    expect(outcome(() => authorize(undefined, ['admin']))).toBe('401 auth.unauthorized');
    expect(outcome(() => authorize({ sub: 'v', roles: ['viewer'], agencyId: 'a' }, ['admin']))).toBe('403 auth.forbidden');
    expect(outcome(() => authorize({ sub: 'a', roles: ['viewer', 'admin'], agencyId: 'a' }, ['admin']))).toBe('200');
    expect(authorize({ sub: 'a', roles: ['admin'], agencyId: 'so-nv' }, ['admin']).agencyId).toBe('so-nv');
    // An admin token without custom:agencyId reaches no agency's keys.
    expect(outcome(() => authorize({ sub: 'a', roles: ['admin'] }, ['admin']))).toBe('403 auth.no_agency');
  });

  it('the platform operator passes only the platform routes, and agency users never pass them', () => {
    expect(outcome(() => authorizePlatform({ sub: 'p', roles: [], platform: true }))).toBe('200');
    expect(outcome(() => authorize({ sub: 'p', roles: [], platform: true }, ['admin', 'unit', 'council', 'viewer']))).toBe('403 auth.forbidden');
    expect(outcome(() => authorizePlatform({ sub: 'a', roles: ['admin'], agencyId: 'so-nv' }))).toBe('403 auth.forbidden');
    expect(outcome(() => authorizePlatform(undefined))).toBe('401 auth.unauthorized');
  });
});
