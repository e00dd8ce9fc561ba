/**
 * The twin's half of "a queue per consumer" (infra/wiring.ts): for every function with a `queue`,
 * a LocalQueue with its dead-letter queue (FIFO or standard as the wiring says), the SQS endpoint
 * the stream router sends to, the router's ROUTES (from the same `routesOf` the stack uses), and
 * one emulated Lambda SQS mapping per consumer. Dead letters are kept in the dead-letter queues
 * (GET /local/dead-letters shows them) and appended to `<deadLetterDir>/<function>.jsonl`;
 * `redrive` moves them back to their queue, as SQS's dead-letter redrive does.
 *
 * One deliberate difference from the cloud: a message the consumer failed on reappears after
 * `retryAfterMs` (default 2 s), not after the queue's visibility timeout (six times the function's
 * timeout, 12 minutes for the mailer), so that a local retry is seen while one waits. A message in
 * flight stays invisible for the whole visibility timeout, as in the cloud.
 *
 * With `queueDir`, every queue (dead-letter queues too) is journaled there (queue-journal.ts), so a
 * twin started again on the same folder finds the messages its last run had not consumed.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { type FunctionSpec, routesOf, visibilityTimeoutSeconds } from '../wiring';
import { LOCAL_ACCOUNT_ID } from './lambda-context';
import type { PollerLog } from './poller';
import { createQueueMapping, type QueueHandler, type QueueMapping, type QueueMappingOptions, type QueueMappingStats } from './queue-mapping';
import { QueueJournal } from './queue-journal';
import { LocalQueue, type QueueMessage } from './queues';
import { startSqsLocal, type SqsLocal } from './sqs-local';

/** A message its consumer failed on `maxReceiveCount` times, as GET /local/dead-letters shows it. */
export interface QueueDeadLetter {
  function: string;
  source: 'queue';
  condition: 'MaxReceiveCountExceeded';
  /** Receives (Lambda invocations) of the message before it was dead-lettered. */
  attempts: number;
  /** What the consumer answered the last time. */
  error: { name: string; message: string; batchItemFailures?: string[] };
  timestamp: string;
  messageId: string;
  /** The stream record the message carried. */
  record: DynamoDBRecord;
}

export interface ConsumerQueues {
  /** The SQS endpoint (AWS_ENDPOINT_URL_SQS for the router). */
  endpoint: string;
  /** The stream router's ROUTES. */
  routes: string;
  queues: Record<string, { queue: LocalQueue; deadLetterQueue: LocalQueue }>;
  /** The wiring the queues were made from (a mailer's batch at the send rate, infra/wiring.ts `functionsAtSendRate`). */
  functions: Record<string, FunctionSpec>;
  sqs: SqsLocal;
  /** Starts a mapping per consumer, with its handler (loaded after the environment is set). */
  start(handlers: Record<string, unknown>): void;
  stop(): Promise<void>;
  isIdle(): boolean;
  /** Why it is not idle, consumer by consumer. */
  busy(): string[];
  deadLetters(): QueueDeadLetter[];
  /** Moves each consumer's dead letters back to its queue; how many per consumer. */
  redrive(only?: string): { function: string; moved: number }[];
  stats(): Record<string, QueueMappingStats>;
  /** Invocations of every mapping so far (the twin's idle check watches it move). */
  invocations(): number;
  /** Messages found in each queue's journal at start (non-zero ones only): what an earlier run left. */
  restored(): Record<string, number>;
}

export interface ConsumerQueuesOptions {
  functions: Record<string, FunctionSpec>;
  region: string;
  accountId?: string;
  /** Folder of the dead-letter JSON-lines files; false: in memory only. */
  deadLetterDir: string | false;
  /** Folder of the queues' journals (kept across runs); without it the queues live in memory only. */
  queueDir?: string;
  /** How soon a message its consumer failed on is received again. Default 2000 ms. */
  retryAfterMs?: number;
  enforceTimeouts?: boolean;
  log: PollerLog;
  onBatch?: QueueMappingOptions['onBatch'];
}

function deadLetterView(name: string, m: QueueMessage): QueueDeadLetter {
  let record: DynamoDBRecord;
  try {
    record = JSON.parse(m.body) as DynamoDBRecord;
  } catch {
    record = { eventID: m.messageId } as DynamoDBRecord;
  }
  return {
    function: name,
    source: 'queue',
    condition: 'MaxReceiveCountExceeded',
    attempts: m.receiveCount,
    error: m.lastError ?? { name: 'Unknown', message: 'no answer recorded' },
    timestamp: new Date(m.deadLettered?.at ?? Date.now()).toISOString(),
    messageId: m.messageId,
    record,
  };
}

export async function startConsumerQueues(o: ConsumerQueuesOptions): Promise<ConsumerQueues> {
  const accountId = o.accountId ?? LOCAL_ACCOUNT_ID;
  const all: LocalQueue[] = [];
  const sqs = await startSqsLocal({ queues: () => all });
  const queues: ConsumerQueues['queues'] = {};
  const retryAfterMs = o.retryAfterMs ?? 2000;
  const file = (name: string) => (o.deadLetterDir ? path.join(o.deadLetterDir, `${name}.jsonl`) : undefined);

  for (const [name, spec] of Object.entries(o.functions)) {
    if (!spec.queue) continue;
    const fifo = spec.queue.order === 'per-campaign';
    const queueName = (n: string) => (fifo ? `${n}.fifo` : n);
    const make = (n: string, extra: Partial<ConstructorParameters<typeof LocalQueue>[0]> = {}) =>
      new LocalQueue({
        name: queueName(n),
        fifo,
        url: `${sqs.endpoint}/${accountId}/${queueName(n)}`,
        arn: `arn:aws:sqs:${o.region}:${accountId}:${queueName(n)}`,
        visibilityTimeoutMs: visibilityTimeoutSeconds(spec) * 1000,
        ...(o.queueDir ? { journal: new QueueJournal(path.join(o.queueDir, `${queueName(n)}.jsonl`)) } : {}),
        ...extra,
      });
    const deadLetterQueue = make(`thidua-${name}-dlq`);
    const queue = make(`thidua-${name}`, {
      deadLetter: deadLetterQueue,
      maxReceiveCount: spec.queue.maxReceiveCount,
      onDeadLetter: (m) => {
        const entry = deadLetterView(name, m);
        const f = file(name);
        let where = 'the in-memory dead-letter queue';
        if (f) {
          try {
            mkdirSync(path.dirname(f), { recursive: true });
            appendFileSync(f, `${JSON.stringify(entry)}\n`);
            where = f;
          } catch (e) {
            o.log.warn(`[queue] could not write ${f}: ${(e as Error).message}`);
          }
        }
        o.log.warn(`[queue] ${name}: message ${m.messageId} dead-lettered after ${m.receiveCount} receive(s) (last error: ${entry.error.message}) → ${where}`);
      },
    });
    all.push(queue, deadLetterQueue);
    queues[name] = { queue, deadLetterQueue };
  }

  const mappings: QueueMapping[] = [];
  return {
    endpoint: sqs.endpoint,
    routes: JSON.stringify(routesOf(o.functions, (name) => queues[name]!.queue.url)),
    queues,
    functions: o.functions,
    sqs,
    start(handlers) {
      for (const [name, { queue }] of Object.entries(queues)) {
        const handler = handlers[name];
        if (typeof handler !== 'function') throw new Error(`queue consumer "${name}" has no handler`);
        const mapping = createQueueMapping({
          name,
          spec: o.functions[name]!,
          queue,
          handler: handler as QueueHandler,
          region: o.region,
          accountId,
          retryAfterMs,
          ...(o.enforceTimeouts !== undefined ? { enforceTimeouts: o.enforceTimeouts } : {}),
          log: o.log,
          ...(o.onBatch ? { onBatch: o.onBatch } : {}),
        });
        mapping.start();
        mappings.push(mapping);
      }
    },
    async stop() {
      await Promise.all(mappings.map((m) => m.stop()));
      await sqs.stop();
      for (const q of all) q.close();
    },
    isIdle: () => mappings.every((m) => m.isIdle()),
    busy: () =>
      mappings
        .filter((m) => !m.isIdle())
        .map((m) => {
          const { visible, inFlight } = m.queue.counts();
          return `${m.name}: ${visible} visible, ${inFlight} in flight`;
        }),
    deadLetters: () => Object.entries(queues).flatMap(([name, q]) => q.deadLetterQueue.peek().map((m) => deadLetterView(name, m))),
    redrive(only) {
      const out: { function: string; moved: number }[] = [];
      for (const [name, q] of Object.entries(queues)) {
        if (only && only !== name) continue;
        const moved = q.deadLetterQueue.moveMessages(q.queue);
        // The file lists what is dead-lettered: after the move, nothing of this consumer.
        const f = file(name);
        if (f && moved > 0) writeFileSync(f, '');
        out.push({ function: name, moved });
      }
      return out;
    },
    stats: () => Object.fromEntries(mappings.map((m) => [m.name, m.stats()])),
    invocations: () => mappings.reduce((n, m) => n + m.stats().invocations, 0),
    restored: () => Object.fromEntries(all.filter((q) => q.restored > 0).map((q) => [q.name, q.restored])),
  };
}
