/**
 * The twin's user pool (infra/local/cognito-local.ts) spoken to by the API's own Cognito adapter over the AWS JSON 1.1
 * protocol, the SDK unchanged (only its endpoint), with the invitation landing in the SES emulator; and the gateway's
 * `POST /local/token` for its accounts. No DynamoDB here: test/integration/users.test.ts runs the whole path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type CognitoLocal, INVITATION_FROM, startCognitoLocal } from '../../../infra/local/cognito-local';
import { startGateway, type Gateway } from '../../../infra/local/gateway';
import { createIdentity } from '../../../infra/local/identity';
import { startSesLocal, type SesLocal } from '../../../infra/local/ses-local';
import { cognitoIdentity } from '../../../shared/identity/cognito';
import { INVITATION } from '../../../shared/mail/invitation';
import { AccountExistsError } from '../../../shared/usecases/users';

const REGION = 'ap-southeast-1';
let ses: SesLocal;
let pool: CognitoLocal;
let gateway: Gateway;
const dir = mkdtempSync(path.join(tmpdir(), 'cognito-local-'));
const file = path.join(dir, 'users.json');
const saved = { ...process.env };

beforeAll(async () => {
  ses = await startSesLocal({ port: 0 });
  pool = await startCognitoLocal({ region: REGION, sesEndpoint: ses.endpoint, file, log: { warn: () => undefined } });
  Object.assign(process.env, {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: pool.endpoint,
    USER_POOL_ID: pool.userPoolId,
  });
  gateway = await startGateway({
    port: 0,
    apiHandler: async () => ({ statusCode: 200, body: '{}' }),
    identity: (baseUrl) => createIdentity({ issuer: `${baseUrl}/local/idp` }),
    users: pool,
    log: { warn: () => undefined },
  });
});

afterAll(async () => {
  await gateway.stop();
  await pool.stop();
  await ses.stop();
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const emails = async () =>
  ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: { from: string; destination: { to: string[] }; subject: string; body: { html?: string; text?: string } }[] }).emails;
const tokenClaims = async (body: unknown) => {
  const res = await fetch(`${gateway.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { token?: string; message?: string };
  return { status: res.status, message: json.message, claims: json.token ? (JSON.parse(Buffer.from(json.token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>) : undefined };
};

describe('the twin’s user pool, through the API’s Cognito adapter', () => {
  const idp = cognitoIdentity();

  it('creates the account under a generated sub and emails the Vietnamese invitation with a temporary password', async () => {
    const { sub } = await idp.createAccount({ username: 'to.vien@example.org', email: 'to.vien@example.org', name: 'Tô Viên', agencyId: 'so-ngoai-vu', unitId: 'PHONG-LS' });
    expect(sub).toMatch(/^[0-9a-f-]{36}$/);
    const mail = (await emails()).find((e) => e.destination.to.includes('to.vien@example.org'))!;
    expect(mail).toMatchObject({ from: INVITATION_FROM, subject: INVITATION.subject });
    expect(mail.body.text).toContain('Tên đăng nhập: to.vien@example.org');
    const password = /Mật khẩu tạm thời: (\S+)/.exec(mail.body.text!)![1]!;
    // The pool's policy: 12 characters or more, the four classes.
    expect(password).toHaveLength(12);
    for (const cls of [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(password).toMatch(cls);
    expect(await idp.getAccount('TO.VIEN@example.org')).toEqual({ sub, agencyId: 'so-ngoai-vu', enabled: true });
  });

  it('one account per address whatever its case: a second is UsernameExistsException, and no second invitation', async () => {
    const before = (await emails()).length;
    await expect(idp.createAccount({ username: 'To.Vien@Example.org', email: 'to.vien@example.org', name: 'X', agencyId: 'so-noi-vu' })).rejects.toBeInstanceOf(AccountExistsError);
    expect((await emails()).length).toBe(before);
  });

  it('a token for an enrolled address carries the account’s own sub, groups, agency and unit, whatever the request says', async () => {
    await idp.addToGroup('to.vien@example.org', 'unit');
    const { claims } = await tokenClaims({ sub: 'to.vien@example.org', groups: ['admin'], agencyId: 'elsewhere' });
    expect(claims).toMatchObject({
      sub: pool.find('to.vien@example.org')!.sub,
      'cognito:groups': ['unit'],
      'custom:agencyId': 'so-ngoai-vu',
      'custom:unitId': 'PHONG-LS',
      email: 'to.vien@example.org',
    });
  });

  it('an unknown sub still gets a test token, as the README’s examples need', async () => {
    expect((await tokenClaims({ sub: 'van-phong', groups: ['admin'] })).claims).toMatchObject({ sub: 'van-phong', 'cognito:groups': ['admin'], 'custom:agencyId': 'default' });
  });

  it('a disabled account gets no token', async () => {
    await idp.createAccount({ username: 'nghi-huu@example.org', email: 'nghi-huu@example.org', name: 'Nghỉ Hưu', agencyId: 'so-ngoai-vu' });
    await idp.disableAccount('nghi-huu@example.org');
    expect(await idp.getAccount('nghi-huu@example.org')).toMatchObject({ enabled: false });
    expect(await tokenClaims({ sub: 'nghi-huu@example.org', groups: [] })).toEqual({ status: 400, message: 'User is disabled.', claims: undefined });
  });

  it('refuses what the stack’s pool refuses: a group it does not have, an attribute outside its schema, a username that is not an address, another pool', async () => {
    await expect(idp.addToGroup('to.vien@example.org', 'superuser' as never)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(idp.createAccount({ username: 'khong-phai-email', email: 'x@example.org', name: 'X', agencyId: 'a' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const client = new CognitoIdentityProviderClient({});
    await expect(
      client.send(new AdminCreateUserCommand({ UserPoolId: pool.userPoolId, Username: 'y@example.org', UserAttributes: [{ Name: 'custom:role', Value: 'platform' }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(pool.find('y@example.org')).toBeUndefined();
    await expect(client.send(new AdminAddUserToGroupCommand({ UserPoolId: 'ap-southeast-1_other', Username: 'to.vien@example.org', GroupName: 'unit' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    client.destroy();
  });

  it('keeps its accounts in its file: a pool started again on it knows them', async () => {
    const again = await startCognitoLocal({ region: REGION, sesEndpoint: ses.endpoint, file, log: { warn: () => undefined } });
    try {
      expect(again.find('to.vien@example.org')).toMatchObject({ groups: ['unit'], attributes: { 'custom:agencyId': 'so-ngoai-vu' } });
      expect(again.find('nghi-huu@example.org')).toMatchObject({ enabled: false });
    } finally {
      await again.stop();
    }
  });
});
