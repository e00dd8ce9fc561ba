/** Run `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces calls at `perSecond` a second within this process, with a little credit after idle time
 * (GCRA, a token bucket): SES's maximum send rate may be exceeded "for short bursts, but not for a
 * sustained period", so after a pause (a batch boundary) the limiter may catch up by at most
 * `burstSeconds` worth of calls, and the sustained rate never exceeds `perSecond`.
 */
export class RateLimiter {
  private readonly interval: number;
  private readonly tolerance: number;
  /** The theoretical time of the next call; it may lag `now` by at most the burst tolerance. */
  private nextSlot: number;
  constructor(
    readonly perSecond: number,
    burstSeconds = 1,
    private readonly clock: { now(): number; sleep(ms: number): Promise<void> } = { now: () => Date.now(), sleep },
  ) {
    if (!(perSecond > 0)) throw new Error(`send rate must be positive, got ${perSecond}`);
    this.interval = 1000 / perSecond;
    this.tolerance = Math.max(0, burstSeconds * 1000 - this.interval);
    // No credit at start: a cold process begins at the plain rate.
    this.nextSlot = clock.now();
  }
  async take(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now - this.tolerance, this.nextSlot);
    this.nextSlot = slot + this.interval;
    const wait = slot + this.tolerance - now;
    if (wait > this.tolerance) await this.clock.sleep(wait - this.tolerance);
  }
}
