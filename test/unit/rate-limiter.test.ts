import { RateLimiter } from '../../shared/concurrency';

/** A clock that only moves when the limiter sleeps, so the pacing is exact and the test instant. */
function fakeClock(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    clock: {
      now: () => t,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        t += ms;
      },
    },
    advance: (ms: number) => (t += ms),
    now: () => t,
    sleeps,
  };
}

describe('RateLimiter (the mailer’s pace: SES max send rate, short bursts allowed)', () => {
  it('starts at the plain rate: no burst from a cold start', async () => {
    const c = fakeClock();
    const l = new RateLimiter(10, 1, c.clock);
    for (let i = 0; i < 5; i++) await l.take();
    expect(c.now() - 1_000_000).toBe(400); // 5 calls at 10/s: the 1st at once, then every 100 ms
  });

  it('never exceeds the rate over a sustained run', async () => {
    const c = fakeClock();
    const l = new RateLimiter(50, 1, c.clock);
    for (let i = 0; i < 1000; i++) await l.take();
    expect((c.now() - 1_000_000) / 1000).toBeGreaterThanOrEqual(999 / 50);
  });

  it('after an idle second, catches up by at most one second worth of calls', async () => {
    const c = fakeClock();
    const l = new RateLimiter(10, 1, c.clock);
    await l.take();
    c.advance(5000); // a long pause (a batch boundary)
    const before = c.now();
    for (let i = 0; i < 10; i++) await l.take();
    expect(c.now()).toBe(before); // ten calls at once: the credit of one second
    await l.take();
    expect(c.now()).toBe(before + 100); // then the plain pace again
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter(0)).toThrow(/positive/);
  });
});
