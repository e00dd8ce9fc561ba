import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Account, IdentityProvider, NewAccount } from '../usecases/users';
import { AccountExistsError } from '../usecases/users';

/**
 * The identity provider port (shared/usecases/users.ts) over Cognito's admin API. The pool's id comes from USER_POOL_ID
 * (set by the stack); the endpoint from the SDK's own configuration (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER on the
 * local twin, whose identity provider answers the same four operations: infra/local/cognito-local.ts), so this file
 * holds no local-only code.
 *
 * The pool signs in by email (its username attribute): `Username` is the address, Cognito names the account with a
 * generated id (the token's `sub`) and accepts the address wherever a Username is asked.
 */
let client: CognitoIdentityProviderClient | undefined;
/** Made on first use: the API's other routes never pay for it at cold start. */
const cognito = () => (client ??= new CognitoIdentityProviderClient({}));

export function userPoolId(): string {
  const id = process.env.USER_POOL_ID;
  if (!id) throw new Error('USER_POOL_ID is not set');
  return id;
}

const named = (e: unknown, name: string) => (e as { name?: string } | undefined)?.name === name;
const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;

export function cognitoIdentity(): IdentityProvider {
  return {
    async createAccount(account: NewAccount) {
      try {
        const out = await cognito().send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId(),
            Username: account.username,
            UserAttributes: [
              { Name: 'email', Value: account.email },
              // The Office vouches for the address: the invitation it receives is the proof, and recovery goes there.
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: account.name },
              { Name: 'custom:agencyId', Value: account.agencyId },
              ...(account.unitId !== undefined ? [{ Name: 'custom:unitId', Value: account.unitId }] : []),
            ],
            // Cognito emails the invitation (the pool's Vietnamese template, shared/mail/invitation.ts) with a temporary password.
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        const sub = attribute(out.User?.Attributes, 'sub') ?? out.User?.Username;
        if (!sub) throw new Error('AdminCreateUser answered without the account’s sub');
        return { sub };
      } catch (error) {
        if (named(error, 'UsernameExistsException')) throw new AccountExistsError(account.username);
        throw error;
      }
    },

    async getAccount(username: string): Promise<Account | undefined> {
      try {
        const out = await cognito().send(new AdminGetUserCommand({ UserPoolId: userPoolId(), Username: username }));
        const agencyId = attribute(out.UserAttributes, 'custom:agencyId');
        return { sub: attribute(out.UserAttributes, 'sub') ?? out.Username!, ...(agencyId ? { agencyId } : {}), enabled: out.Enabled !== false };
      } catch (error) {
        if (named(error, 'UserNotFoundException')) return undefined;
        throw error;
      }
    },

    async addToGroup(username, group) {
      await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId(), Username: username, GroupName: group }));
    },

    async disableAccount(username) {
      try {
        await cognito().send(new AdminDisableUserCommand({ UserPoolId: userPoolId(), Username: username }));
      } catch (error) {
        // Nothing to disable: the account was never created (a record left pending).
        if (!named(error, 'UserNotFoundException')) throw error;
      }
    },
  };
}
