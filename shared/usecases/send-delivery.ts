import type { Delivery } from '../schemas/events';

/**
 * The exactly-once send protocol (README "Nothing lost, nothing twice"), behind small ports so it
 * reads, and is tested, as the protocol it is: claim, check, mark sending, send, record. It runs on
 * a batch of items (the mailer's queue batch), each step one batch of writes, so that an email
 * costs a fraction of a DynamoDB request instead of three (issue 14):
 *
 * - Claim (conditional, with a lease): one invocation owns the item; a batch delivered twice, or
 *   two mailers racing, find it claimed and skip it.
 * - Check: content superseded by a later event, or an address on the suppression list: recorded,
 *   never sent.
 * - Send in rounds of at most one second of the send rate: the round's slots taken, its items
 *   marked `sending` together under their claims, right before SES is called for each of them at
 *   once: from the mark on, a lapsed lease means "maybe sent", and each item's window of doubt is
 *   its own one SES call.
 * - Send once: SES has no idempotency key, so an ambiguous failure keeps the claim (the reconciler
 *   settles it from SES's own events, or reports it in doubt), a clear failure is recorded with
 *   whether and when to try again.
 * - Record `sent` outside the send's error handling: a failed write after SES accepted must never
 *   look like an SES failure (that would send twice). That item's record fails (for the queue's retries), and the item stays `sending`.
 */

export type DeliveryRef = Pick<Delivery, 'agencyId' | 'campaignId' | 'eventId' | 'message' | 'address'>;

export interface MessageContent {
  subject: string;
  html: string;
  text: string;
  supersededBy?: string;
  /** The files it carries, read by the adapter before the protocol starts (opaque to the protocol). */
  files?: readonly { filename: string; contentType: string; content: Uint8Array }[];
}

export type Outcome = { status: 'sent'; messageId: string } | { status: 'failed'; error: string; retryable: boolean; retryAt?: string } | { status: 'suppressed' | 'superseded'; error: string };

/** A write's outcome per item, in the order asked (a batch of writes succeeds or fails item by item). */
export type Each<T> = PromiseSettledResult<T>[];

/** An ambiguous SES error, recorded under the claim, which is kept: the lease runs out, the reconciler decides. */
export type Recorded = Outcome | { status: 'doubt'; error: string };

/** The outbox table, as the protocol needs it: each call one batch of writes (few requests), every write conditional on the claim. */
export interface OutboxPort {
  /** Claims each item still as its image saw it (`attempts` included): the claim (attempt = attempts + 1), or undefined when someone else moved it. */
  claim(items: readonly { d: DeliveryRef; attempts: number; token: string }[], now: Date, leaseMs: number, maxAttempts: number): Promise<Each<{ attempt: number; token: string } | undefined>>;
  /** `claimed` → `sending` under the claim: false when the claim was lost. */
  markSending(items: readonly { d: DeliveryRef; token: string }[], now: Date): Promise<Each<boolean>>;
  record(items: readonly { d: DeliveryRef; token: string; outcome: Recorded }[], now: Date): Promise<Each<void>>;
}

/** A failed send, as the SES adapter classifies it: `throttled` and `transient` may succeed later, `rejected` never, `ambiguous` may have been sent. */
export interface SendFailure {
  kind: 'throttled' | 'transient' | 'rejected' | 'ambiguous';
  message: string;
}

export interface SenderPort {
  /** Resolves with the provider's message id, or rejects with an error carrying `failure`. */
  send(d: DeliveryRef, message: MessageContent): Promise<string>;
}

export interface SendDeps {
  outbox: OutboxPort;
  message(d: DeliveryRef): Promise<MessageContent | undefined>;
  sender: SenderPort;
  /** Waits until `n` slots of the send rate are free, and takes them. */
  pace(n: number): Promise<void>;
  /** How many items one round marks and sends at once (at most one second of the send rate). */
  roundSize: number;
  now(): Date;
  newToken(): string;
  leaseMs: number;
  maxAttempts: number;
  retryDelayMs(attempt: number): number;
}

/** What happened to one delivery: the adapter logs it and counts it. */
export type SendReport =
  | { kind: 'not-pending' }
  | { kind: 'claimed-elsewhere' }
  | { kind: 'superseded'; supersededBy: string }
  | { kind: 'suppressed' }
  | { kind: 'claim-lost' }
  | { kind: 'ambiguous'; attempt: number; failure: SendFailure }
  | { kind: 'failed'; attempt: number; failure: SendFailure; retryable: boolean; retryAt?: string }
  | { kind: 'sent'; attempt: number; messageId: string };

export const SUPPRESSED_ERROR = 'địa chỉ nằm trong danh sách chặn (đã bị trả lại hoặc khiếu nại)';

const failureOf = (error: unknown): SendFailure => (error as { failure?: SendFailure }).failure ?? { kind: 'ambiguous', message: String(error) };

const fulfilled = <T>(value: T): PromiseSettledResult<T> => ({ status: 'fulfilled', value });
const rejected = (reason: unknown): PromiseRejectedResult => ({ status: 'rejected', reason });

/**
 * The protocol for a batch of outbox items (their stream images): what happened to each, in order;
 * a rejected one is a failed record for the stream's retries (its claim, if any, lapses).
 */
export async function sendDeliveries(batch: readonly Delivery[], isSuppressed: (d: Delivery) => boolean, deps: SendDeps): Promise<PromiseSettledResult<SendReport>[]> {
  const reports: (PromiseSettledResult<SendReport> | undefined)[] = batch.map(() => undefined);
  const settle = (i: number, r: PromiseSettledResult<SendReport>) => (reports[i] = r);

  // Claim every pending item at once. The same item twice in one batch (a message delivered twice) is claimed once.
  const seen = new Set<string>();
  const toClaim: number[] = [];
  for (const [i, d] of batch.entries()) {
    const key = `${d.agencyId}|${d.campaignId}|${d.eventId}|${d.message}|${d.address}`;
    if (d.channel !== 'email' || d.status !== 'pending') settle(i, fulfilled({ kind: 'not-pending' }));
    else if (seen.has(key)) settle(i, fulfilled({ kind: 'claimed-elsewhere' }));
    else {
      seen.add(key);
      toClaim.push(i);
    }
  }
  const claims = toClaim.length
    ? await deps.outbox.claim(
        toClaim.map((i) => ({ d: batch[i]!, attempts: batch[i]!.attempts, token: deps.newToken() })),
        deps.now(),
        deps.leaseMs,
        deps.maxAttempts,
      )
    : [];
  const claimed: { i: number; d: Delivery; claim: { attempt: number; token: string } }[] = [];
  for (const [n, c] of claims.entries()) {
    const i = toClaim[n]!;
    if (c.status === 'rejected') settle(i, c);
    else if (!c.value) settle(i, fulfilled({ kind: 'claimed-elsewhere' }));
    else claimed.push({ i, d: batch[i]!, claim: c.value });
  }

  // Check: the message (one per event, cached by the adapter), superseded content, suppressed addresses; recorded together, never sent.
  const messages = await Promise.allSettled(claimed.map((c) => deps.message(c.d)));
  const checked: { entry: (typeof claimed)[number]; outcome: Outcome; report: SendReport }[] = [];
  const toSend: ((typeof claimed)[number] & { message: MessageContent })[] = [];
  for (const [n, c] of claimed.entries()) {
    const m = messages[n]!;
    // Rejected: a poison record for the stream's retries and dead letters; the claim lapses and the reconciler requeues it.
    if (m.status === 'rejected') settle(c.i, m);
    else if (!m.value) settle(c.i, rejected(new Error(`message ${c.d.message} of event ${c.d.eventId} not found`)));
    else if (m.value.supersededBy) {
      const { supersededBy } = m.value;
      checked.push({ entry: c, outcome: { status: 'superseded', error: `nội dung đã được thay thế bởi sự kiện ${supersededBy}` }, report: { kind: 'superseded', supersededBy } });
    } else if (isSuppressed(c.d)) {
      checked.push({ entry: c, outcome: { status: 'suppressed', error: SUPPRESSED_ERROR }, report: { kind: 'suppressed' } });
    } else toSend.push({ ...c, message: m.value });
  }
  if (checked.length) {
    const recorded = await deps.outbox.record(
      checked.map((c) => ({ d: c.entry.d, token: c.entry.claim.token, outcome: c.outcome })),
      deps.now(),
    );
    for (const [n, r] of recorded.entries()) settle(checked[n]!.entry.i, r.status === 'rejected' ? r : fulfilled(checked[n]!.report));
  }

  // Send in rounds: take the round's slots, mark its items `sending` together, call SES for each at
  // once (each item's window of doubt is its own one call), record the outcomes together.
  for (let start = 0; start < toSend.length; start += Math.max(1, deps.roundSize)) {
    const round = toSend.slice(start, start + Math.max(1, deps.roundSize));
    await deps.pace(round.length);
    const marks = await deps.outbox.markSending(
      round.map((e) => ({ d: e.d, token: e.claim.token })),
      deps.now(),
    );
    const marked = round.filter((e, n) => {
      const m = marks[n]!;
      if (m.status === 'rejected') settle(e.i, m);
      else if (!m.value) settle(e.i, fulfilled({ kind: 'claim-lost' }));
      return m.status === 'fulfilled' && m.value;
    });
    const sends = await Promise.allSettled(marked.map((e) => deps.sender.send(e.d, e.message)));
    const outcomes = marked.map((e, n): { outcome: Recorded; report: SendReport } => {
      const s = sends[n]!;
      if (s.status === 'fulfilled') return { outcome: { status: 'sent', messageId: s.value }, report: { kind: 'sent', attempt: e.claim.attempt, messageId: s.value } };
      const failure = failureOf(s.reason);
      if (failure.kind === 'ambiguous') return { outcome: { status: 'doubt', error: failure.message }, report: { kind: 'ambiguous', attempt: e.claim.attempt, failure } };
      const retryable = failure.kind !== 'rejected' && e.claim.attempt < deps.maxAttempts;
      const retryAt = retryable ? new Date(deps.now().getTime() + deps.retryDelayMs(e.claim.attempt)).toISOString() : undefined;
      return {
        outcome: { status: 'failed', error: failure.message, retryable, ...(retryAt ? { retryAt } : {}) },
        report: { kind: 'failed', attempt: e.claim.attempt, failure, retryable, ...(retryAt ? { retryAt } : {}) },
      };
    });
    if (!marked.length) continue;
    // Outside the send's error handling: a failed `sent` write after SES accepted rejects that item
    // (it stays `sending`, the reconciler settles it), and never reads as an SES failure.
    const recorded = await deps.outbox.record(
      marked.map((e, n) => ({ d: e.d, token: e.claim.token, outcome: outcomes[n]!.outcome })),
      deps.now(),
    );
    for (const [n, r] of recorded.entries()) settle(marked[n]!.i, r.status === 'rejected' ? r : fulfilled(outcomes[n]!.report));
  }
  return reports.map((r) => r ?? rejected(new Error('not settled (a bug in the send protocol)')));
}
