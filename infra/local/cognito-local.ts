/**
 * The twin's user pool: the part of Cognito's admin API the API function calls (AdminCreateUser, AdminGetUser,
 * AdminAddUserToGroup, AdminDisableUser), in the AWS JSON 1.1 protocol the SDK speaks, on loopback. The function's
 * Cognito adapter (shared/identity/cognito.ts) reaches it through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, as it
 * reaches DynamoDB Local, so it holds no local-only code.
 *
 * It behaves as the stack's pool does where the API relies on it: the username attribute is the email (a Username that
 * is not an address is refused; the account gets a generated id, its `sub`; the address, in any case, names it
 * afterwards), one account per address across agencies (UsernameExistsException), only the pool's attributes and groups,
 * and the invitation emailed with a temporary password: the pool's template (shared/mail/invitation.ts), sent through
 * the SES emulator so it shows on its page beside the campaign mail.
 *
 * The gateway's `POST /local/token` asks it (`find`) for the account a `sub` names: a known account gets a token with
 * its own attributes and groups, a disabled one none (Cognito refuses it to sign in); unknown names still get test tokens.
 * With `file`, the accounts are kept there across restarts, as Cognito keeps them.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listenLoopback } from './loopback-server';
import path from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { fillInvitation } from '../../shared/mail/invitation';
import { ROLES } from '../../shared/usecases/principal';

/** The pool's id on the twin (USER_POOL_ID), shaped like Cognito's `<region>_<id>`. */
export const localUserPoolId = (region: string) => `${region}_thidualocal`;
/** Cognito's own sender when a pool uses Cognito's email (the stack's default). */
export const INVITATION_FROM = 'no-reply@verificationemail.com';
/** The stack's groups (infra/stack.ts `groups`). */
const GROUPS = new Set<string>([...ROLES, 'platform']);
/** The stack's attributes the API writes: the standard ones it sets and its custom ones. */
const WRITABLE = new Set(['email', 'email_verified', 'name', 'custom:agencyId', 'custom:unitId']);

export interface LocalAccount {
  /** Cognito's username of an email-username pool: a generated id, also the `sub`. */
  username: string;
  sub: string;
  email: string;
  attributes: Record<string, string>;
  groups: string[];
  enabled: boolean;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';
  createdAt: number;
  updatedAt: number;
}

export interface CognitoLocal {
  endpoint: string;
  port: number;
  userPoolId: string;
  server: Server;
  /** The account an address or a `sub` names, if any. */
  find(name: string): LocalAccount | undefined;
  accounts(): LocalAccount[];
  /** Calls answered, by operation. */
  counters(): Record<string, number>;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  region: string;
  /** Where the invitations go: the SES emulator itself (not the fault proxy: Cognito's mail is not the mailer's). */
  sesEndpoint: string;
  port?: number;
  host?: string;
  /** Keep the accounts in this file across restarts; default: in memory. */
  file?: string;
  log?: { warn(message: string): void };
}

class CognitoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Cognito's temporary passwords meet the pool's policy (12 characters, the four classes). */
function temporaryPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%&*+-.?@^_'];
  const all = classes.join('');
  const chars = [...classes.map((c) => c[randomInt(c.length)]!), ...Array.from({ length: 8 }, () => all[randomInt(all.length)]!)];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const host = options.host ?? '127.0.0.1';
  const userPoolId = localUserPoolId(options.region);
  const log = options.log ?? { warn: (m: string) => console.warn(m) };
  const counters: Record<string, number> = {};
  const byEmail = new Map<string, LocalAccount>();
  if (options.file && existsSync(options.file)) {
    for (const a of JSON.parse(readFileSync(options.file, 'utf8')) as LocalAccount[]) byEmail.set(a.email, a);
  }
  const save = () => {
    if (!options.file) return;
    mkdirSync(path.dirname(options.file), { recursive: true });
    writeFileSync(`${options.file}.tmp`, JSON.stringify([...byEmail.values()], null, 2));
    renameSync(`${options.file}.tmp`, options.file);
  };
  const ses = new SESv2Client({ endpoint: options.sesEndpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  const find = (name: string) => byEmail.get(name.trim().toLowerCase()) ?? [...byEmail.values()].find((a) => a.sub === name || a.username === name);
  const account = (input: { UserPoolId?: unknown; Username?: unknown }) => {
    if (input.UserPoolId !== userPoolId) throw new CognitoError('ResourceNotFoundException', `User pool ${String(input.UserPoolId)} does not exist.`);
    const a = typeof input.Username === 'string' ? find(input.Username) : undefined;
    if (!a) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return a;
  };
  const attributeList = (a: LocalAccount) => [{ Name: 'sub', Value: a.sub }, ...Object.entries(a.attributes).map(([Name, Value]) => ({ Name, Value }))];
  const seconds = (ms: number) => ms / 1000;

  async function invite(a: LocalAccount, password: string) {
    const mail = fillInvitation(a.email, password);
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: INVITATION_FROM,
        Destination: { ToAddresses: [a.email] },
        Content: { Simple: { Subject: { Data: mail.subject, Charset: 'UTF-8' }, Body: { Html: { Data: mail.html, Charset: 'UTF-8' }, Text: { Data: mail.text, Charset: 'UTF-8' } } } },
      }),
    );
  }

  const operations: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    async AdminCreateUser(input) {
      if (input.UserPoolId !== userPoolId) throw new CognitoError('ResourceNotFoundException', `User pool ${String(input.UserPoolId)} does not exist.`);
      const username = str(input.Username)?.trim().toLowerCase();
      if (!username || !EMAIL.test(username)) throw new CognitoError('InvalidParameterException', 'Username should be an email.');
      if (input.MessageAction !== undefined) throw new CognitoError('InvalidParameterException', 'the twin emulates AdminCreateUser without MessageAction only');
      if (byEmail.has(username)) throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
      const attributes: Record<string, string> = {};
      for (const attr of (input.UserAttributes ?? []) as { Name?: unknown; Value?: unknown }[]) {
        const name = str(attr.Name) ?? '';
        if (!WRITABLE.has(name)) throw new CognitoError('InvalidParameterException', `Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`);
        attributes[name] = str(attr.Value) ?? '';
      }
      attributes.email = username;
      const sub = randomUUID();
      const now = Date.now();
      const a: LocalAccount = { username: sub, sub, email: username, attributes, groups: [], enabled: true, status: 'FORCE_CHANGE_PASSWORD', createdAt: now, updatedAt: now };
      byEmail.set(username, a);
      save();
      const mediums = (input.DesiredDeliveryMediums ?? []) as unknown[];
      if (mediums.includes('EMAIL')) {
        // Cognito creates the account even when its mail fails; so does the twin, and says so.
        await invite(a, temporaryPassword()).catch((error) => log.warn(`[cognito-local] the invitation to ${username} was not sent: ${(error as Error).message}`));
      }
      return {
        User: {
          Username: a.username,
          Attributes: attributeList(a),
          UserCreateDate: seconds(a.createdAt),
          UserLastModifiedDate: seconds(a.updatedAt),
          Enabled: a.enabled,
          UserStatus: a.status,
        },
      };
    },
    async AdminGetUser(input) {
      const a = account(input);
      return { Username: a.username, UserAttributes: attributeList(a), UserCreateDate: seconds(a.createdAt), UserLastModifiedDate: seconds(a.updatedAt), Enabled: a.enabled, UserStatus: a.status };
    },
    async AdminAddUserToGroup(input) {
      const a = account(input);
      const group = str(input.GroupName) ?? '';
      if (!GROUPS.has(group)) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
      if (!a.groups.includes(group)) a.groups.push(group);
      a.updatedAt = Date.now();
      save();
      return {};
    },
    async AdminDisableUser(input) {
      const a = account(input);
      a.enabled = false;
      a.updatedAt = Date.now();
      save();
      return {};
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AWSCognitoIdentityProviderService\./, '');
    counters[operation] = (counters[operation] ?? 0) + 1;
    const reply = (status: number, body: unknown, errorType?: string) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
      res.end(JSON.stringify(body));
    };
    try {
      const run = operations[operation];
      if (!run) throw new CognitoError('UnsupportedOperation', `the twin's user pool answers ${Object.keys(operations).join(', ')}, not ${operation || '(no X-Amz-Target)'}`);
      reply(200, await run(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>));
    } catch (error) {
      const code = error instanceof CognitoError ? error.code : 'InternalErrorException';
      reply(error instanceof CognitoError ? 400 : 500, { __type: code, message: (error as Error).message }, code);
    }
  };

  const http = await listenLoopback(handle, { port: options.port, host });
  return {
    endpoint: http.endpoint,
    port: http.port,
    userPoolId,
    server: http.server,
    find,
    accounts: () => [...byEmail.values()],
    counters: () => ({ ...counters }),
    stop: () => {
      ses.destroy();
      return http.close();
    },
  };
}
