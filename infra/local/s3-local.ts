/**
 * The S3 emulator of the twin: s3rver 3.7.1 in-process, with the documents bucket, behind a gate that
 * makes it refuse what real S3 refuses on a private bucket (docs/toolchain.md "The S3 emulator").
 *
 * s3rver alone is a permissive store: it serves anonymous requests (list, read, write), does not check
 * Signature V4 at all (any signature passes if the access key is known), and ignores
 * `x-amz-checksum-sha256`. The gate, a Koa middleware put first in s3rver's own chain, adds:
 * - no credentials, no access (403 AccessDenied), as a private bucket with Block Public Access;
 *   a CORS preflight (OPTIONS) passes, as in S3, which answers it from the bucket's CORS rules;
 * - Signature V4 checked, in the Authorization header (the SDK) and in the query (presigned URLs): the
 *   canonical request rebuilt from the signed headers, so a body of another size than the signed
 *   Content-Length, another Content-Type or another checksum header is SignatureDoesNotMatch, and an
 *   expired URL AccessDenied, as in S3;
 * - on a PUT with `x-amz-checksum-sha256`, the body hashed and refused with 400 BadDigest when it differs.
 * Not emulated: versioning (s3rver keeps one version; VersionId is absent), IAM (any valid signature may
 * do anything), the payload hash of header-signed requests (x-amz-content-sha256 is signed, not compared
 * with the body), SSE, lifecycle, access logs.
 *
 * Objects are files under `directory` (`.local/s3/` for `npm start`, kept across restarts like
 * DynamoDB's data); without one, a temporary folder removed at stop.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

// s3rver ships no types: the parts used here, typed by hand (s3rver 3.7.1, lib/s3rver.js).
interface S3rverServer {
  /** Koa's middleware list; s3rver composes it when it starts listening. */
  middleware: unknown[];
  run(): Promise<{ port: number }>;
  httpServer: Server;
}
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverServer;
/** s3rver's error type: thrown from the gate, rendered by s3rver as S3's XML error. */
const S3Error = require('s3rver/lib/models/error') as new (code: string, message: string, detail?: Record<string, string>) => Error;
/** s3rver's key registry: it knows only its own key (S3RVER) until the twin's is added. */
const AWSAccount = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };

export interface S3LocalOptions {
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** Where the objects are kept; default: a temporary folder, deleted at stop. */
  directory?: string;
  bucket: string;
  /** The key pair requests must be signed with (the twin's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Origins a browser may upload from (the bucket's CORS); default any, as a local SPA's port varies. */
  corsOrigins?: readonly string[];
}

export interface S3Local {
  endpoint: string;
  port: number;
  bucket: string;
  /** The folder the objects are in; undefined when temporary. */
  directory: string | undefined;
  stop(): Promise<void>;
}

/** The largest body the gate buffers to check a checksum: above the 20 MB uploads take, below anything silly. */
const MAX_CHECKED_BODY = 25 * 1024 * 1024;

type Ctx = {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  req: Readable;
  get(name: string): string;
};

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const uriEscape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

function parseQuery(raw: string): [string, string][] {
  if (!raw) return [];
  return raw.split('&').map((pair) => {
    const i = pair.indexOf('=');
    const [k, v] = i === -1 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
    return [decodeURIComponent(k.replace(/\+/g, '%20')), decodeURIComponent(v.replace(/\+/g, '%20'))];
  });
}

/** 20261201T083000Z → Date. */
const amzDate = (s: string) => new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);

/**
 * Signature V4 of a request (AWS General Reference, "Create a signed AWS API request"; S3's variant:
 * the path as sent, not normalised or encoded twice). Throws s3rver's S3Error as S3 would answer.
 */
export function checkSignatureV4(ctx: Pick<Ctx, 'method' | 'url' | 'headers'>, secretOf: (accessKeyId: string) => string | undefined, now = new Date()): void {
  const q = ctx.url.indexOf('?');
  const rawPath = q === -1 ? ctx.url : ctx.url.slice(0, q);
  const query = parseQuery(q === -1 ? '' : ctx.url.slice(q + 1));
  const param = (name: string) => query.find(([k]) => k === name)?.[1];
  const header = (name: string) => {
    const v = ctx.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };

  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let date: string;
  let payloadHash: string;
  const authorization = header('authorization');
  if (authorization) {
    const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(authorization.trim());
    if (!m) throw new S3Error('AuthorizationHeaderMalformed', 'The authorization header is malformed (only AWS4-HMAC-SHA256 is accepted).');
    [, credential, signedHeaders, signature] = m as unknown as [string, string, string, string];
    date = header('x-amz-date') ?? '';
    payloadHash = header('x-amz-content-sha256') ?? '';
    if (!payloadHash) throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    if (Math.abs(now.getTime() - amzDate(date).getTime()) > 15 * 60_000) throw new S3Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
  } else {
    if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
    credential = param('X-Amz-Credential') ?? '';
    signedHeaders = param('X-Amz-SignedHeaders') ?? '';
    signature = param('X-Amz-Signature') ?? '';
    date = param('X-Amz-Date') ?? '';
    const expires = Number(param('X-Amz-Expires'));
    if (!credential || !signedHeaders || !signature || !date || !Number.isInteger(expires) || expires < 1 || expires > 604_800) {
      throw new S3Error(
        'AuthorizationQueryParametersError',
        'Query-string authentication version 4 requires X-Amz-Credential, X-Amz-Date, X-Amz-Expires (1–604800), X-Amz-SignedHeaders and X-Amz-Signature.',
      );
    }
    if (now.getTime() > amzDate(date).getTime() + expires * 1000) throw new S3Error('AccessDenied', 'Request has expired');
    payloadHash = param('X-Amz-Content-Sha256') ?? header('x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD';
  }

  const [accessKeyId, scopeDate, region, service, terminator] = credential.split('/');
  const secret = accessKeyId ? secretOf(accessKeyId) : undefined;
  if (!secret) throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (!scopeDate || !region || !service || terminator !== 'aws4_request' || !date.startsWith(scopeDate)) {
    throw new S3Error('AuthorizationHeaderMalformed', `The credential scope ${credential} is malformed.`);
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host')) throw new S3Error('AccessDenied', 'The host header must be signed.');
  const canonicalHeaders = names.map((n) => `${n}:${(header(n) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalQuery = query
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [uriEscape(k), uriEscape(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [ctx.method, rawPath, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, scopeDate), region), service), 'aws4_request');
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
}

async function readBody(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The gate in front of s3rver (see the file's comment). */
function gate(secretOf: (accessKeyId: string) => string | undefined) {
  return async (ctx: Ctx, next: () => Promise<void>) => {
    if (ctx.method === 'OPTIONS') return next();
    const signedQuery = /[?&]X-Amz-Signature=/.test(ctx.url);
    if (!ctx.get('authorization') && !signedQuery) {
      // s3rver would serve this; a private bucket does not.
      throw new S3Error('AccessDenied', 'Access Denied');
    }
    if (/[?&]Signature=/.test(ctx.url) || /^AWS\s/.test(ctx.get('authorization'))) throw new S3Error('InvalidRequest', 'Signature Version 2 is not supported; use AWS4-HMAC-SHA256.');
    checkSignatureV4(ctx, secretOf);
    const checksum = ctx.get('x-amz-checksum-sha256');
    if (ctx.method === 'PUT' && checksum) {
      const body = await readBody(ctx.req, MAX_CHECKED_BODY);
      if (createHash('sha256').update(body).digest('base64') !== checksum) {
        throw new S3Error('BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
      }
      // s3rver's PUT reads the object from ctx.req: hand it the bytes already read.
      ctx.req = Readable.from([body]);
    }
    return next();
  };
}

const corsXml = (origins: readonly string[]) =>
  [
    '<CORSConfiguration><CORSRule>',
    ...origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`),
    // As the stack's bucket (infra/stack.ts createDocumentsBucket): the presigned PUT and GET, the signed headers.
    '<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>',
    '<AllowedHeader>content-type</AllowedHeader><AllowedHeader>x-amz-checksum-sha256</AllowedHeader>',
    '<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3600</MaxAgeSeconds>',
    '</CORSRule></CORSConfiguration>',
  ].join('');

export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const host = options.host ?? '127.0.0.1';
  const directory = options.directory ? path.resolve(options.directory) : undefined;
  if (directory) mkdirSync(directory, { recursive: true });
  const folder = directory ?? mkdtempSync(path.join(tmpdir(), 'thidua-s3-'));
  const { accessKeyId, secretAccessKey } = options.credentials;
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
  const secrets = new Map([[accessKeyId, secretAccessKey]]);

  const server = new S3rver({
    address: host,
    port: options.port ?? 0,
    silent: true,
    directory: folder,
    // Path-style only (shared/files/client.ts S3_FORCE_PATH_STYLE): no per-bucket host names on loopback.
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [corsXml(options.corsOrigins ?? ['*'])] }],
  });
  // First in s3rver's chain (Koa composes it when the server starts listening), so its errors are rendered as S3's XML.
  server.middleware.unshift(gate((id) => secrets.get(id)));
  let address: { port: number };
  try {
    address = await server.run();
  } catch (error) {
    if (!directory) rmSync(folder, { recursive: true, force: true });
    throw new Error(`the S3 emulator could not listen on ${host}:${options.port ?? 0}: ${(error as Error).message}`);
  }
  const httpServer = server.httpServer;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${address.port}`,
    port: address.port,
    bucket: options.bucket,
    directory,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        httpServer.close(() => {
          if (!directory) rmSync(folder, { recursive: true, force: true });
          resolve();
        });
        httpServer.closeAllConnections();
      })),
  };
}
