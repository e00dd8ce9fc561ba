/**
 * `npm run smoke`: a whole deployment exercised end to end with throwaway data, one line per step.
 *
 *   npm run smoke                                   # the local twin (npm start; PORT / API_URL as every script)
 *   npm run smoke -- --url http://10.0.0.5:3000     # a twin elsewhere
 *   npm run smoke -- --stack Thidua-dev             # a deployed stack: its outputs ApiUrl, Region, UserPoolId, UserPoolClientId
 *   npm run smoke -- --url https://api.… --region ap-southeast-1 --user-pool-id ap-southeast-1_Ab… --client-id 1abc…
 *
 * Every run makes its own agency, `smoke-<UTC timestamp>`, and everything it writes is inside it (its directory,
 * its campaign, its reporter), so the data of real agencies is neither read nor touched. The agency is made
 * `disposable`, and at the end, failed or not, the platform operator removes it with all its data
 * (DELETE /agencies/{id}), and every account the run made is removed (in the cloud; on the twin the reporter is
 * disabled through the API).
 *
 * People. The platform operator enrols the agency's admin (POST /agencies/{id}/admins), who enrols a reporter
 * (POST /users); both then sign in as themselves. On the twin, through its identity provider (POST /local/token): the
 * platform operator as a test token, the two enrolled people with their own tokens. In the cloud, the pool requires MFA
 * and an invitation's temporary password goes to a mailbox no script reads, so the smoke test uses the operator's AWS
 * credentials (the ones that deployed the stack) on the stack's user pool: it makes a platform account with
 * AdminCreateUser (no invitation sent), gives it and the two people the API enrolled a random permanent password with
 * AdminSetUserPassword, signs each in with USER_PASSWORD_AUTH as `npm run login` does, registers an authenticator for
 * the required MFA and answers with the TOTP codes it computes itself (RFC 6238), and deletes the three accounts with
 * AdminDeleteUser at the end.
 *
 * The letters go to SES's mailbox simulator (success@simulator.amazonses.com, with a label per run), which accepts
 * mail even in the SES sandbox and reaches no one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { encodeOutboxTag } from '../shared/mail/outbox-tag';
import { keys } from '../shared/store/keys';
import { canThoTable, canThoWorkedReport } from '../seed/scoring-table-can-tho';
import { minimalLetter } from '../seed/minimal-letter';
import { type Cognito, type CognitoReply, cognitoHttp, stackSettings } from './login';
import { twinAddress } from './twin-address';

// ── Where to run ─────────────────────────────────────────────────────────────────────────────────────

/** The pool the cloud mode signs in to. */
export interface CloudPool {
  region: string;
  userPoolId: string;
  clientId: string;
}

/** What the command line asked for, before any stack is read. */
export type SmokeArgs =
  | { kind: 'twin'; apiUrl: string; timeoutSeconds: number }
  | { kind: 'stack'; stack: string; region?: string; apiUrl?: string; timeoutSeconds: number }
  | { kind: 'cloud'; apiUrl: string; pool: CloudPool; timeoutSeconds: number };

/** What the run needs: the API, and the pool for the cloud mode. */
export interface SmokeTarget {
  apiUrl: string;
  /** Absent: the twin. */
  pool?: CloudPool;
  /** A label for the first line (the stack's name, or "twin"). */
  name: string;
  timeoutSeconds: number;
  /** The stack's dead-letter queues (its outputs `…DeadLetterQueueUrl`, `…FailedInvocationsQueueUrl`); unknown without --stack. */
  deadLetterQueues?: { name: string; url: string }[];
}

export const USAGE = `npm run smoke -- [--stack <name> | --url <api> [--region <r> --user-pool-id <id> --client-id <id>]] [--timeout <seconds>]
  (no flags)      the local twin, where npm start put it (PORT, or API_URL)
  --url           the API's base URL; alone: a twin at that address (its POST /local/token signs in)
  --stack         a deployed stack: the API and its user pool from the stack's outputs (--url overrides ApiUrl)
  --region, --user-pool-id, --client-id   a deployed API without reading CloudFormation
  --timeout       how long to wait for mail and the proposal, in seconds (default 180)
The cloud mode needs AWS credentials allowed cloudformation:DescribeStacks on the stack, sqs:GetQueueAttributes on
its dead-letter queues and, on its user pool, cognito-idp:AdminCreateUser, AdminSetUserPassword, AdminAddUserToGroup
and AdminDeleteUser (README "The smoke test").`;

/** The command line, checked: which mode, and every value it needs present. */
export function parseSmokeArgs(argv: string[], env: Readonly<Record<string, string | undefined>> = process.env): SmokeArgs | { kind: 'help' } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      stack: { type: 'string' },
      url: { type: 'string' },
      region: { type: 'string' },
      'user-pool-id': { type: 'string' },
      'client-id': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { kind: 'help' };
  if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"\n${USAGE}`);
  const timeoutSeconds = values.timeout === undefined ? 180 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`--timeout must be a number of seconds, got "${values.timeout}"`);
  const apiUrl = values.url === undefined ? undefined : checkedUrl(values.url);
  if (values.stack !== undefined) {
    if (values['user-pool-id'] || values['client-id']) throw new Error('--stack reads the user pool from the stack: give --user-pool-id and --client-id only without it');
    return { kind: 'stack', stack: values.stack, ...(values.region ? { region: values.region } : {}), ...(apiUrl ? { apiUrl } : {}), timeoutSeconds };
  }
  const pool = [values.region, values['user-pool-id'], values['client-id']];
  if (pool.some((v) => v !== undefined)) {
    if (pool.some((v) => v === undefined) || !apiUrl) throw new Error(`a deployed API without --stack needs --url, --region, --user-pool-id and --client-id together\n${USAGE}`);
    return { kind: 'cloud', apiUrl, pool: { region: values.region!, userPoolId: values['user-pool-id']!, clientId: values['client-id']! }, timeoutSeconds };
  }
  return { kind: 'twin', apiUrl: apiUrl ?? twinAddress(env).apiUrl, timeoutSeconds };
}

function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--url must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--url must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/** The API and the pool: from the stack's outputs (shared with `npm run login`), or as given. */
export async function resolveTarget(args: SmokeArgs, cloudFormation?: CloudFormationClient): Promise<SmokeTarget> {
  switch (args.kind) {
    case 'twin':
      return { apiUrl: args.apiUrl, name: 'twin', timeoutSeconds: args.timeoutSeconds };
    case 'cloud':
      return { apiUrl: args.apiUrl, pool: args.pool, name: args.apiUrl, timeoutSeconds: args.timeoutSeconds };
    case 'stack': {
      const cf = cloudFormation ?? new CloudFormationClient(args.region ? { region: args.region } : {});
      const s = await stackSettings(cf, args.stack);
      const apiUrl = args.apiUrl ?? s.apiUrl?.replace(/\/+$/, '');
      if (!apiUrl) throw new Error(`stack ${args.stack} has no output ApiUrl: give --url`);
      const outputs = (await cf.send(new DescribeStacksCommand({ StackName: args.stack }))).Stacks?.[0]?.Outputs ?? [];
      const deadLetterQueues = outputs.flatMap(({ OutputKey: key, OutputValue: url }) =>
        key && url && /(DeadLetterQueueUrl|FailedInvocationsQueueUrl)$/.test(key) ? [{ name: key.replace(/Url$/, ''), url }] : [],
      );
      return {
        apiUrl,
        pool: { region: s.region, userPoolId: s.userPoolId, clientId: s.clientId },
        name: `stack ${args.stack}`,
        timeoutSeconds: args.timeoutSeconds,
        deadLetterQueues,
      };
    }
  }
}

// ── The API ──────────────────────────────────────────────────────────────────────────────────────────

export type Api = <T = any>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts?: { token?: string; body?: unknown; expect?: number }) => Promise<T>;

/** A JSON client whose errors say what was asked and what came back (status, the error's code and message). */
export function apiClient(apiUrl: string, fetchImpl: typeof fetch = fetch): Api {
  return async (method, path, opts = {}) => {
    const url = `${apiUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    let res: Response;
    try {
      res = await fetchImpl(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: AbortSignal.timeout(20_000) });
    } catch (err) {
      const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new Error(`${method} ${url}: no answer (${cause})`);
    }
    const text = await res.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const expected = opts.expect ?? 200;
    if (res.status !== expected) {
      const said = body && typeof body === 'object' ? [body.code, body.message].filter(Boolean).join(': ') : String(text).slice(0, 300);
      throw new HttpStatusError(method, path, res.status, expected, body?.code, said);
    }
    return body;
  };
}

export class HttpStatusError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    expected: number,
    readonly code: string | undefined,
    said: string,
  ) {
    super(`${method} ${path} answered ${status} (expected ${expected})${said ? `: ${said}` : ''}`);
  }
}

// ── Accounts ─────────────────────────────────────────────────────────────────────────────────────────

/** How the run gets its tokens, and removes the accounts it made. */
export interface Accounts {
  platform(): Promise<string>;
  /** The token of a person the API enrolled (POST /agencies/{id}/admins, POST /users), signing in as themselves. */
  enrolled(username: string): Promise<string>;
  /** Removes every account the run made; says what it did. */
  cleanup(): Promise<string>;
}

/** On the twin: its identity provider's tokens (POST /local/token). */
export function twinAccounts(api: Api, runId: string): Accounts {
  const token = async (body: Record<string, unknown>) => {
    try {
      return (await api<{ token: string }>('POST', '/local/token', { body })).token;
    } catch (err) {
      // A deployed API has no /local/token: the likeliest cause is a stack's URL given without its pool.
      if (err instanceof HttpStatusError && err.status === 404) throw new Error(`${err.message}; a deployed API? give --stack, or --region, --user-pool-id and --client-id`);
      throw err;
    }
  };
  return {
    platform: () => token({ sub: `${runId}-platform`, groups: ['platform'] }),
    // An enrolled address gets that person's own token: their groups, agency and unit, whatever the request says.
    enrolled: (username) => token({ sub: username, groups: [] }),
    // The twin's pool has no deletion (the API never deletes an account): its enrolled people stay, the reporter disabled.
    cleanup: async () => 'nothing to delete on the twin (the platform token names no account; the enrolled people stay in its pool)',
  };
}

/** A password the pool's policy accepts (12+, upper, lower, digit, symbol), never shown. */
const randomPassword = () => `${randomBytes(24).toString('base64url')}Aa1!`;

/** In the cloud: accounts made, signed in and deleted with the operator's AWS credentials (see the file's comment). */
export function cloudAccounts(pool: CloudPool, runId: string, deps: { idp?: CognitoIdentityProviderClient; cognito?: Cognito; now?: () => number } = {}): Accounts {
  const idp = deps.idp ?? new CognitoIdentityProviderClient({ region: pool.region });
  const cognito = deps.cognito ?? cognitoHttp(pool.region);
  const made: string[] = [];
  const UserPoolId = pool.userPoolId;

  const signInWith = async (username: string) => {
    const password = randomPassword();
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: password, Permanent: true }));
    return (await signInTotp(cognito, { clientId: pool.clientId, username, password }, deps.now)).idToken;
  };
  const create = async (username: string, group: string) => {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: username },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: `Kiểm thử ${runId}` },
        ],
        // No invitation: the script sets the password itself.
        MessageAction: 'SUPPRESS',
      }),
    );
    made.push(username);
    await idp.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName: group }));
    return signInWith(username);
  };
  return {
    platform: () => create(simulatorAddress(runId, 'platform'), 'platform'),
    enrolled: async (username) => {
      // The API made this account: the run removes it too.
      made.push(username);
      return signInWith(username);
    },
    cleanup: async () => {
      const failed: string[] = [];
      for (const username of made) {
        try {
          await idp.send(new AdminDeleteUserCommand({ UserPoolId, Username: username }));
        } catch (err) {
          if ((err as { name?: string }).name !== 'UserNotFoundException') failed.push(`${username} (${(err as Error).message})`);
        }
      }
      if (failed.length) throw new Error(`could not delete ${failed.join(', ')}: delete them with aws cognito-idp admin-delete-user`);
      return `${made.length} account${made.length === 1 ? '' : 's'} deleted from the user pool`;
    },
  };
}

/**
 * SES's mailbox simulator: `success@` is delivered, `bounce@` bounces (hard), `complaint@` is delivered and complained
 * of; each takes a label, one per run and role, so that addresses (the accounts' too) are distinct from run to run.
 */
export const simulatorAddress = (runId: string, role: string, outcome: 'success' | 'bounce' | 'complaint' = 'success') => `${outcome}+${runId}-${role}@simulator.amazonses.com`;

/** A row of GET /campaigns/{id}/deliveries, what the smoke test reads of it. */
export interface DeliveryRow {
  agencyId: string;
  campaignId: string;
  eventId: string;
  eventType: string;
  message: string;
  channel: string;
  address: string;
  status: string;
  messageId?: string;
  lastError?: string;
}

/**
 * On the twin, what SES would publish for a mail the simulator bounces or complains of: the event, tagged as the mailer
 * tags the email (agency, campaign, the outbox item's key), posted to POST /local/ses-events. Other addresses: nothing.
 */
export async function simulateSesEvent(api: Api, d: DeliveryRow): Promise<boolean> {
  const outcome = d.address.split(/[+@]/)[0];
  if (outcome !== 'bounce' && outcome !== 'complaint') return false;
  const timestamp = new Date().toISOString();
  const mail = {
    messageId: d.messageId,
    timestamp,
    destination: [d.address],
    tags: { agency: [d.agencyId], campaign: [d.campaignId], outbox: [encodeOutboxTag(keys.delivery(d.agencyId, d.campaignId, d.eventId, d.message, d.address).sk)] },
  };
  const event =
    outcome === 'bounce'
      ? {
          eventType: 'Bounce',
          mail,
          bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: d.address, diagnosticCode: 'smtp; 550 5.1.1 user unknown' }], timestamp },
        }
      : { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: d.address }], complaintFeedbackType: 'abuse', timestamp } };
  await api('POST', '/local/ses-events', { body: event, expect: 202 });
  return true;
}

// ── TOTP and the MFA sign-in ─────────────────────────────────────────────────────────────────────────

function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error('the authenticator secret is not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238's TOTP as authenticator apps compute it and Cognito checks it: HMAC-SHA1, 30-second steps, 6 digits. */
export function totp(secretBase32: string, atMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const mac = createHmac('sha1', base32(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/**
 * USER_PASSWORD_AUTH with the MFA the pool requires, without a person: a fresh account is asked to set up an
 * authenticator (MFA_SETUP), which this registers and answers with the code it computes from the secret Cognito gave.
 */
export async function signInTotp(cognito: Cognito, opts: { clientId: string; username: string; password: string }, now: () => number = Date.now): Promise<{ idToken: string }> {
  let reply = await cognito.call<CognitoReply>('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: opts.clientId, AuthParameters: { USERNAME: opts.username, PASSWORD: opts.password } });
  let secret: string | undefined;
  for (let step = 0; step < 6; step++) {
    const idToken = reply.AuthenticationResult?.IdToken;
    if (idToken) return { idToken };
    if (reply.AuthenticationResult) throw new Error('Cognito signed in without an ID token');
    const username = reply.ChallengeParameters?.USER_ID_FOR_SRP ?? reply.ChallengeParameters?.USERNAME ?? opts.username;
    const respond = (ChallengeName: string, responses: Record<string, string>, Session = reply.Session) =>
      cognito.call<CognitoReply>('RespondToAuthChallenge', { ClientId: opts.clientId, ChallengeName, Session, ChallengeResponses: { USERNAME: username, ...responses } });
    switch (reply.ChallengeName) {
      case 'MFA_SETUP': {
        const associated = await cognito.call<{ SecretCode?: string; Session?: string }>('AssociateSoftwareToken', { Session: reply.Session });
        if (!associated.SecretCode) throw new Error('Cognito gave no authenticator secret');
        secret = associated.SecretCode;
        const verified = await cognito.call<{ Status?: string; Session?: string }>('VerifySoftwareToken', {
          Session: associated.Session,
          UserCode: totp(secret, now()),
          FriendlyDeviceName: 'smoke',
        });
        if (verified.Status !== 'SUCCESS') throw new Error(`Cognito did not accept the computed authenticator code (${verified.Status ?? 'no status'}): is this machine's clock right?`);
        reply = await respond('MFA_SETUP', {}, verified.Session);
        break;
      }
      case 'SOFTWARE_TOKEN_MFA':
        if (!secret) throw new Error(`${opts.username} already has an authenticator the smoke test does not know`);
        reply = await respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: totp(secret, now()) });
        break;
      case 'SELECT_MFA_TYPE':
        reply = await respond('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' });
        break;
      default:
        throw new Error(`Cognito asked for ${reply.ChallengeName ?? 'nothing and gave no tokens'}, which the smoke test does not answer`);
    }
  }
  throw new Error('Cognito still had challenges after 6 answers');
}

/** The queues that hold messages, each as `<name> <count>` (visible and in flight). */
export async function fullQueues(sqs: SQSClient, queues: { name: string; url: string }[]): Promise<string[]> {
  const full: string[] = [];
  for (const q of queues) {
    const { Attributes: a = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    const n = Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0);
    if (n) full.push(`${q.name} ${n}`);
  }
  return full;
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────────

export interface StepResult {
  label: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

export interface SmokeResult {
  ok: boolean;
  runId: string;
  /** The campaign it made, once made. */
  campaignId?: string;
  steps: StepResult[];
}

export interface SmokeDeps {
  /** Where the lines go (default: stdout). */
  out?: (line: string) => void;
  fetch?: typeof fetch;
  /** The accounts (default: the twin's, or the cloud's when the target has a pool). */
  accounts?: Accounts;
  /** The run's id (default: smoke-<UTC timestamp>). */
  runId?: string;
  /** How often to ask again while waiting. */
  pollMs?: number;
  /** The cloud's queues (default: a client in the pool's region). */
  sqs?: SQSClient;
}

/** `smoke-20261201T051200` would not pass as an agency id (lower case only): `smoke-20261201051200`. */
export const runIdAt = (at: Date) => `smoke-${at.toISOString().replace(/\D/g, '').slice(0, 14)}`;

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const UNIT = 'SMOKE';
const GROUP = 'SMOKE';
/** Deliveries still on their way. */
const IN_FLIGHT = new Set(['pending', 'claimed', 'sending']);

class Stop extends Error {}

/** Runs every step in order, stopping at the first that fails; the accounts are removed in any case. */
export async function smoke(target: SmokeTarget, deps: SmokeDeps = {}): Promise<SmokeResult> {
  const out = deps.out ?? ((line: string) => console.log(line));
  const runId = deps.runId ?? runIdAt(new Date());
  const api = apiClient(target.apiUrl, deps.fetch);
  const accounts = deps.accounts ?? (target.pool ? cloudAccounts(target.pool, runId) : twinAccounts(api, runId));
  const pollMs = deps.pollMs ?? 500;
  const steps: StepResult[] = [];
  const started = performance.now();

  const step = async (label: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    try {
      const said = await run();
      const detail = typeof said === 'string' ? said : undefined;
      const ms = Math.round(performance.now() - t0);
      steps.push({ label, ok: true, ms, ...(detail ? { detail } : {}) });
      out(`✓ ${label}${detail ? ` — ${detail}` : ''} (${ms} ms)`);
    } catch (err) {
      const ms = Math.round(performance.now() - t0);
      const detail = err instanceof Error ? err.message : String(err);
      steps.push({ label, ok: false, ms, detail });
      out(`✗ ${label} — ${detail} (${ms} ms)`);
      throw new Stop();
    }
  };
  /** Asks again until the probe finds it; on timeout, says what the probe last saw (`seen`). */
  const until = async <T>(what: string, probe: (seen: (state: string) => void) => Promise<T | undefined>): Promise<T> => {
    const end = Date.now() + target.timeoutSeconds * 1000;
    let last = '';
    for (;;) {
      const found = await probe((state) => {
        last = state;
      });
      if (found !== undefined) return found;
      if (Date.now() > end) throw new Error(`still waiting for ${what} after ${target.timeoutSeconds} s${last ? `: ${last}` : ''}`);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
  const deliveries = async (admin: string, campaignId: string, eventType: string) =>
    (await api<{ items: DeliveryRow[] }>('GET', `/campaigns/${encodeURIComponent(campaignId)}/deliveries`, { token: admin })).items.filter((d) => d.eventType === eventType);
  /**
   * Waits until every delivery of the event type is settled, then holds each to what it should be: `sent` (or filed),
   * except the simulator's bounce and complaint addresses, `sent` until SES's event for them arrives and then
   * `bounced` / `complained`, and `suppressed` in any later mail.
   */
  const mailed = async (admin: string, campaignId: string, eventType: string, allowed: (d: DeliveryRow) => readonly string[]) => {
    const rows = await until(`the ${eventType} mail`, async (seen) => {
      const mine = await deliveries(admin, campaignId, eventType);
      seen(describe(mine) || 'no delivery yet');
      return mine.some((d) => d.channel === 'email') && mine.every((d) => !IN_FLIGHT.has(d.status)) ? mine : undefined;
    });
    const bad = rows.filter((d) => !allowed(d).includes(d.status));
    if (bad.length) throw new Error(`unexpected: ${describe(bad)}`);
    const count = (status: string) => rows.filter((d) => d.status === status).length;
    return ['sent', 'bounced', 'complained', 'suppressed'].flatMap((status) => (count(status) ? [`${count(status)} ${status}`] : [])).join(', ');
  };
  /** Each row's address, status and last error, for a message that must say where things stand. */
  const describe = (rows: DeliveryRow[]) => rows.map((d) => `${d.address} ${d.status}${d.lastError ? ` (${d.lastError})` : ''}`).join('; ');
  const bounceTo = simulatorAddress(runId, 'office', 'bounce');
  const complaintTo = simulatorAddress(runId, 'office', 'complaint');
  const FILED = ['sent', 'archived', 'published'] as const;

  out(`smoke test of ${target.apiUrl} (${target.name}), run ${runId}: agency ${runId}`);
  let platform = '';
  let agencyMade = false;
  let admin = '';
  let reporter = '';
  let reporterName = '';
  let campaignId = '';
  let nominationId = '';
  const c = () => `/campaigns/${encodeURIComponent(campaignId)}`;
  try {
    await step('health', async () => {
      const body = await api<{ status?: string }>('GET', '/health');
      if (body?.status !== 'ok') throw new Error(`GET /health answered ${JSON.stringify(body)}`);
    });
    await step('the API document', async () => {
      const doc = await api<{ openapi?: string; paths?: Record<string, unknown> }>('GET', '/openapi.json');
      if (!doc?.openapi?.startsWith('3.1') || !doc.paths?.['/campaigns/{id}/issue']) throw new Error('GET /openapi.json is not the OpenAPI 3.1 document of this API');
      return `OpenAPI ${doc.openapi}, ${Object.keys(doc.paths).length} paths`;
    });
    await step('the platform operator signs in', async () => {
      platform = await accounts.platform();
    });
    await step(`agency ${runId} created`, async () => {
      await api('PUT', `/agencies/${runId}`, {
        token: platform,
        // Disposable: the run removes it, with everything it wrote, at the end.
        body: { name: `Cơ quan kiểm thử tự động ${runId} (npm run smoke)`, level: 'department', place: 'Lạng Sơn', disposable: true },
      });
      agencyMade = true;
    });
    let adminName = '';
    await step('its admin enrolled (POST /agencies/{id}/admins)', async () => {
      const user = await api<{ username: string; state: string }>('POST', `/agencies/${runId}/admins`, {
        token: platform,
        expect: 201,
        body: { email: simulatorAddress(runId, 'admin'), name: 'Quản trị kiểm thử' },
      });
      adminName = user.username;
      return `${user.username}, ${user.state}`;
    });
    await step('its admin signs in', async () => {
      admin = await accounts.enrolled(adminName);
    });
    await step('its directory: a Nơi nhận group and a unit', async () => {
      await api('PUT', `/recipient-groups/${GROUP}`, { token: admin, body: { name: 'Văn phòng (kiểm thử)', kind: 'email', emails: [simulatorAddress(runId, 'office'), bounceTo, complaintTo] } });
      await api('PUT', `/units/${UNIT}`, { token: admin, body: { name: 'Đơn vị kiểm thử', emails: [simulatorAddress(runId, 'unit')] } });
    });
    await step('a reporter enrolled (POST /users)', async () => {
      const user = await api<{ username: string; state: string }>('POST', '/users', {
        token: admin,
        expect: 201,
        body: { email: simulatorAddress(runId, 'reporter'), name: 'Người báo cáo kiểm thử', role: 'unit', unitId: UNIT },
      });
      reporterName = user.username;
      return `${user.username}, ${user.state}`;
    });
    await step('the reporter signs in', async () => {
      reporter = await accounts.enrolled(reporterName);
    });
    await step('a campaign created', async () => {
      const created = await api<{ id: string; status: string }>('POST', '/campaigns', {
        token: admin,
        expect: 201,
        body: minimalLetter({
          documentNumber: `${(Math.floor(Date.now() / 1000) % 900) + 100}/KH-SMOKE`,
          title: `Phong trào kiểm thử tự động ${runId}`,
          issuingBody: 'CƠ QUAN KIỂM THỬ',
          recipientGroups: [GROUP],
          participatingUnits: [UNIT],
          officeGroup: GROUP,
          scoringTable: canThoTable,
          // Ahead, as a letter must be to be issued; the run closes the nominations itself.
          deadlines: { reports: inHours(48), nominations: inHours(72) },
        }),
      });
      campaignId = created.id;
      return `${created.id}, ${created.status}`;
    });
    await step('the campaign issued', async () => {
      await api('POST', `${c()}/issue`, { token: admin });
    });
    await step('the letter mailed', () =>
      mailed(admin, campaignId, 'CampaignIssued', (d) => (d.address === bounceTo ? ['sent', 'bounced'] : d.address === complaintTo ? ['sent', 'complained'] : FILED)),
    );
    await step('SES’s bounce and complaint recorded', async () => {
      // The twin's SES emulator accepts every address: SES's events for the simulator's are posted as SNS would carry them.
      if (!target.pool) for (const d of await deliveries(admin, campaignId, 'CampaignIssued')) if (d.status === 'sent') await simulateSesEvent(api, d);
      await until('the bounce and the complaint', async (seen) => {
        const rows = await deliveries(admin, campaignId, 'CampaignIssued');
        seen(describe(rows.filter((d) => [bounceTo, complaintTo].includes(d.address))));
        const status = (address: string) => rows.find((d) => d.address === address)?.status;
        return status(bounceTo) === 'bounced' && status(complaintTo) === 'complained' ? true : undefined;
      });
      return `${bounceTo} bounced, ${complaintTo} complained`;
    });
    await step('a report', async () => {
      await api('POST', `${c()}/reports`, { token: reporter, expect: 201, body: { ...canThoWorkedReport, unitId: UNIT, summary: `Báo cáo kiểm thử ${runId}` } });
    });
    await step('the standings', async () => {
      const standings = await api<{ rows: { unitId: string; rank: number; total: number }[] }>('GET', `${c()}/standings?period=final`, { token: admin });
      const row = standings.rows.find((r) => r.unitId === UNIT);
      if (!row) throw new Error(`the standings have no row for ${UNIT}: ${JSON.stringify(standings.rows)}`);
      return `${UNIT} ranked ${row.rank}, ${row.total / 100} points`;
    });
    await step('a nomination', async () => {
      const nomination = await api<{ id: string }>('POST', `${c()}/nominations`, {
        token: admin,
        expect: 201,
        body: {
          title: 'GIAY_KHEN',
          nominee: { kind: 'individual', name: 'Nguyễn Thị Kiểm Thử', gender: 'female', unitId: UNIT, hireDate: '2014-09-01', taskRating: 'HTXSNV' },
          achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ (dữ liệu kiểm thử).',
        },
      });
      nominationId = nomination.id;
    });
    await step('nominations closed', async () => {
      await api('POST', `${c()}/close-nominations`, { token: admin });
    });
    let votes: { nominationId: string; title: string; yes: number }[] = [];
    await step('the proposal', async () => {
      const proposal = await until('the proposal', async () => {
        try {
          return await api<{ ruleSet: string; decisions: { nominationId: string; title: string; status: string }[] }>('GET', `${c()}/proposal`, { token: admin });
        } catch (err) {
          if (err instanceof HttpStatusError && err.code === 'proposal.not_ready') return undefined;
          throw err;
        }
      });
      votes = proposal.decisions.filter((d) => d.status === 'eligible').map((d) => ({ nominationId: d.nominationId, title: d.title, yes: 9 }));
      if (!votes.some((v) => v.nominationId === nominationId)) throw new Error(`the nomination was not found eligible: ${JSON.stringify(proposal.decisions)}`);
      return `${proposal.ruleSet}, ${proposal.decisions.map((d) => `${d.title} ${d.status}`).join(', ')}`;
    });
    await step('the council’s vote', async () => {
      const tally = await api<{ quorum: { met: boolean } }>('POST', `${c()}/council-votes`, { token: admin, body: { membersTotal: 9, present: 9, writtenVotes: 0, votes } });
      if (!tally.quorum?.met) throw new Error(`the quorum is not met: ${JSON.stringify(tally)}`);
    });
    await step('the results finalized', async () => {
      await api('POST', `${c()}/results/finalize`, { token: admin });
    });
    await step('the results', async () => {
      const results = await api<{ outcomes: { nominationId: string; outcome: string }[] }>('GET', `${c()}/results`, { token: admin });
      const mine = results.outcomes.find((o) => o.nominationId === nominationId);
      if (mine?.outcome !== 'awarded') throw new Error(`the nomination is ${mine?.outcome ?? 'missing from the results'}`);
      return 'GIAY_KHEN awarded';
    });
    await step('the results mailed', () => mailed(admin, campaignId, 'ResultsFinalized', (d) => ([bounceTo, complaintTo].includes(d.address) ? ['suppressed'] : FILED)));
    await step('the reporter disabled (POST /users/{username}/disable)', async () => {
      await api('POST', `/users/${encodeURIComponent(reporterName)}/disable`, { token: admin });
    });
    if (!target.pool) {
      await step('no dead letter of the run', async () => {
        // The twin's dead letters hold the records themselves: this run's carry its agency id. Others' are not its business.
        const { items } = await api<{ items: unknown[] }>('GET', '/local/dead-letters');
        const mine = items.filter((d) => JSON.stringify(d).includes(runId));
        if (mine.length) throw new Error(`${mine.length} dead letter(s) of this run (GET /local/dead-letters): ${JSON.stringify(mine).slice(0, 500)}`);
        return `${items.length} dead letter(s) on the twin, none of this run`;
      });
    } else if (target.deadLetterQueues) {
      const queues = target.deadLetterQueues;
      await step('the dead-letter queues empty', async () => {
        // SQS's counts are approximate and lag by up to a minute; a message left there by anything is worth a look.
        const full = await fullQueues(deps.sqs ?? new SQSClient({ region: target.pool!.region }), queues);
        if (full.length) throw new Error(`messages in ${full.join(', ')} (README "Poison records"; npm run redrive -- --cloud)`);
        return `${queues.length} queues`;
      });
    } else out('  (the dead-letter queues are not checked without --stack)');
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  } finally {
    // Whatever happened above: the run's agency and all it wrote go, then the accounts made for it.
    if (agencyMade) {
      await step(`agency ${runId} removed (DELETE /agencies/{id})`, async () => {
        const removed = await api<{ deletedItems: number }>('DELETE', `/agencies/${runId}`, { token: platform });
        return `${removed.deletedItems} items`;
      }).catch((err) => {
        if (!(err instanceof Stop)) throw err;
      });
    }
    await step('cleanup', () => accounts.cleanup()).catch((err) => {
      if (!(err instanceof Stop)) throw err;
    });
  }
  const ok = steps.every((s) => s.ok);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failed = steps.find((s) => !s.ok);
  out(ok ? `smoke test passed: ${steps.length} steps in ${seconds} s; agency ${runId} removed with its data` : `smoke test FAILED at "${failed?.label}" after ${seconds} s (run ${runId})`);
  return { ok, runId, ...(campaignId ? { campaignId } : {}), steps };
}

async function main() {
  const args = parseSmokeArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    console.log(USAGE);
    return;
  }
  const result = await smoke(await resolveTarget(args));
  process.exitCode = result.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`✗ smoke test could not start — ${err.message}`);
    process.exit(2);
  });
}
