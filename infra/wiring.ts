/**
 * The one list of the wiring (DESIGN.md "One list of the wiring"): which functions exist, which
 * routes the API serves, which stream events each consumer takes, with which filter and batch
 * settings. The CDK stack (infra/stack.ts) and the local twin's poller (infra/local/poller.ts) both
 * read this module; neither has its own copy.
 */
import { routes } from '../shared/http/routes';
import type { table as tableDefinition } from './table-definition';

/**
 * A Lambda event filter pattern (the EventBridge pattern subset Lambda supports). Only value lists
 * and `{ prefix }`, `{ exists }`, `{ 'anything-but' }` matchers are used: DynamoDB stream filters
 * cannot compare numbers (toolchain notes), so events are filtered on string attributes.
 */
export type FilterValue = string | { prefix: string } | { exists: boolean } | { 'anything-but': string[] };
export interface FilterPattern {
  [key: string]: FilterPattern | FilterValue[];
}

export interface StreamSubscription {
  /** Any one of these patterns lets a record through (Lambda ORs the filters of one mapping). */
  filters: FilterPattern[];
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** Retries of a failing batch before its records go to the on-failure destination. */
  retryAttempts: number;
  maxRecordAgeSeconds: number;
  bisectBatchOnError: boolean;
  parallelizationFactor: number;
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
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';
export type IndexName = (typeof tableDefinition.indexes)[number]['name'];

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
}

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
  api?: { routes: typeof routes };
  stream?: StreamSubscription;
  schedule?: ScheduleSpec;
  /** Subscribed to the SES configuration set's event destination (SNS): sends, deliveries, bounces, complaints. */
  sesEvents?: boolean;
}

/** Records inserted for a domain event of the given type. */
const eventInserted = (type: string): FilterPattern => ({
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entity: { S: ['Event'] }, type: { S: [type] } } },
});

/** What an event consumer takes unless it says otherwise: retried 5 times, bisected, kept a day. */
const consumerDefaults = {
  maxBatchingWindowSeconds: 0,
  retryAttempts: 5,
  maxRecordAgeSeconds: 86400,
  bisectBatchOnError: true,
  parallelizationFactor: 1,
} as const;

/**
 * What every consumer that queues mail does (shared/outbox.ts `queueMail`): reads the campaign
 * (GetItem) and the directory (Query), checks the suppression list (BatchGetItem), and writes the
 * rendered message and one outbox item per address with conditional puts (PutItem).
 */
const queuesMail = ['GetItem', 'Query', 'BatchGetItem', 'PutItem'] as const satisfies readonly TableAction[];

export const functions = {
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
    api: { routes },
  },
  onCampaignIssued: {
    entry: 'functions/on-campaign-issued.ts',
    description: 'CampaignIssued → resolves the Nơi nhận list into one outbox item per address',
    memorySize: 512,
    timeoutSeconds: 60,
    table: { actions: queuesMail, indexes: [] },
    stream: { ...consumerDefaults, filters: [eventInserted('CampaignIssued')], batchSize: 10 },
  },
  onReportSubmitted: {
    entry: 'functions/on-report-submitted.ts',
    description: 'ReportSubmitted → acknowledges the report to its unit and notifies the Office, through the outbox',
    memorySize: 512,
    timeoutSeconds: 60,
    // UpdateItem: a report supersedes the reminder still queued for its unit.
    table: { actions: [...queuesMail, 'UpdateItem'], indexes: [] },
    stream: { ...consumerDefaults, filters: [eventInserted('ReportSubmitted')], batchSize: 20 },
  },
  onReportReminderDue: {
    entry: 'functions/on-report-reminder-due.ts',
    description: 'ReportReminderDue → reminds every participating unit that has not reported, through the outbox',
    memorySize: 512,
    timeoutSeconds: 60,
    table: { actions: queuesMail, indexes: [] },
    stream: { ...consumerDefaults, filters: [eventInserted('ReportReminderDue')], batchSize: 10 },
  },
  onNominationsClosed: {
    entry: 'functions/on-nominations-closed.ts',
    description: 'NominationsClosed → decides every nomination under the law in force, stores the proposal, mails it to the Council and the Office',
    memorySize: 1024,
    timeoutSeconds: 300,
    // BatchWriteItem: the proposal's decisions, 25 at a time.
    table: { actions: [...queuesMail, 'BatchWriteItem'], indexes: [] },
    stream: { ...consumerDefaults, filters: [eventInserted('NominationsClosed')], batchSize: 1, bisectBatchOnError: false },
  },
  onResultsFinalized: {
    entry: 'functions/on-results-finalized.ts',
    description: 'ResultsFinalized → the results letter to the Nơi nhận list, and each nominating unit its own outcomes',
    memorySize: 512,
    timeoutSeconds: 120,
    table: { actions: queuesMail, indexes: [] },
    stream: { ...consumerDefaults, filters: [eventInserted('ResultsFinalized')], batchSize: 1, bisectBatchOnError: false },
  },
  scheduledTick: {
    entry: 'functions/scheduled-tick.ts',
    description: 'Every minute: report reminders that came due (once per campaign and period), and nominations that reached their deadline closed',
    memorySize: 256,
    timeoutSeconds: 60,
    table: {
      // Campaigns through gsi1; reminders and closings are transactions of Puts; the reconciler
      // queries the attention index, reads each item consistently and moves it with UpdateItem.
      // It queries no partition of the table itself: Query on the two indexes only.
      actions: ['GetItem', 'PutItem', 'UpdateItem'],
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
    table: { actions: [...queuesMail, 'UpdateItem'], indexes: [] },
    sesEvents: true,
  },
  mailer: {
    entry: 'functions/mailer.ts',
    description: 'Outbox → SES v2: sends each pending delivery once, at no more than the send rate',
    memorySize: 512,
    timeoutSeconds: 120,
    table: {
      // Claims, marks and records each item with conditional updates; reads its rendered message;
      // the suppression list once per batch. No Query, no Put, no delete.
      actions: ['GetItem', 'BatchGetItem', 'UpdateItem'],
      indexes: [],
    },
    sendsEmail: true,
    stream: {
      // A pending delivery: new (INSERT) or put back by an Office retry (MODIFY to pending).
      filters: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['Delivery'] }, status: { S: ['pending'] } } } }],
      batchSize: 100,
      maxBatchingWindowSeconds: 1,
      retryAttempts: 8,
      maxRecordAgeSeconds: 86400,
      bisectBatchOnError: true,
      parallelizationFactor: 1,
    },
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

/** Environment every function gets (MAIL_SEND_RATE only when the deployer sets `sendRate`). */
export const environmentKeys = ['TABLE_NAME', 'MAIL_FROM', 'POWERTOOLS_SERVICE_NAME', 'LOG_LEVEL'] as const;

export { metrics } from '../shared/metric-names';
