/**
 * The local identity provider standing in for Cognito: an RS256 key pair made at start, ID tokens
 * shaped like Cognito's, and the verification the HTTP API JWT authorizer performs (signature,
 * issuer, audience, expiry, not-before).
 *
 * Built on node:crypto rather than jose: jose 6 is ESM-only and the project's jest (CommonJS, no
 * --experimental-vm-modules, jose not in transformIgnorePatterns) cannot load it, which would keep
 * the gateway and the twin out of unit tests. RS256 signing and checking is small enough to own.
 */
import { generateKeyPair, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { DEFAULT_AGENCY_ID } from '../../shared/usecases/principal';

export const LOCAL_CLIENT_ID = 'thidua-local';

export interface IssueInput {
  sub: string;
  /** Cognito groups; they become `cognito:groups`, an array, as in a Cognito ID token. */
  groups: readonly string[];
  /**
   * The agency the user works in (`custom:agencyId`). Default: the twin's default agency, as every enrolled user of an
   * agency has one; the platform operator has none, and `null` mints a token without it (a user the pool never enrolled).
   */
  agencyId?: string | null;
  unitId?: string;
  email?: string;
  /** Token lifetime; default 1 h like Cognito's default ID token. */
  ttlSeconds?: number;
}

function agencyClaim(input: IssueInput): Record<string, string> {
  if (input.agencyId === null) return {};
  if (input.agencyId !== undefined) return { 'custom:agencyId': input.agencyId };
  return input.groups.includes('platform') ? {} : { 'custom:agencyId': DEFAULT_AGENCY_ID };
}

export type JwtClaims = Record<string, unknown> & { sub: string; iss: string; aud: string | string[]; exp: number; iat: number };

/** Why a token was refused, worded for a `WWW-Authenticate` header. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface LocalIdentity {
  issuer: string;
  audience: string;
  keyId: string;
  issue(input: IssueInput): Promise<string>;
  /** The claims of a valid token; throws TokenError otherwise. */
  verify(token: string): Promise<JwtClaims>;
  /** The public key set, as Cognito publishes it at `<issuer>/.well-known/jwks.json`. */
  jwks(): { keys: Record<string, unknown>[] };
}

export interface IdentityOptions {
  issuer: string;
  audience?: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat (the cloud authorizer allows none that we rely on). */
  clockToleranceSeconds?: number;
  now?: () => number;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const decodeJson = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function createIdentity(options: IdentityOptions): Promise<LocalIdentity> {
  const { privateKey, publicKey } = (await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })) as { privateKey: KeyObject; publicKey: KeyObject };
  const issuer = options.issuer;
  const audience = options.audience ?? LOCAL_CLIENT_ID;
  const keyId = randomUUID();
  const tolerance = options.clockToleranceSeconds ?? 0;
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);

  async function issue(input: IssueInput): Promise<string> {
    const iat = nowSeconds();
    const claims: Record<string, unknown> = {
      sub: input.sub,
      'cognito:groups': [...input.groups],
      iss: issuer,
      'cognito:username': input.sub,
      aud: audience,
      token_use: 'id',
      auth_time: iat,
      iat,
      exp: iat + (input.ttlSeconds ?? 3600),
      jti: randomUUID(),
      ...(input.email !== undefined ? { email: input.email, email_verified: true } : {}),
      ...agencyClaim(input),
      ...(input.unitId !== undefined ? { 'custom:unitId': input.unitId } : {}),
    };
    const signingInput = `${b64url(JSON.stringify({ kid: keyId, alg: 'RS256' }))}.${b64url(JSON.stringify(claims))}`;
    return `${signingInput}.${b64url(sign('RSA-SHA256', Buffer.from(signingInput), privateKey))}`;
  }

  async function verifyToken(token: string): Promise<JwtClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new TokenError('token is malformed');
    const [h, p, s] = parts as [string, string, string];
    let header: unknown;
    let payload: unknown;
    try {
      header = decodeJson(h);
      payload = decodeJson(p);
    } catch {
      throw new TokenError('token is malformed');
    }
    if (!isObject(header) || !isObject(payload)) throw new TokenError('token is malformed');
    if (header.alg !== 'RS256') throw new TokenError(`signing method ${String(header.alg)} is invalid`);
    if (header.kid !== keyId) throw new TokenError('unable to find the signing key (kid) of this token');
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))) {
      throw new TokenError('signature is invalid');
    }
    const now = nowSeconds();
    if (payload.iss !== issuer) throw new TokenError('token has invalid issuer');
    const aud = payload.aud;
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(audience)) throw new TokenError('token has invalid audience');
    if (typeof payload.exp !== 'number') throw new TokenError('token has no expiry');
    if (payload.exp <= now - tolerance) throw new TokenError('the token has expired');
    if (typeof payload.nbf === 'number' && payload.nbf > now + tolerance) throw new TokenError('token is not valid yet');
    if (typeof payload.iat === 'number' && payload.iat > now + tolerance) throw new TokenError('token used before issued');
    if (typeof payload.sub !== 'string') throw new TokenError('token has no subject');
    return payload as JwtClaims;
  }

  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' };
  return { issuer, audience, keyId, issue, verify: verifyToken, jwks: () => ({ keys: [jwk] }) };
}

/**
 * Claims as the HTTP API JWT authorizer hands them to Lambda: strings stay strings, numbers and
 * booleans become strings, arrays become one bracketed space-separated string
 * (`"cognito:groups": "[admin council]"`, docs/toolchain.md "API Gateway (HTTP API)"), objects become JSON text.
 */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = `[${v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ')}]`;
    else if (typeof v === 'object') out[k] = JSON.stringify(v);
    else out[k] = String(v);
  }
  return out;
}
