import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { FunctionSpec } from '../wiring';
import { lambdaContext } from './lambda-context';
import type { DeadLetter } from './poller';

// biome-ignore lint/suspicious/noConfusingVoidType: a handler may return nothing, as a Lambda handler may
export type ReplayHandler = (event: DynamoDBStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<DynamoDBBatchResponse | void>;

export interface RedriveReport {
  function: string;
  replayed: number;
  stillFailing: number;
  errors: string[];
}

/**
 * Replays the stream reader's local dead letters (`.local/dead-letters/<function>.jsonl`, written
 * by the poller) through its handler, one record per invocation, as Lambda would hand them over.
 * The files of queue consumers hold dead-lettered queue messages, which the twin redrives by moving
 * them back to their queue (consumer-queues.ts): they are left alone here.
 * What succeeds leaves the file; what fails again stays, with its new error. The handlers are
 * idempotent (conditional writes, claimed outbox items), so a replay never emails anyone twice.
 */
export async function redriveLocal(o: { dir: string; functions: Record<string, FunctionSpec>; handlers: Record<string, unknown>; region: string; only?: string }): Promise<RedriveReport[]> {
  if (!existsSync(o.dir)) return [];
  const reports: RedriveReport[] = [];
  for (const file of readdirSync(o.dir).filter((f) => f.endsWith('.jsonl'))) {
    const name = file.replace(/\.jsonl$/, '');
    if (o.only && o.only !== name) continue;
    const spec = o.functions[name];
    if (spec?.queue) continue;
    const handler = o.handlers[name] as ReplayHandler | undefined;
    if (!spec?.stream || !handler) throw new Error(`dead letters for "${name}", which the wiring has no stream reader for`);
    const full = path.join(o.dir, file);
    const entries = readFileSync(full, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as DeadLetter);
    const report: RedriveReport = { function: name, replayed: 0, stillFailing: 0, errors: [] };
    const keep: DeadLetter[] = [];
    for (const entry of entries) {
      const context = lambdaContext({ name, memorySize: spec.memorySize, timeoutSeconds: spec.timeoutSeconds, region: o.region });
      try {
        const result = await handler({ Records: [entry.record] }, context);
        if (result?.batchItemFailures?.length) throw new Error('the handler reported the record as failed again');
        report.replayed++;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        report.stillFailing++;
        report.errors.push(`${entry.stream.sequenceNumber}: ${message}`);
        keep.push({ ...entry, error: { name: 'RedriveFailed', message }, timestamp: new Date().toISOString() });
      }
    }
    writeFileSync(full, keep.map((e) => `${JSON.stringify(e)}\n`).join(''));
    reports.push(report);
  }
  return reports;
}
