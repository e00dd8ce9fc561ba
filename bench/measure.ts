import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Measurement helpers the bench scripts share: a seeded PRNG, a gc handle, timed runs, and MB formatting. */

export { prng } from '../infra/local/prng';

/** The global gc when node runs with --expose-gc, else one obtained by setting the flag at run time; undefined if neither works. */
export function gcFunction(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Bytes to megabytes, one decimal. */
export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The heap a result holds, in MB, or why it is unknown. */
export const heapMb = (heap: number | undefined): number | string => (heap === undefined ? 'n/a (no gc)' : mb(heap));

/** The process's peak resident set size so far, in bytes (cumulative over the process's life). */
export const peakRssBytes = () => process.resourceUsage().maxRSS * 1024;

/** Run durations, rounded to whole milliseconds: "12 / 11 / 13". */
export const formatRuns = (runs: readonly number[]) => runs.map((r) => Math.round(r)).join(' / ');

export interface Measured<T> {
  /** Each run's duration in ms, in run order. */
  runs: number[];
  /** The middle run's duration (of 3 runs: the second fastest). */
  median: number;
  /** Heap the first run's result holds, in bytes; undefined without gc. */
  heap: number | undefined;
  /** The last run's result. */
  last: T;
}

/**
 * Times `run` `times` times (3 by default). Before each run the previous result is dropped and gc
 * runs (when available); after the first run gc runs again and the heap still in use is what its
 * result holds. `check` throws if a result is wrong. Yields to the event loop between runs.
 */
export async function measureRuns<T>(run: () => T, check: (result: T) => void, gc: (() => void) | undefined, times = 3): Promise<Measured<T>> {
  const runs: number[] = [];
  let heap: number | undefined;
  let last: T | undefined;
  for (let i = 0; i < times; i++) {
    last = undefined;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const result = run();
    runs.push(performance.now() - t0);
    if (i === 0 && gc) {
      gc();
      heap = process.memoryUsage().heapUsed - before;
    }
    check(result);
    last = result;
    await new Promise((r) => setImmediate(r));
  }
  const median = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return { runs, median, heap, last: last as T };
}
