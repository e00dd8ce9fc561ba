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
 * Spaces calls at no more than `perSecond` a second within this process: SES refuses bursts
 * above the account's maximum send rate, and a refused send only costs time.
 */
export class RateLimiter {
  private nextSlot = 0;
  constructor(private readonly perSecond: number) {
    if (!(perSecond > 0)) throw new Error(`send rate must be positive, got ${perSecond}`);
  }
  async take(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    if (slot > now) await sleep(slot - now);
  }
}
