/**
 * The one list of the wiring (docs/architecture.md "One list of the wiring"): which functions
 * exist, which routes the API serves, which function reads the table's stream, which records each
 * consumer takes from its queue, with which filter, order, batch, retry and concurrency settings.
 * The CDK stack (infra/stack.ts) and the local twin (infra/local/twin.ts) both read this module;
 * neither has its own copy.
 *
 * The path of a record (README "The events"): the table's stream → its one reader, the stream
 * router (`streamRouter`) → the queue of every consumer whose filters it matches (FIFO with the
 * campaign as message group, or standard) → the consumer, through a Lambda SQS mapping with
 * partial batch responses and a maximum concurrency → after `maxReceiveCount` receives, the
 * queue's dead-letter queue.
 */
import { isCoreRoute, isCouncilRoute, isDocsRoute, isFilesRoute, isPeopleRoute, isSheetsRoute } from '../shared/http/route-groups';
import { DISPOSABLE_ID_PREFIXES } from '../shared/schemas/agency';
import { type RouteSpec, routes } from '../shared/http/routes';
import { covers, type FilterPattern, mergePatterns } from '../shared/stream/filter-match';
import type { table as tableDefinition } from './table-definition';

export type { FilterPattern, FilterValue } from '../shared/stream/filter-match';

/** The mapping of the table's one stream reader (a Lambda event source mapping on the stream). */
export interface StreamSubscription {
  /** Any one of these patterns lets a record through (Lambda ORs the filters of one mapping). */
  filters: readonly FilterPattern[];
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** Retries of a failing batch before its records go to the on-failure destination. */
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  bisectBatchOnError: boolean;
  parallelizationFactor: number;
}

/**
 * A consumer's queue and its Lambda SQS mapping. The stream router puts on the queue every record
 * one of `filters` matches, the stream record itself as the message body (shared/stream/batch.ts
 * hands the handler the record, as a stream mapping did).
 */
export interface QueueSubscription {
  /** Any one of these patterns puts a record on the queue (the same patterns a Lambda stream filter takes). */
  filters: readonly FilterPattern[];
  /**
   * `per-campaign`: a FIFO queue, the message group being the record's partition key (a campaign's
   * items share one), so the consumer sees a campaign's records in the stream's order. `none`: a
   * standard queue: any order, more than once now and then, no per-group throughput limit.
   */
  order: 'per-campaign' | 'none';
  /** Messages per invocation (at most 10 on a FIFO queue). */
  batchSize: number;
  /** Seconds Lambda waits to fill a batch (standard queues only; at least 1 when batchSize > 10). */
  maxBatchingWindowSeconds: number;
  /** Receives of a message before SQS moves it to the dead-letter queue (1 + retries). */
  maxReceiveCount: number;
  /** At most this many invocations at once (the mapping's ScalingConfig.MaximumConcurrency, 2–1000). */
  maxConcurrency: number;
}

/**
 * The queue's visibility timeout: six times the function's timeout, AWS's advice for a queue read by
 * Lambda, so a batch still running is never handed to a second invocation, and Lambda's retries of
 * a throttled invocation fit in before the message reappears.
 */
export const visibilityTimeoutSeconds = (spec: Pick<FunctionSpec, 'timeoutSeconds'>) => 6 * spec.timeoutSeconds;

/** The most messages a Lambda SQS mapping hands a mailer at once: its claim, marks and records each fit one transaction (100 operations). */
const MAX_MAILER_BATCH = 100;

/**
 * A mailer's queue when the deployer set the send rate (`sendRate`, MAIL_SEND_RATE): a batch is what
 * one process sends in a quarter of its timeout at its share of the rate (rate / maxConcurrency),
 * between the wiring's own size (10: a batch must be sent within the timeout even at the SES
 * sandbox's 1 email a second) and 100. Larger batches mean fewer invocations and fewer DynamoDB
 * requests per email. Without a configured rate (the SES quota is read at run time) the wiring's
 * size stands. Every other queue is the wiring's.
 */
export function queueAtSendRate(spec: FunctionSpec, sendRate: number | undefined): QueueSubscription | undefined {
  if (!spec.queue || !spec.sendsEmail || !sendRate || spec.queue.order !== 'none') return spec.queue;
  const fits = Math.floor(((sendRate / spec.queue.maxConcurrency) * spec.timeoutSeconds) / 4);
  return { ...spec.queue, batchSize: Math.max(spec.queue.batchSize, Math.min(MAX_MAILER_BATCH, fits)) };
}

/** The wiring with each mailer's queue at the send rate (`queueAtSendRate`). */
export function functionsAtSendRate(sendRate: number | undefined): Record<string, FunctionSpec> {
  return Object.fromEntries((Object.entries(functions) as [string, FunctionSpec][]).map(([name, spec]) => [name, spec.queue ? { ...spec, queue: queueAtSendRate(spec, sendRate)! } : spec]));
}

/** A function run by the clock: EventBridge Scheduler in the cloud, the twin's scheduler locally. */
export interface ScheduleSpec {
  /** An EventBridge Scheduler expression, e.g. `rate(1 minute)`. */
  expression: string;
  /** How often the local twin runs it (seconds); it can also be run at once with `POST /local/scheduler/run`. */
  localEverySeconds: number;
}

/**
 * A DynamoDB action as IAM names it. Transactions have no IAM action of their own: each `Put`,
 * `Update`, `Delete` or `ConditionCheck` inside a TransactWriteItems is authorized as PutItem,
 * UpdateItem, DeleteItem or ConditionCheckItem on its table (DynamoDB developer guide, "Using IAM
 * with DynamoDB transactions"), so a function that writes in transactions lists those.
 */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'Scan'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem'
  // PartiQL statements (BatchExecuteStatement, ExecuteStatement), authorized by kind: none used today.
  | 'PartiQLInsert'
  | 'PartiQLUpdate'
  | 'PartiQLDelete'
  | 'PartiQLSelect';
export type IndexName = (typeof tableDefinition.indexes)[number]['name'];
/** A Cognito admin action as IAM names it (without `cognito-idp:`), granted on the stack's user pool only. */
export type UserPoolAction = 'AdminCreateUser' | 'AdminGetUser' | 'AdminAddUserToGroup' | 'AdminDisableUser';

/**
 * What a function does with the table, and all it may do (least privilege per function): the
 * actions its code calls on the table, and the GSIs it queries. Derived from the code paths each
 * function reaches; test/infra/least-privilege.test.ts bundles every function and fails when its
 * code calls an action this list lacks, or when the list grants one the code never calls.
 */
export interface TableAccess {
  /** Granted on the table's ARN. */
  actions: readonly TableAction[];
  /** `dynamodb:Query` on `<table ARN>/index/<name>` for each of these, and on no other index. */
  indexes: readonly IndexName[];
  /**
   * Deletes in batches (BatchWriteItem) allowed only in partitions whose key matches one of these (IAM
   * `dynamodb:LeadingKeys`): removing a disposable agency (shared/schemas/agency.ts DISPOSABLE_ID_PREFIXES) can then
   * reach no real agency's item, whatever the code does.
   */
  purges?: readonly string[];
}

/**
 * An S3 action on the documents bucket's objects as IAM names it (without `s3:`). A presigned URL is
 * signed with the function's own credentials, so the function needs the action the URL performs:
 * PutObject to hand out an upload URL or store a generated file, GetObject to hand out a download URL
 * or read an upload back (verifyUpload), GetObjectVersion when it names a version (a download pinned
 * to the version that was checked). No listing, no deleting, no bucket-level action.
 */
export type BucketAction = 'GetObject' | 'GetObjectVersion' | 'PutObject';

/**
 * What a function does with the documents bucket (shared/files/), and all it may do: granted on
 * `<bucket ARN>/<prefix>*` only. test/infra/least-privilege.test.ts bundles every function and fails
 * when its code sends or presigns an S3 command this list lacks, or when the list grants one it never uses.
 */
export interface BucketAccess {
  actions: readonly BucketAction[];
  /**
   * The keys the grant covers, default `agency/` (every key: shared/files/keys.ts puts each file under
   * `agency/<agencyId>/campaign/<campaignId>/`). A narrower prefix (`agency/so-ngoai-vu/`) confines a role to one agency.
   */
  prefix?: string;
}

/** The keys every bucket grant is under unless its wiring narrows it (shared/files/keys.ts KEY_ROOT). */
export const DEFAULT_BUCKET_PREFIX = 'agency/';

export interface FunctionSpec {
  /** Entry file, relative to the project root. */
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  /** The table access the function gets, and nothing more. */
  table: TableAccess;
  /** Whether the function sends email through SES. */
  sendsEmail?: boolean;
  /** The documents bucket's object actions it uses (shared/files/); the stack also gives it DOCUMENTS_BUCKET. */
  bucket?: BucketAccess;
  /** Files its code reads at run time, copied beside its bundle (esbuild follows imports, not paths): BundledAssets. */
  assets?: BundledAssets;
  /**
   * The functions it invokes synchronously (the renderer, for the consumers that issue documents): the stack lets it
   * invoke exactly those and gives it each one's name as `<NAME>_FUNCTION_NAME` (functionNameVariable).
   */
  invokes?: readonly string[];
  /** The user pool's admin actions the function calls (enrolling people: `POST /users`); the stack also gives it USER_POOL_ID. */
  userPool?: readonly UserPoolAction[];
  /** The HTTP API routes it serves (shared/http/route-groups.ts); together the API functions serve every route once. */
  api?: { routes: readonly RouteSpec[] };
  /** Reads the table's stream (exactly one function does: the stream router). */
  stream?: StreamSubscription;
  /** Consumes the records the stream router puts on its own queue. */
  queue?: QueueSubscription;
  schedule?: ScheduleSpec;
  /** Subscribed to the SES configuration set's event destination (SNS): sends, deliveries, bounces, complaints. */
  sesEvents?: boolean;
}

/**
 * Files a function reads from disk at run time (the renderer's fonts): the stack copies each, from the project root,
 * into `folder` of the bundle, and tells the code where they are in `variable` (`/var/task/<folder>`).
 */
export interface BundledAssets {
  folder: string;
  files: readonly string[];
  variable: string;
}

/** The four Tinos faces the renderer embeds (shared/documents/fonts.ts FONT_FILES), from their npm package. */
const TINOS = ['400Regular/Tinos_400Regular.ttf', '700Bold/Tinos_700Bold.ttf', '400Regular_Italic/Tinos_400Regular_Italic.ttf', '700Bold_Italic/Tinos_700Bold_Italic.ttf'].map(
  (f) => `node_modules/@expo-google-fonts/tinos/${f}`,
);

/** The variable a caller reads the name of a function it invokes from: renderDocument → RENDER_DOCUMENT_FUNCTION_NAME. */
export const functionNameVariable = (name: string) => `${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_FUNCTION_NAME`;

/** Records inserted for a domain event of the given type. */
const eventInserted = (type: string): FilterPattern => ({
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: [type] } } },
});

/**
 * A mailing event handed back to its consumer by the reconciler (its outbox was not written in
 * time: shared/store/mailings.ts). Marking it `prepared` is a MODIFY too, which this leaves out.
 */
const mailingRetried = (type: string): FilterPattern => ({
  eventName: ['MODIFY'],
  dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: [type] }, mailing: { S: ['retry'] } } },
});
/** A mailing event's consumer: the event as written, and again when the reconciler retries its mail. */
const mailingEvent = (type: string): FilterPattern[] => [eventInserted(type), mailingRetried(type)];

/** The mailing events of deadlines: reminders (the clock's and the Office's) and extension notices. */
const DEADLINE_MAILINGS = ['ReportReminderDue', 'ReminderDue', 'ReminderRequested', 'DeadlineExtended'] as const;

/**
 * What an event consumer takes unless it says otherwise: received 6 times (1 + 5 retries) before
 * its dead-letter queue, two invocations at once at most (the least a Lambda SQS mapping allows; a
 * handful of domain events a day need no more), any order (a standard queue).
 */
const consumerDefaults = {
  order: 'none',
  maxBatchingWindowSeconds: 0,
  maxReceiveCount: 6,
  maxConcurrency: 2,
} as const satisfies Partial<QueueSubscription>;

/**
 * What every consumer that queues mail does (shared/outbox.ts `queueMail`): reads the campaign
 * (GetItem) and the directory (Query), checks the suppression list (BatchGetItem), writes the
 * rendered message with a conditional put (PutItem) and one outbox item per address with
 * conditional puts, up to 100 to a TransactWriteItems (authorized as PutItem), then marks the event's mailing prepared
 * (UpdateItem, shared/store/mailings.ts).
 */
const queuesMail = ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem'] as const satisfies readonly TableAction[];

/** Every function but the stream router, which is built from them. */
const subscribers = {
  api: {
    entry: 'functions/api.ts',
    description: 'HTTP API: directory, campaigns, issuing, audit trail and deliveries',
    memorySize: 512,
    timeoutSeconds: 10,
    table: {
      // Reads, lists (campaigns newest first through gsi1), state changes with their events in
      // transactions of Puts, upserts of the directory; the Office's retry moves deliveries back.
      actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      indexes: ['gsi1'],
    },
    api: { routes: routes.filter(isCoreRoute) },
  },
  apiCouncil: {
    entry: 'functions/api-council.ts',
    description: 'HTTP API: the proposal, the Council’s ballot, the results and the submission up the line',
    memorySize: 512,
    timeoutSeconds: 10,
    table: {
      // Reads the campaign, its proposal and decisions, nominations and results; the ballot, the finalize and the
      // submission are transactions of Puts (shared/store/campaigns.ts); the parent's directory is a Query. Finalizing
      // takes the results' document numbers from the register: an atomic counter (UpdateItem), a conditional Put.
      actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      indexes: [],
    },
    api: { routes: routes.filter(isCouncilRoute) },
  },
  apiPeople: {
    entry: 'functions/api-people.ts',
    description: 'HTTP API: agencies (the platform operator) and the people an agency enrols',
    memorySize: 512,
    timeoutSeconds: 10,
    table: {
      // The agencies (the platform partition), the users' records (conditional puts and updates), a unit's existence;
      // removing a disposable agency reads its campaigns through gsi1 and deletes its partitions in batches, in those
      // partitions only.
      actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      indexes: ['gsi1'],
      purges: DISPOSABLE_ID_PREFIXES.map((prefix) => `AGENCY#${prefix}*`),
    },
    // An agency's admin enrols people (shared/usecases/users.ts): creates the account, checks whose an existing one is,
    // puts it in its role's group, disables it. Nothing else of the pool (no deleting, no reading other pools).
    userPool: ['AdminCreateUser', 'AdminGetUser', 'AdminAddUserToGroup', 'AdminDisableUser'],
    api: { routes: routes.filter(isPeopleRoute) },
  },
  apiFiles: {
    entry: 'functions/api-files.ts',
    description: 'HTTP API: a campaign’s documents (PDFs, signed originals) and its units’ evidence and dossier files, through presigned URLs',
    memorySize: 512,
    timeoutSeconds: 30,
    table: {
      // The campaign, the directory and the nominations (reads); the files' and the signed original's records (Puts).
      actions: ['GetItem', 'Query', 'PutItem'],
      indexes: [],
    },
    // Upload and download URLs act as this role (PutObject, GetObject, and GetObjectVersion for a download pinned to
    // the version checked); an upload is read back to check it (GetObject).
    bucket: { actions: ['GetObject', 'GetObjectVersion', 'PutObject'] },
    api: { routes: routes.filter(isFilesRoute) },
  },
  apiSheets: {
    entry: 'functions/api-sheets.ts',
    description: 'HTTP API: import templates, .xlsx imports, a campaign’s tables as .xlsx or CSV, the Ministry’s statistical forms',
    // exceljs reads and writes whole workbooks in memory: 5,000 rows stay well inside this (npm run bench), and the
    // CPU that comes with the memory keeps a large import inside API Gateway's 30 s.
    memorySize: 1024,
    timeoutSeconds: 30,
    table: {
      // Reads: the campaign, the directory, the staff list, reports, the proposal and results, the agencies (platform
      // partition), each agency's campaigns (gsi1) and records. Writes: the import's record (Put), the directory and
      // staff rows (BatchWriteItem puts), the nominations with their events (TransactWriteItems: Put, ConditionCheck).
      actions: ['GetItem', 'Query', 'PutItem', 'BatchWriteItem', 'ConditionCheckItem'],
      indexes: ['gsi1'],
    },
    // The import's upload URL (PutObject) and reading the upload back (GetObject; GetObjectVersion is the same read
    // pinned to a version, which shared/files/get.ts sends when given one).
    bucket: { actions: ['GetObject', 'GetObjectVersion', 'PutObject'] },
    api: { routes: routes.filter(isSheetsRoute) },
  },
  apiDocs: {
    entry: 'functions/api-docs.ts',
    description: 'HTTP API: the API document (OpenAPI 3.1) and its page for people',
    memorySize: 256,
    timeoutSeconds: 10,
    // Built from the route table in memory: no data.
    table: { actions: [], indexes: [] },
    api: { routes: routes.filter(isDocsRoute) },
  },
  renderDocument: {
    entry: 'functions/render-document.ts',
    description: 'Renders an official document to PDF in the NĐ 30/2020 layout into the documents bucket; invoked by the consumers that issue documents, before they queue the mail that carries it',
    // pdfmake lays out a 300-row annex in memory; more memory is also more CPU for a cold start with the fonts.
    memorySize: 1024,
    timeoutSeconds: 60,
    // It reads nothing: the caller hands it the document's data.
    table: { actions: [], indexes: [] },
    bucket: { actions: ['PutObject'] },
    assets: { folder: 'fonts', files: TINOS, variable: 'THIDUA_FONT_DIR' },
  },
  onCampaignIssued: {
    entry: 'functions/on-campaign-issued.ts',
    description: 'CampaignIssued → the letter as a PDF (the renderer), then one outbox item per address of the Nơi nhận list',
    memorySize: 512,
    timeoutSeconds: 60,
    table: { actions: queuesMail, indexes: [] },
    invokes: ['renderDocument'],
    // Once per campaign (issuing is a one-way transition): no order to keep.
    queue: { ...consumerDefaults, filters: mailingEvent('CampaignIssued'), batchSize: 10 },
  },
  onReportSubmitted: {
    entry: 'functions/on-report-submitted.ts',
    description: 'ReportSubmitted → acknowledges the report to its unit and notifies the Office, through the outbox',
    memorySize: 512,
    timeoutSeconds: 60,
    // UpdateItem: a report supersedes the reminder still queued for its unit.
    table: { actions: queuesMail, indexes: [] },
    // A unit may replace its report until the deadline: its acknowledgements must go out in the
    // order of its submissions (the last one the unit reads states its last total). FIFO, the
    // campaign as message group; 10 is a FIFO mapping's largest batch.
    queue: { ...consumerDefaults, order: 'per-campaign', filters: mailingEvent('ReportSubmitted'), batchSize: 10 },
  },
  onReportReminderDue: {
    entry: 'functions/on-report-reminder-due.ts',
    description: 'Deadlines → reminders to the units that have not reported, registered or nominated (the clock’s and the Office’s), and the extension notice, through the outbox',
    memorySize: 512,
    timeoutSeconds: 60,
    // UpdateItem: a registration or nomination supersedes the reminder still queued for its unit.
    table: { actions: queuesMail, indexes: [] },
    // Each reminder once per campaign and period or deadline (a marker written with the event), the
    // on-demand ones once per unit and day, an extension once per request: no order to keep. One
    // pattern per kind of record, types listed together, so the router's ROUTES stays small.
    queue: {
      ...consumerDefaults,
      filters: [
        {
          eventName: ['INSERT'],
          dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: [...DEADLINE_MAILINGS, 'RegistrationSubmitted', 'NominationSubmitted'] } } },
        },
        { eventName: ['MODIFY'], dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: [...DEADLINE_MAILINGS] }, mailing: { S: ['retry'] } } } },
      ],
      batchSize: 10,
    },
  },
  onNominationsClosed: {
    entry: 'functions/on-nominations-closed.ts',
    description:
      'NominationsClosed → decides every nomination under the law in force, stores the proposal, issues it as the Tờ trình to the Council (a PDF, the renderer) and mails it to the Council and the Office',
    memorySize: 1024,
    timeoutSeconds: 300,
    // BatchWriteItem: the proposal's decisions, 25 at a time.
    table: { actions: [...queuesMail, 'BatchWriteItem'], indexes: [] },
    invokes: ['renderDocument'],
    // Once per campaign (one NominationsClosed event, whoever closes); one campaign per invocation.
    queue: { ...consumerDefaults, filters: mailingEvent('NominationsClosed'), batchSize: 1 },
  },
  onResultsFinalized: {
    entry: 'functions/on-results-finalized.ts',
    description: 'ResultsFinalized → the achievement records; the results notice as a PDF (the renderer) to the Nơi nhận list, and each nominating unit its own outcomes',
    memorySize: 512,
    timeoutSeconds: 120,
    // Queues mail, and writes the achievement records (BatchWriteItem puts, issue 13).
    table: { actions: [...queuesMail, 'BatchWriteItem'], indexes: [] },
    invokes: ['renderDocument'],
    // Once per campaign (finalizing is a one-way transition).
    queue: { ...consumerDefaults, filters: mailingEvent('ResultsFinalized'), batchSize: 1 },
  },
  scheduledTick: {
    entry: 'functions/scheduled-tick.ts',
    description: 'Every minute: reminders that came due (reports, registration, nominations; once each per campaign), and nominations that reached their deadline closed',
    memorySize: 256,
    timeoutSeconds: 60,
    table: {
      // The agencies from the platform partition (a Query), then each agency's campaigns through gsi1;
      // reminders and closings are transactions of Puts; the reconciler queries the attention index,
      // reads each item consistently and moves it with UpdateItem.
      actions: ['GetItem', 'PutItem', 'Query', 'UpdateItem'],
      indexes: ['gsi1', 'attn'],
    },
    schedule: { expression: 'rate(1 minute)', localEverySeconds: 60 },
  },
  onSesEvent: {
    entry: 'functions/on-ses-event.ts',
    description: 'SES events (SNS) → records send, delivery, bounce and complaint per address; hard bounces join the suppression list',
    memorySize: 256,
    timeoutSeconds: 30,
    // Records each SES event on its outbox item (UpdateItem), a DeliveryBounced event in a
    // transaction, the suppression list; tells the Office through the outbox.
    table: { actions: queuesMail, indexes: [] },
    sesEvents: true,
  },
  mailer: {
    entry: 'functions/mailer.ts',
    description: 'Outbox → SES v2: sends each pending delivery once, at no more than the send rate',
    memorySize: 512,
    timeoutSeconds: 120,
    table: {
      // Claims, marks and records a batch's items with conditional updates, up to 100 to a
      // TransactWriteItems (authorized as UpdateItem, shared/store/write-together.ts); reads the rendered message
      // (its parts, a Query of one partition); the suppression list once per batch. No Put, no delete.
      actions: ['GetItem', 'BatchGetItem', 'Query', 'UpdateItem'],
      indexes: [],
    },
    sendsEmail: true,
    // The attachments of a message (rendered PDFs, signed originals) are read from the bucket at send time.
    bucket: { actions: ['GetObject', 'GetObjectVersion'] },
    queue: {
      // A pending delivery: new (INSERT) or put back by an Office retry or the reconciler (MODIFY to pending).
      filters: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['Delivery'] }, status: { S: ['pending'] } } } }],
      // Standard: outbox items are independent, and the claim protocol makes a second delivery or
      // another order harmless; a FIFO group per campaign would send a campaign's list one by one.
      order: 'none',
      // Small batches: a batch must be sent within the timeout at this process's share of the rate
      // (10 at 1/4 of the sandbox's 1 email/s takes 40 s of the 120).
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
      maxReceiveCount: 9,
      // The global send rate is MAIL_SEND_RATE (or the SES quota): each of these at most
      // maxConcurrency processes paces itself at 1/maxConcurrency of it (MAIL_CONCURRENCY).
      maxConcurrency: 4,
    },
  },
} as const satisfies Record<string, FunctionSpec>;

type Subscriber = (typeof subscribers)[keyof typeof subscribers];
/**
 * Every pattern of every consumer, merged where two differ in one list of strings: the stream
 * router's own mapping lets only these records through, and Lambda takes five filters per mapping.
 */
const consumedPatterns = mergePatterns((Object.values(subscribers) as Subscriber[]).flatMap((s) => ('queue' in s ? s.queue.filters : [])));

export const functions = {
  ...subscribers,
  streamRouter: {
    entry: 'functions/stream-router.ts',
    description: "The table's one stream reader: puts each domain event and outbox item on the queue of every consumer whose filter it matches",
    memorySize: 256,
    timeoutSeconds: 60,
    // It reads the stream (granted by its mapping) and writes to the queues, never the table.
    table: { actions: [], indexes: [] },
    stream: {
      filters: consumedPatterns,
      batchSize: 100,
      maxBatchingWindowSeconds: 0,
      // Its failures are the queues' (throttling, an outage): retried, bisected, a record kept a day.
      retryAttempts: 10,
      maxRecordAgeSeconds: 86400,
      bisectBatchOnError: true,
      // One batch per shard at a time: the stream's order per campaign (one partition, one shard)
      // is the order the router sends in, which a FIFO queue keeps.
      parallelizationFactor: 1,
    },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

/** The route of each consumer, given where its queue is: what the stream router reads from ROUTES. */
export function routesOf(fns: Record<string, FunctionSpec>, queueUrlOf: (name: string) => string) {
  return Object.entries(fns).flatMap(([name, spec]) =>
    spec.queue ? [{ consumer: name, queueUrl: queueUrlOf(name), fifo: spec.queue.order === 'per-campaign', filters: [...spec.queue.filters] }] : [],
  );
}

/**
 * What the stack and the twin refuse to build (Lambda, SQS and the stream would refuse it at deploy,
 * or records would be lost): not exactly one stream reader, a reader that filters out records a
 * consumer takes, or queue settings outside what a Lambda SQS mapping accepts.
 */
export function wiringProblems(fns: Record<string, FunctionSpec>): string[] {
  const problems: string[] = [];
  const readers = Object.entries(fns).filter(([, spec]) => spec.stream);
  if (readers.length !== 1) problems.push(`exactly one function must read the table's stream, not ${readers.length} (${readers.map(([n]) => n).join(', ')})`);
  const readerPatterns = readers[0]?.[1].stream?.filters ?? [];
  // Lambda's default quota: five filters per event source mapping (ten on request).
  if (readerPatterns.length > 5) problems.push(`the stream reader has ${readerPatterns.length} filters; a Lambda mapping takes 5`);
  for (const [name, spec] of Object.entries(fns)) {
    const q = spec.queue;
    if (!q) continue;
    if (spec.stream) problems.push(`${name} both reads the stream and consumes a queue`);
    for (const f of q.filters) if (!readerPatterns.some((r) => covers(r, f))) problems.push(`${name}: the stream reader's filters do not let ${JSON.stringify(f)} through`);
    if (q.filters.length === 0) problems.push(`${name}: a consumer needs at least one filter`);
    if (q.order === 'per-campaign' && (q.batchSize > 10 || q.maxBatchingWindowSeconds !== 0)) problems.push(`${name}: a FIFO mapping takes at most 10 messages and no batching window`);
    if (q.batchSize < 1 || q.batchSize > 10_000) problems.push(`${name}: batchSize must be 1–10,000`);
    if (q.batchSize > 10 && q.maxBatchingWindowSeconds < 1) problems.push(`${name}: a batch over 10 messages needs a batching window of at least 1 s`);
    if (q.maxBatchingWindowSeconds < 0 || q.maxBatchingWindowSeconds > 300) problems.push(`${name}: the batching window must be 0–300 s`);
    if (q.maxConcurrency < 2 || q.maxConcurrency > 1000) problems.push(`${name}: maxConcurrency must be 2–1,000`);
    if (q.maxReceiveCount < 1 || q.maxReceiveCount > 1000) problems.push(`${name}: maxReceiveCount must be 1–1,000`);
    if (visibilityTimeoutSeconds(spec) > 43_200) problems.push(`${name}: its visibility timeout (6 × timeout) exceeds SQS's 12 hours`);
  }
  for (const [name, spec] of Object.entries(fns)) {
    const b = spec.bucket;
    if (!b) continue;
    if (b.actions.length === 0) problems.push(`${name}: a bucket grant needs at least one action (leave \`bucket\` out instead)`);
    // IAM reads `*` and `?` in a resource as wildcards: a prefix is a plain folder under agency/.
    const prefix = b.prefix ?? DEFAULT_BUCKET_PREFIX;
    if (!prefix.startsWith(DEFAULT_BUCKET_PREFIX) || !prefix.endsWith('/') || /[*?]/.test(prefix)) {
      problems.push(`${name}: bucket prefix "${prefix}" must be a folder under ${DEFAULT_BUCKET_PREFIX} ending in / without wildcards`);
    }
  }
  for (const [name, spec] of Object.entries(fns)) {
    for (const target of spec.invokes ?? []) {
      const t = fns[target];
      if (!t) problems.push(`${name} invokes "${target}", which is not a function of the wiring`);
      // A synchronous callee must not be a consumer or a route as well: its one caller is the contract.
      else if (t.queue || t.stream || t.api || t.schedule || t.sesEvents) problems.push(`${name} invokes "${target}", which has a trigger of its own`);
    }
  }
  const served = Object.entries(fns).flatMap(([name, spec]) => (spec.api?.routes ?? []).map((r) => ({ name, key: `${r.method} ${r.path}` })));
  for (const r of routes) {
    const by = served.filter((s) => s.key === `${r.method} ${r.path}`).map((s) => s.name);
    if (by.length !== 1) problems.push(`${r.method} ${r.path} must be served by exactly one function, not ${by.length} (${by.join(', ')})`);
  }
  return problems;
}

/** Environment every function gets (MAIL_SEND_RATE only when the deployer sets `sendRate`). */
export const environmentKeys = ['TABLE_NAME', 'MAIL_FROM', 'POWERTOOLS_SERVICE_NAME', 'LOG_LEVEL'] as const;

export { metrics } from '../shared/metric-names';
