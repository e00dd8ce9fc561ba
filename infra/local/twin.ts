/**
 * The local twin of the cloud (docs/architecture.md "The local twin"): DynamoDB Local with the stack's table,
 * the SES v2 emulator behind a fault-injecting proxy (off until `POST /local/faults`), the stream
 * poller driving every consumer of the wiring, and the HTTP gateway with its identity provider,
 * all on loopback, running the real handlers.
 *
 * The handlers hold no local-only code: the twin configures them through the environment, set
 * before any handler module is imported (they create their SDK clients at module load). The SDK
 * reads service-specific endpoints from AWS_ENDPOINT_URL_<SERVICE> (checked with client-dynamodb
 * 3.1169 and client-sesv2 3.1176).
 *
 * With `dataDir`, what the cloud keeps durably is kept in that folder, and a twin started again on
 * it resumes (README "Data kept across restarts"): DynamoDB Local's database (`dynamodb/`, which keeps
 * the table's stream), the stream reader's position (`stream-checkpoint.json`), the consumers'
 * queues (`queues/*.jsonl`, journals) and the dead letters (`dead-letters/`). Mail left `pending`,
 * `claimed` or `sending` by a twin that died is then settled by the reconciler (the scheduled tick),
 * exactly as in the cloud. The documents bucket's files (the S3 emulator, s3rver) are kept in `s3/`.
 * Without it everything is in memory (the files in a temporary folder).
 */
import { ensureDefaultAgency } from './default-agency';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { functionNameVariable, functions, functionsAtSendRate, type FunctionName, type FunctionSpec, wiringProblems } from '../wiring';
import { startLambdaLocal } from './lambda-local';
import type { LoopbackServer } from './loopback-server';
import { type ConsumerQueues, type QueueDeadLetter, startConsumerQueues } from './consumer-queues';
import { ensurePortFree, isAlive, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { startGateway, type ApiHandler, type Gateway } from './gateway';
import { createScheduler, type LocalScheduler } from './scheduler';
import { lambdaContext } from './lambda-context';
import { createIdentity, type LocalIdentity } from './identity';
import { type CognitoLocal, startCognitoLocal } from './cognito-local';
import { createPoller, type DeadLetter, type PollerOptions, type StreamHandler, type StreamPoller } from './poller';
import type { QueueHandler } from './queue-mapping';
import { redriveLocal } from './redrive';
import { startSesFaultProxy, type FaultSettingsInput, type SesFaultProxy } from './ses-fault-proxy';
import { startSesLocal, type SesLocal } from './ses-local';
import { type S3Local, startS3Local } from './s3-local';

export const LOCAL_REGION = 'ap-southeast-1';
/** The key pair the handlers sign with; the S3 emulator checks signatures against it. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface TwinOptions {
  /** Project root (where functions/ and node_modules/ are). Default: two levels above this file. */
  root?: string;
  /** Gateway port; default env PORT or 3000. 0 picks a free port (so do the two below). */
  port?: number;
  /** Default env DYNAMODB_PORT or 8000. */
  dynamodbPort?: number;
  /**
   * The SES address the handlers (and people) use; default env SES_PORT or 8005. The fault proxy
   * listens there and passes everything but faulted SendEmail calls to the emulator behind it.
   */
  sesPort?: number;
  /** The S3 emulator (the documents bucket); default env S3_PORT, else 0: a free port. */
  s3Port?: number;
  /** Default env DOCUMENTS_BUCKET or `thidua-documents-local`. */
  documentsBucket?: string;
  /** Default env TABLE_NAME or `thidua-local`. */
  tableName?: string;
  /** Default env MAIL_FROM or `no-reply@thidua.example.org`. */
  mailFrom?: string;
  /** Default env MAIL_SEND_RATE or 50. */
  mailSendRate?: number;
  /** The handlers' log level (Powertools); default env LOG_LEVEL or WARN. */
  logLevel?: string;
  /** Silences the twin's own messages (poller retries and dead letters, gateway errors). */
  quiet?: boolean;
  /**
   * Keep the data in this folder and resume from it (see above); one twin at a time per folder.
   * Default: in memory (tests start clean). `npm start` passes `.local/`.
   */
  dataDir?: string;
  /**
   * One line per request (method, path, status, ms) and per consumer invocation (consumer, records,
   * failures, ms). Default: env LOCAL_ACCESS_LOG (1 or 0), else on unless `quiet` or LOG_LEVEL is
   * ERROR, CRITICAL or SILENT (tests set those).
   */
  accessLog?: boolean;
  /** Poller tuning (tests make retries fast); its dead-letter folder is the queues' too. */
  poller?: Pick<PollerOptions, 'pollIntervalMs' | 'shardRefreshMs' | 'retryBackoff' | 'deadLetterDir' | 'enforceTimeouts' | 'now'>;
  /** How soon a queue message its consumer failed on is received again; default env LOCAL_RETRY_SECONDS, else 2 s. */
  queueRetryAfterMs?: number;
  /** How often the scheduled functions run (seconds); default env LOCAL_SCHEDULE_SECONDS, else each one's wiring. 0: only on request. */
  scheduleEverySeconds?: number;
  /** Replaces the handler of some functions, e.g. to inject a fault; the others are loaded from their entry. */
  handlers?: Partial<Record<FunctionName, ApiHandler | StreamHandler | QueueHandler>>;
}

export interface Twin {
  gatewayUrl: string;
  dynamodbEndpoint: string;
  /**
   * SES as the handlers reach it (AWS_ENDPOINT_URL_SESV2): the emulator's web page, `GET /store`
   * and its whole API, through the fault proxy, which passes them through (faults are off by default).
   */
  sesEndpoint: string;
  /** The fault switch in front of the emulator (also `POST`/`GET /local/faults`); `sesProxy.target` is the emulator itself. */
  sesProxy: SesFaultProxy;
  tableName: string;
  /** The S3 emulator as the handlers reach it (AWS_ENDPOINT_URL_S3, path-style): presigned URLs point here. */
  s3Endpoint: string;
  /** The documents bucket (DOCUMENTS_BUCKET). */
  documentsBucket: string;
  region: string;
  identity: LocalIdentity;
  /** The table's one stream reader: the router's mapping. */
  poller: StreamPoller;
  /** Each consumer's queue, dead-letter queue and mapping. */
  queues: ConsumerQueues;
  /**
   * Resolves when the whole path is still: the stream read to its tip with nothing in flight, and
   * every consumer's queue empty with no invocation running (a failed message waiting to reappear
   * counts as work), twice in a row with no invocation in between.
   */
  idle(options?: { timeoutMs?: number }): Promise<void>;
  /** The stream router's dead letters (stream records) and every consumer's (queue messages). */
  deadLetters(): (DeadLetter | QueueDeadLetter)[];
  /** Moves consumers' dead letters back to their queues and replays the router's; one line per function. */
  redrive(only?: string): Promise<{ function: string; redriven: number; stillFailing: number }[]>;
  /** Milliseconds from the call to startTwin until everything was up. */
  startupMs: number;
  /** The folder the data is kept in, when not in memory. */
  dataDir: string | undefined;
  /** What an earlier run on `dataDir` left: the table kept, the stream position, messages in each queue. */
  resumed: { table: boolean; streamCheckpoint: boolean; queues: Record<string, number> };
  /** Stops the gateway, then the poller (waiting for batches in flight), the SES proxy and emulator, and DynamoDB Local. */
  stop(): Promise<void>;
}

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return n;
};

type LoadedHandler = (event: never, context: never) => Promise<unknown>;

let importConditionHook = false;
/**
 * Under tsx the project's .ts files load as CommonJS (package.json has no "type": "module"), and
 * require() cannot resolve packages that export only under the `import` condition, such as
 * @middy/core 7 (ERR_PACKAGE_PATH_NOT_EXPORTED). Node 24 can require() ES modules, so when, and
 * only when, that resolution fails, try again with the `import` condition, as a bundler does.
 */
function allowRequireOfImportOnlyPackages() {
  if (importConditionHook || typeof registerHooks !== 'function') return;
  importConditionHook = true;
  try {
    registerHooks({
      resolve(specifier, context, nextResolve) {
        try {
          return nextResolve(specifier, context);
        } catch (error) {
          if ((error as { code?: string }).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' || context.conditions?.includes('import')) throw error;
          return nextResolve(specifier, { ...context, conditions: [...(context.conditions ?? []), 'import'] });
        }
      },
    });
  } catch {
    // Jest refuses module hooks; it resolves such packages itself (moduleNameMapper in jest.config.js).
  }
}

/** Imports each function's entry and takes its `handler` export (after the environment is set). */
export async function loadHandlers(root: string, specs: Record<string, FunctionSpec>, overrides: Partial<Record<string, unknown>> = {}) {
  const out: Record<string, LoadedHandler> = {};
  allowRequireOfImportOnlyPackages();
  await Promise.all(
    Object.entries(specs).map(async ([name, spec]) => {
      const override = overrides[name];
      if (override) {
        out[name] = override as LoadedHandler;
        return;
      }
      const file = path.resolve(root, spec.entry);
      const mod = (await import(file).catch((error: { code?: string; message?: string }) => {
        if (error?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' && typeof registerHooks !== 'function') {
          throw new Error(
            `${spec.entry}: ${error.message}. This Node (${process.version}) cannot load import-only packages from CommonJS: run on Node ≥ 22.15 (npm start and npx use the project's Node 24)`,
          );
        }
        throw error;
      })) as { handler?: unknown; default?: { handler?: unknown } };
      const handler = mod.handler ?? mod.default?.handler;
      if (typeof handler !== 'function') throw new Error(`${spec.entry} has no exported function \`handler\``);
      out[name] = handler as LoadedHandler;
    }),
  );
  return out;
}

/**
 * The local stand-in for SES's configuration-set event destination: the SES event, wrapped as SNS
 * delivers it, to every function the wiring subscribes to SES events. The SES emulator publishes
 * none of its own, so tests and people post them (`POST /local/ses-events`).
 */
async function publishSesEvent(handlers: Record<string, unknown>, sesEvent: unknown) {
  const at = new Date().toISOString();
  for (const [name, spec] of Object.entries(functions) as [string, FunctionSpec][]) {
    if (!spec.sesEvents) continue;
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: `arn:aws:sns:${LOCAL_REGION}:000000000000:ses-events:local`,
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: `arn:aws:sns:${LOCAL_REGION}:000000000000:ses-events`,
            Subject: null,
            Message: JSON.stringify(sesEvent),
            Timestamp: at,
            MessageAttributes: {},
          },
        },
      ],
    };
    const context = lambdaContext({ name, memorySize: spec.memorySize, timeoutSeconds: spec.timeoutSeconds, region: LOCAL_REGION });
    await (handlers[name] as (e: unknown, c: unknown) => Promise<unknown>)(event, context);
  }
}

/**
 * One twin per data folder: two DynamoDB Locals on one database file, or two processes appending to
 * one queue journal, would corrupt both. The lock is the pid of the twin's process in `twin.pid`; a
 * pid that is gone (a twin killed with SIGKILL) leaves a stale lock, taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'twin.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(`the data folder ${dataDir} is in use by the twin with pid ${pid}: stop it first, or start with another folder (LOCAL_DATA_DIR=…) or in memory (--in-memory)`);
    }
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  };
}

/** Whether request and batch lines are printed (TwinOptions.accessLog). */
export function accessLogOn(env: Readonly<Record<string, string | undefined>>, quiet: boolean): boolean {
  if (env.LOCAL_ACCESS_LOG === '1' || env.LOCAL_ACCESS_LOG === 'true') return true;
  if (env.LOCAL_ACCESS_LOG === '0' || env.LOCAL_ACCESS_LOG === 'false') return false;
  return !quiet && !['ERROR', 'CRITICAL', 'SILENT'].includes((env.LOG_LEVEL ?? 'WARN').toUpperCase());
}

/** `GET /campaigns/x  200  12 ms`: one request, as the twin prints it. */
export const requestLine = (r: { method: string; path: string; status: number; ms: number }) => `${r.method.padEnd(6)} ${r.path}  ${r.status}  ${r.ms} ms`;

/** `  ↳ mailer  10 records, 0 failed  812 ms`: one consumer invocation. */
export const batchLine = (b: { consumer: string; records: number; failures: number; ms: number }) =>
  `  ↳ ${b.consumer}  ${b.records} record${b.records === 1 ? '' : 's'}, ${b.failures} failed  ${b.ms} ms`;

export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  const t0 = Date.now();
  const root = options.root ?? path.resolve(__dirname, '../..');
  const tableName = options.tableName ?? process.env.TABLE_NAME ?? 'thidua-local';
  const quiet = options.quiet ?? false;
  const say = { info: (m: string) => void (quiet || console.log(m)), warn: (m: string) => void (quiet || console.warn(m)) };
  const logLevel = options.logLevel ?? process.env.LOG_LEVEL ?? 'WARN';
  const accessLog = options.accessLog ?? accessLogOn({ ...process.env, LOG_LEVEL: logLevel }, quiet);
  const onBatch = accessLog ? (b: Parameters<typeof batchLine>[0]) => console.log(batchLine(b)) : undefined;
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  const checkpointFile = dataDir ? path.join(dataDir, 'stream-checkpoint.json') : undefined;
  const hadCheckpoint = !!checkpointFile && existsSync(checkpointFile);
  const hadTable = !!dataDir && existsSync(path.join(dataDir, 'dynamodb', 'shared-local-instance.db'));

  let ses: SesLocal | undefined;
  let s3: S3Local | undefined;
  let sesProxy: SesFaultProxy | undefined;
  let ddb: DynamoDbLocal | undefined;
  let poller: StreamPoller | undefined;
  let queues: ConsumerQueues | undefined;
  let gateway: Gateway | undefined;
  let scheduler: LocalScheduler | undefined;
  let cognito: CognitoLocal | undefined;
  let lambdaLocal: LoopbackServer | undefined;
  let loadedHandlers: Record<string, LoadedHandler> | undefined;
  const stopAll = async () => {
    await gateway?.stop();
    await lambdaLocal?.close();
    await cognito?.stop();
    await scheduler?.stop();
    await poller?.stop();
    await queues?.stop();
    await sesProxy?.stop();
    await ses?.stop();
    await s3?.stop();
    await ddb?.stop();
    unlock();
  };

  const problems = wiringProblems(functions);
  if (problems.length) throw new Error(`infra/wiring.ts: ${problems.join('; ')}`);
  const deadLetterDir = options.poller?.deadLetterDir ?? path.join(dataDir ?? path.join(root, '.local'), 'dead-letters');

  try {
    // The emulator on a private port, the fault proxy on the public one (SES_PORT): every SES call
    // of the handlers goes through the proxy, which forwards it unchanged until faults are set.
    ses = await startSesLocal({ port: 0 });
    sesProxy = await startSesFaultProxy({ target: ses.endpoint, port: options.sesPort ?? envNumber('SES_PORT', 8005) });
    // The user pool the API enrols people in; its invitations go straight to the emulator (SES faults are the mailer's).
    // The documents bucket: s3rver behind a gate that checks Signature V4 and checksums (infra/local/s3-local.ts).
    const documentsBucket = options.documentsBucket ?? process.env.DOCUMENTS_BUCKET ?? 'thidua-documents-local';
    s3 = await startS3Local({
      port: options.s3Port ?? envNumber('S3_PORT', 0),
      bucket: documentsBucket,
      credentials: LOCAL_CREDENTIALS,
      ...(dataDir ? { directory: path.join(dataDir, 's3') } : {}),
    });
    cognito = await startCognitoLocal({ region: LOCAL_REGION, sesEndpoint: ses.endpoint, ...(dataDir ? { file: path.join(dataDir, 'users.json') } : {}), log: say });
    // The port is fixed before java starts so the handlers can be configured and imported while
    // DynamoDB Local boots (its slowest part); startDynamoDbLocal checks it is still free.
    const dynamodbPort = await ensurePortFree(options.dynamodbPort ?? envNumber('DYNAMODB_PORT', 8000));
    const mailSendRate = Number(options.mailSendRate ?? process.env.MAIL_SEND_RATE ?? 50);
    const dynamodbEndpoint = `http://127.0.0.1:${dynamodbPort}`;
    // The consumers' queues and the SQS endpoint first: the router learns their URLs from ROUTES.
    queues = await startConsumerQueues({
      // A mailer's batch follows the send rate, as the stack sizes it from `sendRate`.
      functions: functionsAtSendRate(mailSendRate),
      region: LOCAL_REGION,
      deadLetterDir,
      ...(dataDir ? { queueDir: path.join(dataDir, 'queues') } : {}),
      ...(onBatch ? { onBatch } : {}),
      retryAfterMs: options.queueRetryAfterMs ?? (process.env.LOCAL_RETRY_SECONDS ? Number(process.env.LOCAL_RETRY_SECONDS) * 1000 : undefined),
      ...(options.poller?.enforceTimeouts !== undefined ? { enforceTimeouts: options.poller.enforceTimeouts } : {}),
      log: say,
    });

    // The renderer and any other function invoked synchronously, answering as Lambda's Invoke API does.
    lambdaLocal = await startLambdaLocal({ host: '127.0.0.1', region: LOCAL_REGION, specs: functions, handlers: () => loadedHandlers as never });
    const invoked = [...new Set((Object.values(functions) as FunctionSpec[]).flatMap((spec) => spec.invokes ?? []))];

    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ENDPOINT_URL_LAMBDA: lambdaLocal.endpoint,
      // In the cloud each is the deployed function's name; here the wiring's, which the endpoint above serves.
      ...Object.fromEntries(invoked.map((name) => [functionNameVariable(name), name])),
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
      AWS_ENDPOINT_URL_SESV2: sesProxy.endpoint,
      AWS_ENDPOINT_URL_SQS: queues.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      // shared/files/client.ts: s3rver on loopback answers path-style requests only.
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      DOCUMENTS_BUCKET: documentsBucket,
      USER_POOL_ID: cognito.userPoolId,
      ROUTES: queues.routes,
      // The twin runs every mailer invocation in this one process, sharing one rate limiter: the
      // process's rate is the global rate (in the cloud each of maxConcurrency processes takes a share).
      MAIL_CONCURRENCY: '1',
      TABLE_NAME: tableName,
      MAIL_FROM: options.mailFrom ?? process.env.MAIL_FROM ?? 'no-reply@thidua.example.org',
      // The senders an agency may choose, as the stack's context `allowedSenders` (the SES emulator accepts any).
      ALLOWED_SENDERS: process.env.ALLOWED_SENDERS ?? '',
      MAIL_SEND_RATE: String(mailSendRate),
      POWERTOOLS_SERVICE_NAME: 'thidua',
      LOG_LEVEL: logLevel,
      // The metrics' EMF JSON is for CloudWatch: the request and batch lines say what a person
      // needs; LOG_LEVEL=DEBUG shows the metrics as well (unless the caller decided already).
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? (logLevel.toUpperCase() === 'DEBUG' ? 'false' : 'true'),
    });
    // A session token or a switch to ignore endpoint variables from the developer's shell would
    // send the handlers to the cloud or break signing against the emulators.
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
    delete process.env.AWS_PROFILE;

    // Both settle before going on, so a failed import never leaves a java process behind.
    const [ddbResult, handlersResult] = await Promise.allSettled([
      startDynamoDbLocal({ port: dynamodbPort, root, tableName, region: LOCAL_REGION, ...(dataDir ? { dbPath: path.join(dataDir, 'dynamodb') } : {}) }).then((d) => (ddb = d)),
      loadHandlers(root, functions, options.handlers),
    ]);
    if (ddbResult.status === 'rejected') throw ddbResult.reason;
    if (handlersResult.status === 'rejected') throw handlersResult.reason;
    ddb = ddbResult.value;
    const handlers = handlersResult.value;
    loadedHandlers = handlers;
    await ensureDefaultAgency({ endpoint: ddb.endpoint, tableName, region: LOCAL_REGION });

    const streamHandlers: Record<string, StreamHandler> = {};
    for (const [name, spec] of Object.entries(functions) as [string, FunctionSpec][]) {
      if (spec.stream) streamHandlers[name] = handlers[name] as StreamHandler;
    }
    poller = createPoller({
      endpoint: ddb.endpoint,
      tableName,
      region: LOCAL_REGION,
      handlers: streamHandlers,
      log: say,
      ...(checkpointFile ? { checkpointFile } : {}),
      ...(onBatch ? { onBatch } : {}),
      ...options.poller,
      deadLetterDir,
    });
    await poller.start();
    queues.start(handlers);

    // The HTTP API's functions (shared/http/route-groups.ts), each handed the routes the wiring gives it, as API Gateway does.
    const apiFunctions = (Object.entries(functions) as [string, FunctionSpec][]).filter(([, spec]) => spec.api);
    const api = apiFunctions.find(([name]) => name === 'api') ?? apiFunctions[0];
    if (!api) throw new Error('the wiring has no API function');
    const [apiName, apiSpec] = api;
    const apiHandlerOf = new Map<string, ApiHandler>();
    for (const [name, spec] of apiFunctions) for (const r of spec.api!.routes) apiHandlerOf.set(`${r.method} ${r.path}`, handlers[name] as ApiHandler);
    const apiHandler: ApiHandler = (event, context) => {
      const handle = apiHandlerOf.get(event.routeKey);
      if (!handle) throw new Error(`no function serves ${event.routeKey}`);
      return handle(event, context);
    };
    const pollerRef = poller;
    const queuesRef = queues;
    const activity = () => Object.values(pollerRef.stats()).reduce((n, c) => n + c.invocations, 0) + queuesRef.invocations();
    const idle = async ({ timeoutMs = 30_000 } = {}) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const before = activity();
        await pollerRef.idle({ timeoutMs: Math.max(1, deadline - Date.now()) });
        while (!queuesRef.isIdle()) {
          if (Date.now() > deadline) throw new Error(`the twin is still busy after ${timeoutMs} ms: ${queuesRef.busy().join('; ')}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        // A consumer may have written records the router has yet to read: again, until nothing moved.
        if (activity() === before) return;
      }
    };
    const deadLetters = () => [...pollerRef.deadLetters(), ...queuesRef.deadLetters()];
    const redrive = async (only?: string) => {
      const out: { function: string; redriven: number; stillFailing: number }[] = [];
      for (const r of queuesRef.redrive(only)) out.push({ function: r.function, redriven: r.moved, stillFailing: 0 });
      if (deadLetterDir) {
        for (const r of await redriveLocal({ dir: deadLetterDir, functions, handlers, region: LOCAL_REGION, ...(only ? { only } : {}) })) {
          out.push({ function: r.function, redriven: r.replayed, stillFailing: r.stillFailing });
        }
      }
      return out;
    };
    scheduler = createScheduler({
      functions,
      handlers,
      region: LOCAL_REGION,
      everySeconds: options.scheduleEverySeconds ?? (process.env.LOCAL_SCHEDULE_SECONDS ? envNumber('LOCAL_SCHEDULE_SECONDS', 60) : undefined),
      log: say,
    });
    scheduler.start();
    const schedulerRef = scheduler;
    const proxyRef = sesProxy;
    gateway = await startGateway({
      port: options.port ?? envNumber('PORT', 3000),
      apiHandler,
      identity: (baseUrl) => createIdentity({ issuer: `${baseUrl}/local/idp` }),
      fn: { name: apiName, memorySize: apiSpec.memorySize, timeoutSeconds: apiSpec.timeoutSeconds },
      region: LOCAL_REGION,
      deadLetters,
      redrive,
      runScheduled: () => schedulerRef.runNow(),
      streamIdle: () => idle(),
      publishSesEvent: (sesEvent) => publishSesEvent(handlers, sesEvent),
      users: cognito,
      faults: {
        get: () => ({ settings: proxyRef.faults(), counters: proxyRef.counters() }),
        set: (body) => ({ settings: proxyRef.setFaults(body as FaultSettingsInput), counters: proxyRef.counters() }),
      },
      log: say,
      ...(accessLog ? { onRequest: (r: Parameters<typeof requestLine>[0]) => console.log(requestLine(r)) } : {}),
    });

    let stopping: Promise<void> | undefined;
    return {
      gatewayUrl: gateway.url,
      dynamodbEndpoint: ddb.endpoint,
      sesEndpoint: sesProxy.endpoint,
      sesProxy,
      tableName,
      s3Endpoint: s3.endpoint,
      documentsBucket,
      region: LOCAL_REGION,
      identity: gateway.identity,
      poller,
      queues,
      idle,
      deadLetters,
      redrive,
      startupMs: Date.now() - t0,
      dataDir,
      resumed: { table: hadTable, streamCheckpoint: hadCheckpoint, queues: queues.restored() },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
