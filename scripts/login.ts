/**
 * `npm run login`: an ID token for `curl`, stored in `.local/token` (mode 0600).
 *
 * Deployed (default): signs in to the stack's Cognito user pool with USER_PASSWORD_AUTH (the app
 * client allows it, infra/stack.ts) and answers the challenges the pool sets: the new password of
 * a first sign-in (NEW_PASSWORD_REQUIRED), the authenticator app the required MFA needs the first
 * time (MFA_SETUP: AssociateSoftwareToken, VerifySoftwareToken), and its code every time after
 * (SOFTWARE_TOKEN_MFA).
 *
 *   npm run login -- --stack Thidua-prod --username ops@so.gov.vn      # pool and client from the stack's outputs
 *   npm run login -- --region ap-southeast-1 --client-id 1abc… --username ops@so.gov.vn   # no AWS credentials needed
 *   TOKEN=$(npm run -s login -- --stack Thidua-prod --username … --print)
 *
 * The password is asked for on the terminal (not echoed), or read from THIDUA_PASSWORD.
 *
 * Locally: a token from the twin's identity provider (`npm start`; POST /local/token):
 *
 *   npm run login -- --local --groups admin [--sub someone] [--unit-id TTDV]
 *
 * Cognito's sign-in operations are public (no SigV4; the app client id is the credential), so they
 * are called over HTTPS with their JSON protocol: the project has no Cognito SDK package.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { twinAddress } from './twin-address';

/** One call of Cognito's API by its operation name, as the SDK's `XxxCommand` would make it. */
export interface Cognito {
  call<T = CognitoReply>(operation: CognitoOperation, input: Record<string, unknown>): Promise<T>;
}
export type CognitoOperation = 'InitiateAuth' | 'RespondToAuthChallenge' | 'AssociateSoftwareToken' | 'VerifySoftwareToken';

/** What InitiateAuth and RespondToAuthChallenge answer. */
export interface CognitoReply {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number };
}

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(`${type}: ${message}`);
  }
}

/**
 * Cognito's JSON 1.1 protocol over HTTPS, for the unauthenticated operations the sign-in uses. The
 * endpoint is the region's, unless the AWS SDKs' endpoint variables name another (an emulator).
 */
export function cognitoHttp(region: string, fetchImpl: typeof fetch = fetch, env: Readonly<Record<string, string | undefined>> = process.env): Cognito {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`not an AWS region: "${region}"`);
  const url = env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER || env.AWS_ENDPOINT_URL || `https://cognito-idp.${region}.amazonaws.com/`;
  return {
    async call<T>(operation: CognitoOperation, input: Record<string, unknown>): Promise<T> {
      const res = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (!res.ok) {
        // `__type` may be namespaced (`com.amazonaws…#NotAuthorizedException`); the name is after the '#'.
        const type = String(body.__type ?? res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`)
          .split('#')
          .pop()!
          .split(':')[0]!;
        throw new CognitoError(type, String(body.message ?? body.Message ?? text));
      }
      return body as T;
    },
  };
}

/** The terminal: questions on stderr (stdout stays the token's with --print), secrets not echoed. */
export interface Prompter {
  ask(question: string, opts?: { secret?: boolean }): Promise<string>;
  say(text: string): void;
}

export interface Tokens {
  idToken: string;
  accessToken?: string;
  refreshToken?: string;
  expiresIn?: number;
}

/** Enough for a loop that never finishes (a pool answering with the same challenge forever) to stop. */
const MAX_STEPS = 8;

/**
 * Signs one user in, answering each challenge the pool sets until it returns tokens. The session
 * of each answer is the one of the reply before it (VerifySoftwareToken's for MFA_SETUP).
 */
export async function signIn(cognito: Cognito, opts: { clientId: string; username: string; password: string; issuer?: string }, prompt: Prompter): Promise<Tokens> {
  let reply = await cognito.call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: opts.clientId,
    AuthParameters: { USERNAME: opts.username, PASSWORD: opts.password },
  });
  for (let step = 0; step < MAX_STEPS; step++) {
    const result = reply.AuthenticationResult;
    if (result) {
      if (!result.IdToken) throw new Error('Cognito signed in without an ID token');
      return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken, expiresIn: result.ExpiresIn };
    }
    const params = reply.ChallengeParameters ?? {};
    // With sign-in by email, the pool's username is not the email: challenges name the real one.
    const username = params.USER_ID_FOR_SRP ?? params.USERNAME ?? opts.username;
    const respond = (challenge: string, responses: Record<string, string>, session = reply.Session) =>
      cognito.call('RespondToAuthChallenge', { ClientId: opts.clientId, ChallengeName: challenge, Session: session, ChallengeResponses: { USERNAME: username, ...responses } });

    switch (reply.ChallengeName) {
      case 'NEW_PASSWORD_REQUIRED': {
        prompt.say('First sign-in: choose your own password (12 characters or more, upper and lower case, a digit and a symbol).');
        const password = await prompt.ask('New password: ', { secret: true });
        const again = await prompt.ask('New password again: ', { secret: true });
        if (password !== again) throw new Error('the two new passwords differ: nothing was changed, run the command again');
        // Attributes the pool requires that the administrator did not set.
        const required = JSON.parse(params.requiredAttributes ?? '[]') as string[];
        const attributes: Record<string, string> = {};
        for (const attribute of required) attributes[attribute] = await prompt.ask(`${attribute.replace(/^userAttributes\./, '')}: `);
        reply = await respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: password, ...attributes });
        break;
      }
      case 'MFA_SETUP': {
        // The pool requires MFA and the user has none yet: register an authenticator app (TOTP).
        const { SecretCode, Session } = await cognito.call<{ SecretCode?: string; Session?: string }>('AssociateSoftwareToken', { Session: reply.Session });
        if (!SecretCode) throw new Error('Cognito gave no secret for the authenticator app');
        const label = encodeURIComponent(`${opts.issuer ?? 'thidua'}:${opts.username}`);
        prompt.say('MFA is required. Add this account to an authenticator app (the key, or the otpauth URI as a QR code):');
        prompt.say(`  key: ${SecretCode}`);
        prompt.say(`  otpauth://totp/${label}?secret=${SecretCode}&issuer=${encodeURIComponent(opts.issuer ?? 'thidua')}`);
        const code = await prompt.ask('The 6-digit code the app shows: ');
        const verified = await cognito.call<{ Status?: string; Session?: string }>('VerifySoftwareToken', { Session, UserCode: code.trim(), FriendlyDeviceName: 'thidua' });
        if (verified.Status !== 'SUCCESS') throw new Error(`the authenticator code was not accepted (${verified.Status ?? 'no status'}): run the command again`);
        reply = await respond('MFA_SETUP', {}, verified.Session);
        break;
      }
      case 'SOFTWARE_TOKEN_MFA': {
        const code = await prompt.ask('The 6-digit code of your authenticator app: ');
        reply = await respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code.trim() });
        break;
      }
      case 'SELECT_MFA_TYPE':
        // The pool offers TOTP only (no SMS); should it ask, the answer is TOTP.
        reply = await respond('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' });
        break;
      default:
        throw new Error(`Cognito asked for ${reply.ChallengeName ?? 'nothing and returned no tokens'}, which npm run login does not answer`);
    }
  }
  throw new Error(`Cognito still had challenges after ${MAX_STEPS} answers`);
}

/** What the sign-in needs from a stack: its outputs Region, UserPoolId, UserPoolClientId. */
export async function stackSettings(cloudFormation: CloudFormationClient, stackName: string): Promise<{ region: string; userPoolId: string; clientId: string; apiUrl?: string }> {
  const outputs = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.Outputs ?? [];
  const output = (key: string) => {
    const value = outputs.find((o) => o.OutputKey === key)?.OutputValue;
    if (!value) throw new Error(`stack ${stackName} has no output ${key} (deployed before it had one? deploy again)`);
    return value;
  };
  // The API at its custom domain when the stack has one (ApiCustomUrl), else API Gateway's own URL.
  const apiUrl = outputs.find((o) => o.OutputKey === 'ApiCustomUrl')?.OutputValue ?? outputs.find((o) => o.OutputKey === 'ApiUrl')?.OutputValue;
  return { region: output('Region'), userPoolId: output('UserPoolId'), clientId: output('UserPoolClientId'), ...(apiUrl ? { apiUrl } : {}) };
}

/** A token from the twin's identity provider (infra/local/identity.ts through POST /local/token). */
export async function localToken(apiUrl: string, claims: { sub: string; groups: string[]; unitId?: string }, fetchImpl: typeof fetch = fetch): Promise<string> {
  const url = `${apiUrl}/local/token`;
  const res = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: claims.sub, groups: claims.groups, ...(claims.unitId ? { unitId: claims.unitId } : {}) }),
  }).catch((e: Error) => {
    throw new Error(`the local twin does not answer at ${url} (is \`npm start\` running?): ${e.message}`);
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
  const { token } = JSON.parse(text) as { token?: unknown };
  if (typeof token !== 'string' || token === '') throw new Error(`${url} answered without a token`);
  return token;
}

/** Writes the token readable by its owner only (the directory too): it is a bearer credential. */
export function saveToken(file: string, token: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created: a token file left by an older run is narrowed too.
  chmodSync(file, 0o600);
}

/** The terminal prompter: lines from stdin; on a TTY, secrets read in raw mode without echo. */
export function terminal(): Prompter {
  const { stdin, stderr } = process;
  let lines: AsyncIterator<string> | undefined;
  const nextLine = async () => {
    lines ??= createInterface({ input: stdin, terminal: false })[Symbol.asyncIterator]();
    const next = await lines.next();
    if (next.done) throw new Error('stdin ended before the answer');
    return next.value;
  };
  const hidden = () =>
    new Promise<string>((resolve, reject) => {
      let value = '';
      stdin.setRawMode(true);
      stdin.resume();
      stdin.setEncoding('utf8');
      const done = () => {
        stdin.off('data', onData);
        stdin.setRawMode(false);
        stdin.pause();
        stderr.write('\n');
      };
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') {
            done();
            return resolve(value);
          }
          if (ch === '\u0003') {
            done();
            return reject(new Error('cancelled'));
          }
          value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
        }
      };
      stdin.on('data', onData);
    });
  return {
    async ask(question, opts) {
      stderr.write(question);
      return opts?.secret && stdin.isTTY ? hidden() : nextLine();
    },
    say: (text) => void stderr.write(`${text}\n`),
  };
}

const USAGE = `npm run login -- [--stack <name> | --region <region> --client-id <id>] [--username <email>] [--out <file>] [--print]
npm run login -- --local [--groups admin,unit] [--sub <id>] [--unit-id <unit>] [--out <file>] [--print]
  --stack      the stack whose outputs Region and UserPoolClientId to use (default Thidua)
  --out        where the ID token is written, mode 0600 (default .local/token)
  --print      also print the token on stdout
  THIDUA_PASSWORD  the password, instead of asking for it`;

async function main() {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false },
      stack: { type: 'string', default: 'Thidua' },
      region: { type: 'string' },
      'client-id': { type: 'string' },
      username: { type: 'string' },
      groups: { type: 'string', default: 'admin' },
      sub: { type: 'string' },
      'unit-id': { type: 'string' },
      out: { type: 'string', default: path.join('.local', 'token') },
      print: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const prompt = terminal();
  let token: string;
  let apiUrl: string | undefined;
  if (values.local) {
    const groups = values.groups
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    apiUrl = twinAddress().apiUrl;
    token = await localToken(apiUrl, { sub: values.sub ?? values.username ?? 'cli-user', groups, unitId: values['unit-id'] });
  } else {
    const settings: { region: string; clientId: string; apiUrl?: string } =
      values.region && values['client-id']
        ? { region: values.region, clientId: values['client-id'] }
        : await stackSettings(new CloudFormationClient(values.region ? { region: values.region } : {}), values.stack);
    apiUrl = settings.apiUrl;
    const username = values.username ?? (await prompt.ask('Username (email): '));
    const password = process.env.THIDUA_PASSWORD || (await prompt.ask('Password: ', { secret: true }));
    const tokens = await signIn(cognitoHttp(settings.region), { clientId: settings.clientId, username: username.trim(), password }, prompt);
    token = tokens.idToken;
  }
  saveToken(values.out, token);
  if (values.print) process.stdout.write(`${token}\n`);
  else
    prompt.say(
      `ID token saved to ${values.out} (mode 0600). Use it with:\n  curl -H "authorization: Bearer $(cat ${values.out})" ${apiUrl ? apiUrl.replace(/\/+$/, '') : '<the ApiUrl output>'}/campaigns`,
    );
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`login failed: ${err.message}`);
    process.exit(1);
  });
}
