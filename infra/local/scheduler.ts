import type { Context } from 'aws-lambda';
import type { FunctionSpec, ScheduleSpec } from '../wiring';
import { lambdaContext } from './lambda-context';

export type ScheduledHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LocalScheduler {
  start(): void;
  /** Runs every scheduled function once, now, and returns what each returned. */
  runNow(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * The twin's stand-in for EventBridge Scheduler: runs each function whose wiring entry has a
 * `schedule`, every `localEverySeconds` (or `everySeconds` for all; 0 = only when asked through
 * `POST /local/scheduler/run`). A run still in flight is not started again, and a failing run is
 * logged and retried at the next tick, as the cloud schedule's retries would.
 */
export function createScheduler(o: {
  functions: Record<string, FunctionSpec>;
  handlers: Record<string, unknown>;
  region: string;
  everySeconds?: number;
  log?: { warn(m: string): void };
}): LocalScheduler {
  const jobs = Object.entries(o.functions).flatMap(([name, spec]) =>
    spec.schedule ? [{ name, spec: spec as FunctionSpec & { schedule: ScheduleSpec }, handler: o.handlers[name] as ScheduledHandler }] : [],
  );
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Map<string, Promise<unknown>>();

  const run = (job: (typeof jobs)[number]) => {
    const current = inFlight.get(job.name);
    if (current) return current;
    const context = lambdaContext({ name: job.name, memorySize: job.spec.memorySize, timeoutSeconds: job.spec.timeoutSeconds, region: o.region });
    const event = { source: 'local.scheduler', 'detail-type': 'Scheduled Event', time: new Date().toISOString(), detail: {} };
    const p = job
      .handler(event, context)
      .catch((e: unknown) => {
        o.log?.warn(`scheduled ${job.name} failed: ${e instanceof Error ? e.message : String(e)}`);
        return { error: String(e) };
      })
      .finally(() => inFlight.delete(job.name));
    inFlight.set(job.name, p);
    return p;
  };

  return {
    start() {
      for (const job of jobs) {
        const seconds = o.everySeconds ?? job.spec.schedule.localEverySeconds;
        if (seconds > 0) timers.push(setInterval(() => void run(job), seconds * 1000).unref());
      }
    },
    async runNow() {
      const results = await Promise.all(jobs.map(async (job) => [job.name, await run(job)] as const));
      return Object.fromEntries(results);
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
