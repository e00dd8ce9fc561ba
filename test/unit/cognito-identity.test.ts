/**
 * The Cognito adapter of the identity provider port (shared/identity/cognito.ts): what it asks of the user pool, and
 * how Cognito's refusals become the port's answers. The pool itself is mocked (aws-sdk-client-mock); the twin's pool
 * answers the same calls for real in test/integration/users.test.ts.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { cognitoIdentity } from '../../shared/identity/cognito';
import { AccountExistsError } from '../../shared/usecases/users';

const cognito = mockClient(CognitoIdentityProviderClient);
const meta = { $metadata: {} };
const POOL = 'ap-southeast-1_Abc123';

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_ID = POOL;
});
afterAll(() => {
  delete process.env.USER_POOL_ID;
});

describe('createAccount', () => {
  it('creates the account by its address in the pool of USER_POOL_ID, with the agency and unit, and has Cognito email the invitation', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'a1b2', Attributes: [{ Name: 'sub', Value: 'a1b2' }] } });
    const out = await cognitoIdentity().createAccount({ username: 'to.vien@example.org', email: 'to.vien@example.org', name: 'Tô Viên', agencyId: 'so-ngoai-vu', unitId: 'PHONG-LS' });
    expect(out).toEqual({ sub: 'a1b2' });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'to.vien@example.org',
      UserAttributes: [
        { Name: 'email', Value: 'to.vien@example.org' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Tô Viên' },
        { Name: 'custom:agencyId', Value: 'so-ngoai-vu' },
        { Name: 'custom:unitId', Value: 'PHONG-LS' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
  });

  it('sends no custom:unitId for a role without a unit', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'x', Attributes: [{ Name: 'sub', Value: 'x' }] } });
    await cognitoIdentity().createAccount({ username: 'a@example.org', email: 'a@example.org', name: 'A', agencyId: 'so-ngoai-vu' });
    const names = cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input.UserAttributes!.map((a) => a.Name);
    expect(names).not.toContain('custom:unitId');
  });

  it('an existing address is AccountExistsError; any other failure is passed on as it is', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejectsOnce(new UsernameExistsException({ message: 'An account with the given email already exists.', ...meta }))
      .rejectsOnce(new InternalErrorException({ message: 'boom', ...meta }));
    await expect(cognitoIdentity().createAccount({ username: 'a@example.org', email: 'a@example.org', name: 'A', agencyId: 'x' })).rejects.toBeInstanceOf(AccountExistsError);
    await expect(cognitoIdentity().createAccount({ username: 'a@example.org', email: 'a@example.org', name: 'A', agencyId: 'x' })).rejects.toBeInstanceOf(InternalErrorException);
  });

  it('refuses to run without USER_POOL_ID rather than call Cognito with no pool', async () => {
    delete process.env.USER_POOL_ID;
    await expect(cognitoIdentity().createAccount({ username: 'a@example.org', email: 'a@example.org', name: 'A', agencyId: 'x' })).rejects.toThrow('USER_POOL_ID is not set');
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('getAccount', () => {
  it('reads the sub, the agency and whether the account is enabled', async () => {
    cognito.on(AdminGetUserCommand).resolves({
      Username: 'a1b2',
      Enabled: false,
      UserAttributes: [
        { Name: 'sub', Value: 'a1b2' },
        { Name: 'custom:agencyId', Value: 'so-noi-vu' },
      ],
    });
    expect(await cognitoIdentity().getAccount('a@example.org')).toEqual({ sub: 'a1b2', agencyId: 'so-noi-vu', enabled: false });
  });

  it('an account without an agency (made by hand before agencies) has none; an unknown one is undefined', async () => {
    cognito
      .on(AdminGetUserCommand)
      .resolvesOnce({ Username: 'c3', Enabled: true, UserAttributes: [{ Name: 'sub', Value: 'c3' }] })
      .rejectsOnce(new UserNotFoundException({ message: 'User does not exist.', ...meta }));
    expect(await cognitoIdentity().getAccount('a@example.org')).toEqual({ sub: 'c3', enabled: true });
    expect(await cognitoIdentity().getAccount('b@example.org')).toBeUndefined();
  });
});

describe('addToGroup and disableAccount', () => {
  it('put the account in the role’s group; disabling an account that was never made is done already', async () => {
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    cognito.on(AdminDisableUserCommand).rejectsOnce(new UserNotFoundException({ message: 'User does not exist.', ...meta }));
    const idp = cognitoIdentity();
    await idp.addToGroup('a@example.org', 'council');
    await idp.disableAccount('never@example.org');
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toEqual({ UserPoolId: POOL, Username: 'a@example.org', GroupName: 'council' });
  });

  it('a failure to disable is not swallowed', async () => {
    cognito.on(AdminDisableUserCommand).rejectsOnce(new InternalErrorException({ message: 'boom', ...meta }));
    await expect(cognitoIdentity().disableAccount('a@example.org')).rejects.toBeInstanceOf(InternalErrorException);
  });
});
