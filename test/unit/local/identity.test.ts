import { createIdentity, flattenClaims, LOCAL_CLIENT_ID } from '../../../infra/local/identity';
import { parseGroupsClaim } from '../../../shared/http/auth';

const issuer = 'http://127.0.0.1:3000/local/idp';

describe('the local identity provider (Cognito stand-in)', () => {
  it('issues RS256 tokens shaped like Cognito ID tokens', async () => {
    const idp = await createIdentity({ issuer });
    const token = await idp.issue({ sub: 'u-1', groups: ['admin', 'council'], unitId: 'VP', email: 'a@example.org' });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toEqual({ kid: idp.keyId, alg: 'RS256' });
    expect(payload).toMatchObject({
      sub: 'u-1',
      iss: issuer,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      'cognito:groups': ['admin', 'council'],
      'custom:unitId': 'VP',
      email: 'a@example.org',
    });
    expect(payload.exp - payload.iat).toBe(3600);
    await expect(idp.verify(token)).resolves.toMatchObject({ sub: 'u-1' });
    expect(idp.jwks().keys[0]).toMatchObject({ kty: 'RSA', kid: idp.keyId, alg: 'RS256', use: 'sig' });
  });

  it('refuses what the HTTP API JWT authorizer refuses', async () => {
    let now = Date.now();
    const idp = await createIdentity({ issuer, now: () => now });
    const other = await createIdentity({ issuer });
    const otherAudience = await createIdentity({ issuer, audience: 'someone-else' });
    const token = await idp.issue({ sub: 'u', groups: [] });
    const [h, p, s] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), 'cognito:groups': ['admin'] })).toString('base64url');

    await expect(idp.verify('not.a.jwt')).rejects.toThrow(/malformed/);
    await expect(idp.verify(`${h}.${forged}.${s}`)).rejects.toThrow(/signature/);
    await expect(idp.verify(await other.issue({ sub: 'u', groups: [] }))).rejects.toThrow(/signing key/);
    await expect(otherAudience.verify(await otherAudience.issue({ sub: 'u', groups: [] }))).resolves.toBeDefined();
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: idp.keyId })).toString('base64url')}.${p}.`;
    await expect(idp.verify(none)).rejects.toThrow(/signing method/);
    now += 3601 * 1000;
    await expect(idp.verify(token)).rejects.toThrow(/expired/);
  });

  it('flattens claims as the authorizer hands them to Lambda, which the API parses back', () => {
    const claims = flattenClaims({ sub: 'u', 'cognito:groups': ['admin', 'council'], iat: 1700000000, email_verified: true, none: null });
    expect(claims).toEqual({ sub: 'u', 'cognito:groups': '[admin council]', iat: '1700000000', email_verified: 'true' });
    expect(parseGroupsClaim(claims['cognito:groups'])).toEqual(['admin', 'council']);
    expect(flattenClaims({ 'cognito:groups': [] })['cognito:groups']).toBe('[]');
  });
});
