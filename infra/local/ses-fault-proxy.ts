/**
 * A fault-injecting HTTP proxy on loopback in front of the SES v2 emulator. The emulator is a
 * capture sink (ses-local.ts): it never throttles, fails or loses a connection. The twin puts this
 * proxy between the handlers and the emulator so those paths can be exercised end to end, with
 * the real SDK parsing real HTTP answers:
 *
 * | fault              | what the client gets                                                         | mail stored? |
 * | ------------------ | ---------------------------------------------------------------------------- | ------------ |
 * | `throttle`         | 429, `x-amzn-errortype: TooManyRequestsException` (SDK: TooManyRequestsException) | no      |
 * | `error5xx`         | 500 InternalFailure, or 503 ServiceUnavailable (`status: 503`)                | no           |
 * | `reject`           | 400 MessageRejected                                                           | no           |
 * | `dropAfterForward` | the request reaches the emulator, then the socket is destroyed unanswered: a network error, the ambiguous case | yes |
 * | `delay`            | the answer, `ms` later                                                        | yes          |
 *
 * Only SES v2 `SendEmail` (POST /v2/email/outbound-emails) is ever faulted; everything else (the
 * emulator's web page, `/store`, templates…) passes through untouched. Faults come from a scripted
 * queue first (each SendEmail call takes the next entry), then from per-call probabilities drawn
 * from a seeded generator, so a run with a seed makes the same decisions call after call.
 */
import { prng } from './prng';
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import * as z from 'zod';

export const SEND_EMAIL_PATH = '/v2/email/outbound-emails';

const FaultKind = z.enum(['throttle', 'error5xx', 'reject', 'dropAfterForward', 'delay']);
export type FaultKind = z.infer<typeof FaultKind>;

/** One scripted fault; a bare kind takes its defaults. `pass` lets one call through. */
const Fault = z.union([
  z.literal('pass'),
  FaultKind,
  z.strictObject({ kind: z.literal('throttle') }),
  z.strictObject({ kind: z.literal('error5xx'), status: z.union([z.literal(500), z.literal(503)]).optional() }),
  z.strictObject({ kind: z.literal('reject'), message: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('dropAfterForward') }),
  z.strictObject({ kind: z.literal('delay'), ms: z.number().int().min(0).max(120_000) }),
]);
export type Fault = z.infer<typeof Fault>;

const probability = z.number().min(0).max(1);

export const FaultSettings = z
  .strictObject({
    /** The next SendEmail calls take these, in order, before any probability is drawn. */
    queue: z.array(Fault).max(100_000).default([]),
    /** Per-call probabilities, drawn once per SendEmail call once the queue is empty; their sum is at most 1. */
    probabilities: z.strictObject({ throttle: probability, error5xx: probability, reject: probability, dropAfterForward: probability, delay: probability }).partial().default({}),
    /** The delay of a probabilistic `delay` (ms). */
    delayMs: z.number().int().min(0).max(120_000).default(500),
    /** Status of a probabilistic `error5xx`. */
    error5xxStatus: z.union([z.literal(500), z.literal(503)]).default(500),
    /** Only SendEmail calls with a recipient containing this text are faulted (and take queue entries); others pass. */
    match: z.strictObject({ to: z.string().min(1) }).optional(),
    /** Restarts the generator: the same seed and the same calls give the same faults. */
    seed: z.number().int().optional(),
  })
  .refine((s) => Object.values(s.probabilities).reduce((a, b) => a + (b ?? 0), 0) <= 1 + 1e-9, {
    message: 'the probabilities add up to more than 1',
    path: ['probabilities'],
  });
export type FaultSettingsInput = z.input<typeof FaultSettings>;
export type FaultSettings = z.output<typeof FaultSettings>;

export interface FaultCounters {
  /** Every request the proxy received. */
  requests: number;
  /** SendEmail calls received. */
  sendEmailCalls: number;
  /** SendEmail calls forwarded and answered with the emulator's answer (delayed ones included). */
  passed: number;
  throttled: number;
  error5xx: number;
  rejected: number;
  droppedAfterForward: number;
  delayed: number;
  /** The emulator could not be reached (the client got a 502). */
  upstreamErrors: number;
}

export interface SesFaultProxy {
  endpoint: string;
  port: number;
  /** The emulator the proxy forwards to. */
  target: string;
  /** Replaces the settings (validated; throws a FaultSettingsError on a bad one). Returns them. */
  setFaults(settings: FaultSettingsInput): FaultSettings;
  /** The settings in force, with what is left of the queue. */
  faults(): FaultSettings;
  counters(): FaultCounters;
  resetCounters(): void;
  stop(): Promise<void>;
}

export class FaultSettingsError extends Error {
  constructor(readonly errors: { path: string; message: string }[]) {
    super(`invalid fault settings: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'FaultSettingsError';
  }
}

export function parseFaultSettings(input: unknown): FaultSettings {
  const parsed = FaultSettings.safeParse(input ?? {});
  if (!parsed.success) throw new FaultSettingsError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  return parsed.data;
}

type Decision = { kind: 'pass' } | { kind: 'throttle' } | { kind: 'error5xx'; status: 500 | 503 } | { kind: 'reject'; message: string } | { kind: 'dropAfterForward' } | { kind: 'delay'; ms: number };

const emptyCounters = (): FaultCounters => ({ requests: 0, sendEmailCalls: 0, passed: 0, throttled: 0, error5xx: 0, rejected: 0, droppedAfterForward: 0, delayed: 0, upstreamErrors: 0 });

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The recipients of a SendEmail body (to, cc, bcc), or [] when it does not parse. */
function recipientsOf(body: Buffer): string[] {
  try {
    const d = (JSON.parse(body.toString('utf8')) as { Destination?: Record<string, unknown> }).Destination ?? {};
    return ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((k) => (Array.isArray(d[k]) ? (d[k] as unknown[]).map(String) : []));
  } catch {
    return [];
  }
}

const requestId = () => `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** An error answer shaped as SES v2 (restJson1) sends it: the SDK takes the type from `x-amzn-errortype`. */
function sendError(res: ServerResponse, status: number, type: string, message: string) {
  const body = JSON.stringify({ message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-amzn-errortype': type,
    'x-amzn-requestid': requestId(),
  });
  res.end(body);
}

export async function startSesFaultProxy(options: { target: string; port?: number; host?: string; seed?: number }): Promise<SesFaultProxy> {
  const host = options.host ?? '127.0.0.1';
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  let settings = parseFaultSettings({ ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  let random = prng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  let counters = emptyCounters();
  const sockets = new Set<Socket>();

  function decide(recipients: string[]): Decision {
    if (settings.match && !recipients.some((r) => r.includes(settings.match!.to))) return { kind: 'pass' };
    const next = settings.queue.shift();
    if (next !== undefined) {
      const f = typeof next === 'string' ? { kind: next } : next;
      switch (f.kind) {
        case 'pass':
        case 'throttle':
        case 'dropAfterForward':
          return { kind: f.kind };
        case 'error5xx':
          return { kind: 'error5xx', status: ('status' in f && f.status) || 500 };
        case 'reject':
          return { kind: 'reject', message: ('message' in f && f.message) || 'Email address is not verified.' };
        case 'delay':
          return { kind: 'delay', ms: 'ms' in f ? f.ms : settings.delayMs };
      }
    }
    const p = settings.probabilities;
    if (!Object.values(p).some((v) => v && v > 0)) return { kind: 'pass' };
    // One draw per call, whatever the settings: the sequence of decisions depends on the seed only.
    let r = random();
    for (const kind of ['throttle', 'error5xx', 'reject', 'dropAfterForward', 'delay'] as const) {
      const pk = p[kind] ?? 0;
      if (r < pk) {
        if (kind === 'error5xx') return { kind, status: settings.error5xxStatus };
        if (kind === 'reject') return { kind, message: 'Email address is not verified.' };
        if (kind === 'delay') return { kind, ms: settings.delayMs };
        return { kind };
      }
      r -= pk;
    }
    return { kind: 'pass' };
  }

  /** Forwards one request to the emulator; resolves with its complete answer. */
  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (res) => {
        readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      up.on('error', reject);
      up.end(body);
    });
  }

  function answer(res: ServerResponse, up: { status: number; headers: IncomingMessage['headers']; body: Buffer }) {
    const headers: Record<string, string | string[] | undefined> = { ...up.headers, 'content-length': String(up.body.length) };
    for (const hop of ['transfer-encoding', 'connection', 'keep-alive']) delete headers[hop];
    res.writeHead(up.status, headers);
    res.end(up.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    counters.requests++;
    const body = await readAll(req);
    const isSendEmail = req.method === 'POST' && (req.url ?? '').split('?')[0] === SEND_EMAIL_PATH;
    if (!isSendEmail) {
      try {
        answer(res, await forward(req, body));
      } catch (error) {
        counters.upstreamErrors++;
        sendError(res, 502, 'BadGateway', `the SES emulator did not answer: ${(error as Error).message}`);
      }
      return;
    }
    counters.sendEmailCalls++;
    const decision = decide(recipientsOf(body));
    switch (decision.kind) {
      case 'throttle':
        counters.throttled++;
        return sendError(res, 429, 'TooManyRequestsException', 'Maximum sending rate exceeded.');
      case 'error5xx':
        counters.error5xx++;
        return decision.status === 503
          ? sendError(res, 503, 'ServiceUnavailable', 'Service is unavailable. Please try again later.')
          : sendError(res, 500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.');
      case 'reject':
        counters.rejected++;
        return sendError(res, 400, 'MessageRejected', decision.message);
      case 'delay':
        counters.delayed++;
        await new Promise((r) => setTimeout(r, decision.ms));
        break;
      case 'dropAfterForward':
        break;
      case 'pass':
        break;
    }
    let up: Awaited<ReturnType<typeof forward>>;
    try {
      up = await forward(req, body);
    } catch (error) {
      counters.upstreamErrors++;
      return sendError(res, 502, 'BadGateway', `the SES emulator did not answer: ${(error as Error).message}`);
    }
    if (decision.kind === 'dropAfterForward') {
      // The emulator has stored the mail and answered; the client never hears it.
      counters.droppedAfterForward++;
      req.socket.destroy();
      return;
    }
    counters.passed++;
    answer(res, up);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      counters.upstreamErrors++;
      if (!res.headersSent) sendError(res, 502, 'BadGateway', String((error as Error)?.message ?? error));
      else res.destroy();
    });
  });
  // Like SES's own endpoints, keep idle connections open for a while: with Node's default of 5 s,
  // the SDK's keep-alive agent would reuse a socket the proxy had just closed, and a send would fail
  // with ECONNRESET, which the mailer rightly treats as "maybe sent" (a doubt this twin would invent).
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`the SES fault proxy could not listen on ${host}:${options.port}: port already in use (set SES_PORT)`) : error),
    );
    server.listen(options.port ?? 0, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;

  let stopping: Promise<void> | undefined;
  const proxy: SesFaultProxy = {
    endpoint: `http://${host}:${port}`,
    port,
    target: target.origin,
    setFaults(input) {
      const next = parseFaultSettings(input);
      if (next.seed !== undefined) random = prng(next.seed);
      settings = next;
      return proxy.faults();
    },
    faults: () => structuredClone(settings),
    counters: () => ({ ...counters }),
    resetCounters: () => {
      counters = emptyCounters();
    },
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        agent.destroy();
      })),
  };
  return proxy;
}
