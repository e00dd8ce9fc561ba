/**
 * The one list of the wiring (DESIGN.md "One list of the wiring"): which functions exist, which
 * routes the API serves, which stream events each consumer takes, with which filter and batch
 * settings. The CDK stack (infra/stack.ts) and the local twin's poller (infra/local/poller.ts) both
 * read this module; neither has its own copy.
 */
import { routes } from '../shared/http/routes';

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

export interface FunctionSpec {
  /** Entry file, relative to the project root. */
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  /** Table access the function gets: least privilege per function. */
  table: 'read' | 'readWrite';
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

export const functions = {
  api: {
    entry: 'functions/api.ts',
    description: 'HTTP API: directory, campaigns, issuing, audit trail and deliveries',
    memorySize: 512,
    timeoutSeconds: 10,
    table: 'readWrite',
    api: { routes },
  },
  onCampaignIssued: {
    entry: 'functions/on-campaign-issued.ts',
    description: 'CampaignIssued → resolves the Nơi nhận list into one outbox item per address',
    memorySize: 512,
    timeoutSeconds: 60,
    table: 'readWrite',
    stream: { ...consumerDefaults, filters: [eventInserted('CampaignIssued')], batchSize: 10 },
  },
  onReportSubmitted: {
    entry: 'functions/on-report-submitted.ts',
    description: 'ReportSubmitted → acknowledges the report to its unit and notifies the Office, through the outbox',
    memorySize: 512,
    timeoutSeconds: 60,
    table: 'readWrite',
    stream: { ...consumerDefaults, filters: [eventInserted('ReportSubmitted')], batchSize: 20 },
  },
  onReportReminderDue: {
    entry: 'functions/on-report-reminder-due.ts',
    description: 'ReportReminderDue → reminds every participating unit that has not reported, through the outbox',
    memorySize: 512,
    timeoutSeconds: 60,
    table: 'readWrite',
    stream: { ...consumerDefaults, filters: [eventInserted('ReportReminderDue')], batchSize: 10 },
  },
  onNominationsClosed: {
    entry: 'functions/on-nominations-closed.ts',
    description: 'NominationsClosed → decides every nomination under the law in force, stores the proposal, mails it to the Council and the Office',
    memorySize: 1024,
    timeoutSeconds: 300,
    table: 'readWrite',
    stream: { ...consumerDefaults, filters: [eventInserted('NominationsClosed')], batchSize: 1, bisectBatchOnError: false },
  },
  onResultsFinalized: {
    entry: 'functions/on-results-finalized.ts',
    description: 'ResultsFinalized → the results letter to the Nơi nhận list, and each nominating unit its own outcomes',
    memorySize: 512,
    timeoutSeconds: 120,
    table: 'readWrite',
    stream: { ...consumerDefaults, filters: [eventInserted('ResultsFinalized')], batchSize: 1, bisectBatchOnError: false },
  },
  scheduledTick: {
    entry: 'functions/scheduled-tick.ts',
    description: 'Every minute: report reminders that came due (once per campaign and period), and nominations that reached their deadline closed',
    memorySize: 256,
    timeoutSeconds: 60,
    table: 'readWrite',
    schedule: { expression: 'rate(1 minute)', localEverySeconds: 60 },
  },
  onSesEvent: {
    entry: 'functions/on-ses-event.ts',
    description: 'SES events (SNS) → records send, delivery, bounce and complaint per address; hard bounces join the suppression list',
    memorySize: 256,
    timeoutSeconds: 30,
    table: 'readWrite',
    sesEvents: true,
  },
  mailer: {
    entry: 'functions/mailer.ts',
    description: 'Outbox → SES v2: sends each pending delivery once, at no more than the send rate',
    memorySize: 512,
    timeoutSeconds: 120,
    table: 'readWrite',
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
