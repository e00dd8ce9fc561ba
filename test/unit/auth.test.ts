import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize, parseGroupsClaim, principalOf } from '../../shared/http/auth';
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
    expect(principalOf(eventWith({ sub: 'u1', 'cognito:groups': '[unit other]', 'custom:unitId': 'VP' }))).toEqual({ sub: 'u1', roles: ['unit'], unitId: 'VP' });
    expect(principalOf(eventWith())).toBeUndefined();
  });

  it('401 without a principal, 403 without a permitted role', () => {
    const status = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as HttpError).statusCode;
      }
      return 200;
    };
    expect(status(() => authorize(undefined, ['admin']))).toBe(401);
    expect(status(() => authorize({ sub: 'v', roles: ['viewer'] }, ['admin']))).toBe(403);
    expect(status(() => authorize({ sub: 'a', roles: ['viewer', 'admin'] }, ['admin']))).toBe(200);
  });
});
