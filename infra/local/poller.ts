/**
 * The local stream poller: one emulated Lambda event source mapping per stream consumer of
 * infra/wiring.ts, reading the table's stream in DynamoDB Local.
 *
 * Per mapping, as Lambda does it:
 * - its own position in every shard (TRIM_HORIZON at start, child shards after their parent);
 * - the mapping's filters first: a record no filter matches is dropped for good;
 * - batches of up to `batchSize` records (and the 6 MB invocation payload), waiting up to
 *   `maxBatchingWindowSeconds` to fill one; one batch in flight per shard, so order is kept;
 * - partial batch responses (`batchItemFailures[].itemIdentifier` = sequence number): checkpoint
 *   before the lowest failed record and retry from it; an invalid identifier, or a thrown error,
 *   fails the whole batch; on error with `bisectBatchOnError` the batch is split in two (splitting
 *   does not count as a retry); at most `retryAttempts` retries, with backoff; records older than
 *   `maxRecordAgeSeconds` are discarded;
 * - discarded records go to the local dead-letter store (the on-failure destination): an in-memory
 *   list and `<deadLetterDir>/<function>.jsonl`, each entry holding the record and its position;
 * - with `checkpointFile`, its position in each shard is kept on disk (Lambda keeps a mapping's
 *   checkpoint durably): written after a batch has been handled (delivered or dead-lettered), so a
 *   record read but not yet handled is read again by the next run, never skipped; the records
 *   handled since the last write may be handed over twice, as Lambda may. DynamoDB Local started on
 *   the same database keeps its stream (same ARN, shard and sequence numbers), so the next run
 *   goes on after the checkpoint.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, type GetRecordsCommandOutput, GetShardIteratorCommand, type Shard } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { functions as wiredFunctions, type FilterPattern, type FunctionSpec, type StreamSubscription } from '../wiring';
import { LOCAL_CREDENTIALS, type LocalCredentials } from './dynamodb-local';
import { assertSupportedPattern, matchesAny } from './filter-match';
import { invokeWithTimeout, lambdaContext, LOCAL_ACCOUNT_ID } from './lambda-context';
import { toLambdaRecord } from './stream-record';

// biome-ignore lint/suspicious/noConfusingVoidType: a handler may return nothing, as a Lambda handler may
export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void | unknown>;

export interface PollerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface PollerOptions {
  /** DynamoDB Local's endpoint. */
  endpoint: string;
  tableName: string;
  /** The handler of each stream consumer, by function name. Every consumer needs one. */
  handlers: Partial<Record<string, StreamHandler>>;
  /** The functions to emulate; default: `functions` of infra/wiring.ts. Those with `stream` are consumers. */
  functions?: Record<string, FunctionSpec>;
  region?: string;
  credentials?: LocalCredentials;
  accountId?: string;
  /** Pause between GetRecords calls while a shard has nothing new. Default 150 ms. */
  pollIntervalMs?: number;
  /** How often new shards are looked for. Default 1000 ms. */
  shardRefreshMs?: number;
  /** Backoff between retries of a failing batch: initial delay, doubled each time, capped. Default 200 ms → 2 s. */
  retryBackoff?: { initialMs?: number; maxMs?: number };
  /** Folder of the JSON-lines dead-letter files; `false` keeps dead letters in memory only. */
  deadLetterDir?: string | false;
  /** Apply each function's `timeoutSeconds` to invocations. Default true. */
  enforceTimeouts?: boolean;
  /** Clock used for record ages (tests move it forward). */
  now?: () => number;
  log?: PollerLog;
  /** Keeps each consumer's position in each shard in this JSON file, and starts from it. */
  checkpointFile?: string;
  /** Told of every invocation: the consumer, its records, how many it failed (all of them on an error), how long it took. */
  onBatch?: (batch: { consumer: string; records: number; failures: number; ms: number }) => void;
}

/** The checkpoint file: positions are valid for this stream only (a table made again has another). */
interface Checkpoint {
  streamArn: string;
  positions: Record<string, Record<string, string>>;
}

export type DiscardCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface InvocationError {
  name: string;
  message: string;
  stack?: string;
  /** Sequence numbers the function reported in `batchItemFailures`, when it answered with a partial failure. */
  batchItemFailures?: string[];
}

/** One discarded record, with what is needed to inspect or replay it. */
export interface DeadLetter {
  function: string;
  condition: DiscardCondition;
  /** The last error of the batch the record was discarded with. */
  error: InvocationError;
  /** Invocations of the discarded batch (Lambda's approximateInvokeCount). */
  attempts: number;
  timestamp: string;
  stream: {
    arn: string;
    shardId: string;
    sequenceNumber: string;
    /** The discarded batch this record belonged to (Lambda's DDBStreamBatchInfo). */
    batch: { startSequenceNumber: string; endSequenceNumber: string; size: number };
  };
  record: DynamoDBRecord;
}

export interface ConsumerStats {
  invocations: number;
  recordsDelivered: number;
  filteredOut: number;
  deadLettered: number;
}

export interface ConsumerInfo {
  name: string;
  filters: readonly FilterPattern[];
  subscription: StreamSubscription;
}

export interface StreamPoller {
  /** The table's stream, once started. */
  readonly streamArn: string | undefined;
  readonly consumers: readonly ConsumerInfo[];
  /** Finds the stream and its shards and starts polling; resolves once polling runs. */
  start(): Promise<void>;
  /** Stops polling and waits for the batches in flight. */
  stop(): Promise<void>;
  /**
   * Resolves when every consumer has caught up with the stream tip (a GetRecords issued after this
   * call, and after the last batch finished anywhere, found nothing new) and nothing is in flight.
   */
  idle(options?: { timeoutMs?: number }): Promise<void>;
  deadLetters(): readonly DeadLetter[];
  stats(): Record<string, ConsumerStats>;
}

/** Lambda's invocation payload limit bounds a batch as well as `batchSize`. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

interface Buffered {
  record: DynamoDBRecord;
  seq: string;
  /** ApproximateCreationDateTime, in ms. */
  createdAtMs: number;
  /** When the poller read it (starts the batching window). */
  readAtMs: number;
}

interface Reader {
  shardId: string;
  parentShardId: string | undefined;
  iterator: string | undefined;
  lastReadSeq: string | undefined;
  /** Every record up to this one has been handled (delivered, dead-lettered or filtered out). */
  checkpoint: string | undefined;
  ended: boolean;
  buffer: Buffered[];
  inFlight: boolean;
  /** Start time of the latest GetRecords that found nothing new. */
  lastEmptyFetchAt: number;
  finished: boolean;
  finishedPromise: Promise<void>;
  markFinished: () => void;
  task?: Promise<void>;
}

interface Consumer extends ConsumerInfo {
  spec: FunctionSpec;
  handler: StreamHandler;
  readers: Map<string, Reader>;
  stats: ConsumerStats;
}

type Outcome = { kind: 'success' } | { kind: 'partial'; index: number; error: InvocationError } | { kind: 'error'; error: InvocationError };

const defaultLog: PollerLog = { info: () => undefined, warn: (m) => console.warn(m) };

function errorInfo(error: unknown): InvocationError {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', message: typeof error === 'string' ? error : JSON.stringify(error) };
}

/** Checks a function's answer the way Lambda does with ReportBatchItemFailures on. */
export function interpretBatchResponse(result: unknown, sequenceNumbers: readonly string[]): Outcome {
  if (result === null || result === undefined || typeof result !== 'object') return { kind: 'success' };
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  const invalid = (message: string): Outcome => ({ kind: 'error', error: { name: 'InvalidBatchItemFailures', message } });
  if (!Array.isArray(failures)) return invalid('batchItemFailures is not a list: the whole batch counts as failed');
  if (failures.length === 0) return { kind: 'success' };
  let lowest = Number.POSITIVE_INFINITY;
  const ids: string[] = [];
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return invalid('a batchItemFailures entry has an empty or missing itemIdentifier: the whole batch counts as failed');
    const index = sequenceNumbers.indexOf(id);
    if (index < 0) return invalid(`itemIdentifier ${JSON.stringify(id)} is not the sequence number of a record of this batch: the whole batch counts as failed`);
    ids.push(id);
    lowest = Math.min(lowest, index);
  }
  return { kind: 'partial', index: lowest, error: { name: 'BatchItemFailures', message: `the function reported ${ids.length} failed record(s)`, batchItemFailures: ids } };
}

export function createPoller(options: PollerOptions): StreamPoller {
  const region = options.region ?? process.env.AWS_REGION ?? 'ap-southeast-1';
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const pollIntervalMs = options.pollIntervalMs ?? 150;
  const shardRefreshMs = options.shardRefreshMs ?? 1000;
  const backoffInitial = options.retryBackoff?.initialMs ?? 200;
  const backoffMax = options.retryBackoff?.maxMs ?? 2000;
  const enforceTimeouts = options.enforceTimeouts ?? true;
  const clock = options.now ?? Date.now;
  const log = options.log ?? defaultLog;
  const deadLetterDir = options.deadLetterDir === undefined ? path.resolve('.local/dead-letters') : options.deadLetterDir;
  const clientConfig = { endpoint: options.endpoint, region, credentials: options.credentials ?? LOCAL_CREDENTIALS };
  const streams = new DynamoDBStreamsClient(clientConfig);

  const fns: Record<string, FunctionSpec> = options.functions ?? wiredFunctions;
  const consumers: Consumer[] = [];
  for (const [name, spec] of Object.entries(fns)) {
    if (!spec.stream) continue;
    const handler = options.handlers[name];
    if (!handler) throw new Error(`stream consumer "${name}" has no handler`);
    for (const f of spec.stream.filters) assertSupportedPattern(f);
    if (spec.stream.parallelizationFactor > 1) {
      log.warn(`[poller] ${name}: parallelizationFactor ${spec.stream.parallelizationFactor} is emulated as 1 (one batch per shard at a time)`);
    }
    consumers.push({
      name,
      spec,
      handler,
      filters: spec.stream.filters,
      subscription: spec.stream,
      readers: new Map(),
      stats: { invocations: 0, recordsDelivered: 0, filteredOut: 0, deadLettered: 0 },
    });
  }

  const dead: DeadLetter[] = [];
  let streamArn: string | undefined;
  let started = false;
  let stopping = false;
  const stopController = new AbortController();
  let lastBatchDoneAt = 0;
  let lastShardRefreshAt = 0;
  let refreshTask: Promise<void> | undefined;
  let pokeRefresh: (() => void) | undefined;
  /** Set by idle(): look for new shards now, even if a refresh is running at this moment. */
  let refreshRequested = false;

  /** A sleep that ends early when the poller stops. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopController.signal.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        stopController.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      stopController.signal.addEventListener('abort', onAbort, { once: true });
    });

  // Repeated identical errors (DynamoDB Local gone, …) are reported once, not every 150 ms.
  let lastWarning = '';
  const warnOnce = (message: string) => {
    if (message !== lastWarning) log.warn(message);
    lastWarning = message;
  };

  let saved: Checkpoint['positions'] = {};
  function loadCheckpoint(): void {
    if (!options.checkpointFile || !existsSync(options.checkpointFile)) return;
    try {
      const c = JSON.parse(readFileSync(options.checkpointFile, 'utf8')) as Checkpoint;
      if (c.streamArn === streamArn) saved = c.positions ?? {};
      else log.warn(`[poller] ${options.checkpointFile} is for another stream (${c.streamArn}): reading ${streamArn} from its oldest record`);
    } catch (error) {
      log.warn(`[poller] ${options.checkpointFile} unreadable (${errorInfo(error).message}): reading the stream from its oldest record`);
    }
  }
  function saveCheckpoint(consumer: Consumer, reader: Reader, seq: string | undefined): void {
    if (!seq || seq === reader.checkpoint) return;
    reader.checkpoint = seq;
    const file = options.checkpointFile;
    if (!file) return;
    const positions: Checkpoint['positions'] = { ...saved };
    for (const c of consumers) {
      const mine: Record<string, string> = { ...positions[c.name] };
      for (const r of c.readers.values()) if (r.checkpoint) mine[r.shardId] = r.checkpoint;
      positions[c.name] = mine;
    }
    const out: Checkpoint = { streamArn: streamArn!, positions };
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      // Written aside and renamed over: a kill mid-write leaves the previous checkpoint, never half of one.
      writeFileSync(`${file}.tmp`, `${JSON.stringify(out, null, 1)}\n`);
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      warnOnce(`[poller] ${consumer.name}: could not write ${file}: ${errorInfo(error).message}`);
    }
  }

  function newReader(consumer: Consumer, shard: Shard): Reader {
    let markFinished!: () => void;
    const finishedPromise = new Promise<void>((r) => (markFinished = r));
    const from = saved[consumer.name]?.[shard.ShardId!];
    return {
      shardId: shard.ShardId!,
      parentShardId: shard.ParentShardId,
      iterator: undefined,
      lastReadSeq: from,
      checkpoint: from,
      ended: false,
      buffer: [],
      inFlight: false,
      lastEmptyFetchAt: 0,
      finished: false,
      finishedPromise,
      markFinished,
    };
  }

  async function refreshShards(): Promise<void> {
    const startedAt = Date.now();
    const shards: Shard[] = [];
    let exclusiveStart: string | undefined;
    do {
      const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(exclusiveStart ? { ExclusiveStartShardId: exclusiveStart } : {}) }));
      shards.push(...(out.StreamDescription?.Shards ?? []));
      exclusiveStart = out.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    for (const consumer of consumers) {
      const fresh: Reader[] = [];
      for (const shard of shards) {
        if (!shard.ShardId || consumer.readers.has(shard.ShardId)) continue;
        const reader = newReader(consumer, shard);
        consumer.readers.set(reader.shardId, reader);
        fresh.push(reader);
      }
      for (const reader of fresh) reader.task = runReader(consumer, reader);
    }
    lastShardRefreshAt = startedAt;
  }

  async function refreshLoop(): Promise<void> {
    while (!stopping) {
      if (!refreshRequested) {
        await new Promise<void>((resolve) => {
          pokeRefresh = resolve;
          void sleep(shardRefreshMs).then(resolve);
        });
      }
      pokeRefresh = undefined;
      refreshRequested = false;
      if (stopping) return;
      try {
        await refreshShards();
      } catch (error) {
        warnOnce(`[poller] DescribeStream failed: ${errorInfo(error).message}`);
      }
    }
  }

  async function shardIterator(reader: Reader): Promise<string | undefined> {
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: reader.shardId,
        ...(reader.lastReadSeq ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: reader.lastReadSeq } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  }

  /** Reads the next page of the shard into the buffer, filtered. Returns how many records the stream gave. */
  async function fetch(consumer: Consumer, reader: Reader): Promise<number> {
    reader.iterator ??= await shardIterator(reader);
    if (!reader.iterator) {
      reader.ended = true;
      return 0;
    }
    const startedAt = Date.now();
    let out: GetRecordsCommandOutput;
    try {
      out = await streams.send(new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: 1000 }));
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'ExpiredIteratorException') {
        reader.iterator = undefined;
        return 0;
      }
      if (name === 'TrimmedDataAccessException') {
        log.warn(`[poller] ${consumer.name}: records of shard ${reader.shardId} were trimmed before they were read; continuing from the oldest one left`);
        reader.iterator = undefined;
        reader.lastReadSeq = undefined;
        return 0;
      }
      if (name === 'ResourceNotFoundException') {
        reader.ended = true;
        return 0;
      }
      throw error;
    }
    const records = out.Records ?? [];
    const readAtMs = Date.now();
    for (const r of records) {
      const seq = r.dynamodb?.SequenceNumber;
      if (!seq) continue;
      reader.lastReadSeq = seq;
      const record = toLambdaRecord(r, region, streamArn!);
      if (!matchesAny(consumer.filters, record)) {
        consumer.stats.filteredOut++;
        continue;
      }
      const created = r.dynamodb?.ApproximateCreationDateTime;
      reader.buffer.push({ record, seq, createdAtMs: created ? new Date(created).getTime() : readAtMs, readAtMs });
    }
    reader.iterator = out.NextShardIterator;
    if (!reader.iterator) reader.ended = true;
    if (records.length === 0) reader.lastEmptyFetchAt = startedAt;
    return records.length;
  }

  function takeBatch(buffer: Buffered[], batchSize: number): Buffered[] {
    const batch: Buffered[] = [];
    let bytes = 0;
    for (const b of buffer) {
      if (batch.length >= batchSize) break;
      const size = Buffer.byteLength(JSON.stringify(b.record));
      if (batch.length > 0 && bytes + size > MAX_PAYLOAD_BYTES) break;
      batch.push(b);
      bytes += size;
    }
    return batch;
  }

  async function runReader(consumer: Consumer, reader: Reader): Promise<void> {
    const sub = consumer.subscription;
    if (reader.parentShardId) {
      const parent = consumer.readers.get(reader.parentShardId);
      // Records of a key move from the parent shard to a child: finish the parent first.
      if (parent) await Promise.race([parent.finishedPromise, sleep(2 ** 31 - 1)]);
    }
    while (!stopping) {
      let fetched = 0;
      try {
        if (!reader.ended && reader.buffer.length < sub.batchSize) fetched = await fetch(consumer, reader);
      } catch (error) {
        warnOnce(`[poller] ${consumer.name}: GetRecords on ${reader.shardId} failed: ${errorInfo(error).message}`);
        await sleep(pollIntervalMs * 4);
        continue;
      }
      if (stopping) break;
      const first = reader.buffer[0];
      if (!first) {
        // Everything read so far is handled (or filtered out).
        if (!reader.inFlight) saveCheckpoint(consumer, reader, reader.lastReadSeq);
        if (reader.ended) break;
        // Everything read so far was filtered out: read on at once; at the tip, pause.
        if (fetched === 0) await sleep(pollIntervalMs);
        continue;
      }
      const windowMs = sub.maxBatchingWindowSeconds * 1000;
      const waited = Date.now() - first.readAtMs;
      if (windowMs > 0 && reader.buffer.length < sub.batchSize && !reader.ended && waited < windowMs) {
        if (fetched === 0) await sleep(Math.min(pollIntervalMs, windowMs - waited));
        continue;
      }
      const batch = takeBatch(reader.buffer, sub.batchSize);
      reader.inFlight = true;
      let handled = false;
      try {
        handled = await deliver(consumer, reader, batch, 0);
      } catch (error) {
        // deliver() handles handler errors itself; this is a bug in the poller: say so, keep going.
        log.warn(`[poller] ${consumer.name}: internal error while delivering a batch: ${errorInfo(error).stack ?? String(error)}`);
      } finally {
        reader.buffer.splice(0, batch.length);
        reader.inFlight = false;
        lastBatchDoneAt = Date.now();
      }
      // Not handled (stopping mid-retry): no checkpoint, the next run reads the batch again.
      if (handled) saveCheckpoint(consumer, reader, reader.buffer.length === 0 ? reader.lastReadSeq : batch.at(-1)?.seq);
    }
    if (reader.ended && reader.buffer.length === 0) {
      reader.finished = true;
      reader.markFinished();
    }
  }

  async function invoke(consumer: Consumer, segment: Buffered[]): Promise<Outcome> {
    // Lambda hands each invocation freshly parsed JSON: a handler mutating its event changes nothing here.
    const event: DynamoDBStreamEvent = { Records: structuredClone(segment.map((b) => b.record)) };
    const context = lambdaContext({ name: consumer.name, memorySize: consumer.spec.memorySize, timeoutSeconds: consumer.spec.timeoutSeconds, region, accountId });
    consumer.stats.invocations++;
    const t0 = Date.now();
    let outcome: Outcome;
    try {
      const run = () => consumer.handler(event, context);
      const result = enforceTimeouts ? await invokeWithTimeout(run, consumer.spec.timeoutSeconds) : await run();
      outcome = interpretBatchResponse(
        result,
        segment.map((b) => b.seq),
      );
    } catch (error) {
      outcome = { kind: 'error', error: errorInfo(error) };
    }
    const failures = outcome.kind === 'success' ? 0 : outcome.kind === 'partial' ? (outcome.error.batchItemFailures?.length ?? 1) : segment.length;
    options.onBatch?.({ consumer: consumer.name, records: segment.length, failures, ms: Date.now() - t0 });
    return outcome;
  }

  function deadLetter(consumer: Consumer, reader: Reader, records: Buffered[], condition: DiscardCondition, error: InvocationError, attempts: number) {
    const first = records[0];
    const last = records.at(-1);
    if (!first || !last) return;
    const batch = { startSequenceNumber: first.seq, endSequenceNumber: last.seq, size: records.length };
    const timestamp = new Date().toISOString();
    const entries: DeadLetter[] = records.map((b) => ({
      function: consumer.name,
      condition,
      error,
      attempts,
      timestamp,
      stream: { arn: streamArn!, shardId: reader.shardId, sequenceNumber: b.seq, batch },
      record: b.record,
    }));
    dead.push(...entries);
    consumer.stats.deadLettered += entries.length;
    let where = 'the in-memory dead-letter store';
    if (deadLetterDir) {
      const file = path.join(deadLetterDir, `${consumer.name}.jsonl`);
      try {
        mkdirSync(deadLetterDir, { recursive: true });
        appendFileSync(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
        where = file;
      } catch (e) {
        log.warn(`[poller] could not write ${file}: ${errorInfo(e).message}`);
      }
    }
    const why = condition === 'RecordAgeExceeded' ? 'older than maxRecordAgeSeconds' : `retries exhausted after ${attempts} invocation(s)`;
    log.warn(
      `[poller] ${consumer.name}: ${entries.length} record(s) ${batch.startSequenceNumber}…${batch.endSequenceNumber} of ${reader.shardId} dead-lettered (${why}; last error: ${error.message}) → ${where}`,
    );
  }

  /**
   * Delivers records until each has succeeded or been discarded. `failures` counts the failed
   * invocations of the current first record; a bisected half inherits its parent's count.
   */
  async function deliver(consumer: Consumer, reader: Reader, records: Buffered[], inheritedFailures: number): Promise<boolean> {
    const sub = consumer.subscription;
    let segment = records;
    let failures = inheritedFailures;
    let invocations = 0;
    let lastError: InvocationError | undefined;
    while (segment.length > 0 && !stopping) {
      if (sub.maxRecordAgeSeconds >= 0) {
        const now = clock();
        const expired = segment.filter((b) => now - b.createdAtMs > sub.maxRecordAgeSeconds * 1000);
        if (expired.length > 0) {
          deadLetter(consumer, reader, expired, 'RecordAgeExceeded', lastError ?? { name: 'RecordAgeExceeded', message: `record older than ${sub.maxRecordAgeSeconds} s` }, invocations);
          segment = segment.filter((b) => !expired.includes(b));
          continue;
        }
      }
      const outcome = await invoke(consumer, segment);
      invocations++;
      if (outcome.kind === 'success') {
        consumer.stats.recordsDelivered += segment.length;
        return true;
      }
      lastError = outcome.error;
      if (outcome.kind === 'partial' && outcome.index > 0) {
        // Checkpoint before the first failed record; the retry starts there.
        consumer.stats.recordsDelivered += outcome.index;
        segment = segment.slice(outcome.index);
        failures = 1;
      } else if (outcome.kind === 'error' && sub.bisectBatchOnError && segment.length > 1) {
        const half = Math.ceil(segment.length / 2);
        const [left, right] = [segment.slice(0, half), segment.slice(half)];
        log.info(`[poller] ${consumer.name}: batch of ${segment.length} failed (${outcome.error.message}); bisecting`);
        if (!(await deliver(consumer, reader, left, failures))) return false;
        return deliver(consumer, reader, right, failures);
      } else {
        failures++;
      }
      if (sub.retryAttempts >= 0 && failures > sub.retryAttempts) {
        deadLetter(consumer, reader, segment, 'RetryAttemptsExhausted', outcome.error, invocations);
        return true;
      }
      log.info(`[poller] ${consumer.name}: ${segment.length} record(s) failed (${outcome.error.message}); retry ${failures}/${sub.retryAttempts}`);
      await sleep(Math.min(backoffInitial * 2 ** (failures - 1), backoffMax));
    }
    // Every record handled, or stopping with some not: only the first may be checkpointed.
    return segment.length === 0;
  }

  const poller: StreamPoller = {
    get streamArn() {
      return streamArn;
    },
    consumers: consumers.map(({ name, filters, subscription }) => ({ name, filters, subscription })),

    async start() {
      if (started) return;
      started = true;
      const ddb = new DynamoDBClient(clientConfig);
      try {
        const { Table } = await ddb.send(new DescribeTableCommand({ TableName: options.tableName }));
        streamArn = Table?.LatestStreamArn;
        if (!streamArn || !Table?.StreamSpecification?.StreamEnabled) throw new Error(`table ${options.tableName} has no stream enabled`);
      } finally {
        ddb.destroy();
      }
      loadCheckpoint();
      await refreshShards();
      refreshTask = refreshLoop();
    },

    async stop() {
      if (stopping) return;
      stopping = true;
      stopController.abort();
      pokeRefresh?.();
      await refreshTask;
      await Promise.all(consumers.flatMap((c) => [...c.readers.values()].map((r) => r.task)));
      streams.destroy();
    },

    async idle({ timeoutMs = 30_000 } = {}) {
      if (!started) throw new Error('the poller has not been started');
      const since = Date.now();
      refreshRequested = true;
      pokeRefresh?.();
      const deadline = since + timeoutMs;
      const busy = (): string[] => {
        const threshold = Math.max(since, lastBatchDoneAt);
        const out: string[] = [];
        if (lastShardRefreshAt < since) out.push('shard list not refreshed yet');
        for (const c of consumers) {
          for (const r of c.readers.values()) {
            if (r.finished) continue;
            if (r.inFlight) out.push(`${c.name}/${r.shardId}: batch in flight`);
            else if (r.buffer.length > 0) out.push(`${c.name}/${r.shardId}: ${r.buffer.length} record(s) waiting`);
            else if (r.lastEmptyFetchAt < threshold) out.push(`${c.name}/${r.shardId}: not yet at the stream tip`);
          }
        }
        return out;
      };
      for (;;) {
        if (stopping) return;
        const pending = busy();
        if (pending.length === 0) return;
        if (Date.now() > deadline) throw new Error(`the poller is still busy after ${timeoutMs} ms: ${pending.join('; ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },

    deadLetters: () => dead,

    stats: () => Object.fromEntries(consumers.map((c) => [c.name, { ...c.stats }])),
  };
  return poller;
}
