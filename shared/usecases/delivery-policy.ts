/** Tries per delivery before it stays `failed` for the Office to see and retry by hand. */
export const MAX_ATTEMPTS = 5;

/**
 * How long a retryable failure (throttling that outlasted the in-place retries, an SES 5xx) waits
 * before the reconciler puts it back: exponential from MAIL_RETRY_BASE_SECONDS (30 s), capped at
 * 15 minutes, so an SES outage is ridden out without hammering it or dropping anything.
 */
export function retryDelayMs(attempt: number): number {
  const base = Number(process.env.MAIL_RETRY_BASE_SECONDS ?? '30') * 1000;
  return Math.min(base * 2 ** Math.max(0, attempt - 1), 15 * 60 * 1000);
}

/**
 * A `pending` item is on the reconciler's index from the start, due after this long: if the stream
 * record that should have woken the mailer was lost or dead-lettered before any claim, the
 * reconciler wakes it (README "Nothing lost"). Each wake waits twice as long (MAIL_PENDING_WAKE_SECONDS,
 * 10 minutes by default, at most an hour), so a long queue that is merely slow is not churned.
 */
export function pendingWakeMs(wakes: number): number {
  const base = Number(process.env.MAIL_PENDING_WAKE_SECONDS ?? '600') * 1000;
  return Math.min(base * 2 ** Math.max(0, wakes), 60 * 60 * 1000);
}
