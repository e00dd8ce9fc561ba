import type { Delivery } from '../schemas/events';

/**
 * The exactly-once send protocol (README "Nothing lost, nothing twice"), behind small ports so it
 * reads, and is tested, as the protocol it is: claim, check, mark sending, send, record.
 *
 * - Claim (conditional, with a lease): one invocation owns the item; a batch delivered twice, or
 *   two mailers racing, find it claimed and skip it.
 * - Check: content superseded by a later event, or an address on the suppression list: recorded,
 *   never sent.
 * - Mark `sending` under the claim, right before SES: from here on a lapsed lease means "maybe sent".
 * - Send once: SES has no idempotency key, so an ambiguous failure keeps the claim (the reconciler
 *   settles it from SES's own events, or reports it in doubt), a clear failure is recorded with
 *   whether and when to try again.
 * - Record `sent` outside the send's error handling: a failed write after SES accepted must never
 *   look like an SES failure (that would send twice). It is thrown, and the item stays `sending`.
 */

export type DeliveryRef = Pick<Delivery, 'agencyId' | 'campaignId' | 'eventId' | 'message' | 'address'>;

export interface MessageContent {
  subject: string;
  html: string;
  text: string;
  supersededBy?: string;
}

export type Outcome = { status: 'sent'; messageId: string } | { status: 'failed'; error: string; retryable: boolean; retryAt?: string } | { status: 'suppressed' | 'superseded'; error: string };

/** The outbox table, as the protocol needs it. Every write is conditional on the claim. */
export interface OutboxPort {
  claim(d: DeliveryRef, now: Date, leaseMs: number, maxAttempts: number, token: string): Promise<{ attempt: number; token: string } | undefined>;
  markSending(d: DeliveryRef, token: string, now: Date): Promise<boolean>;
  recordOutcome(d: DeliveryRef, token: string, outcome: Outcome, now: Date): Promise<void>;
  recordDoubt(d: DeliveryRef, token: string, error: string, now: Date): Promise<void>;
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
  /** Waits for the send rate's next slot. */
  pace(): Promise<void>;
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

export async function sendDelivery(d: Delivery, suppressed: ReadonlySet<string>, deps: SendDeps): Promise<SendReport> {
  if (d.channel !== 'email' || d.status !== 'pending') return { kind: 'not-pending' };
  const claim = await deps.outbox.claim(d, deps.now(), deps.leaseMs, deps.maxAttempts, deps.newToken());
  if (!claim) return { kind: 'claimed-elsewhere' };

  const message = await deps.message(d);
  // Thrown: a poison record for the stream's retries and dead letters; the claim lapses and the reconciler requeues it.
  if (!message) throw new Error(`message ${d.message} of event ${d.eventId} not found`);
  if (message.supersededBy) {
    await deps.outbox.recordOutcome(d, claim.token, { status: 'superseded', error: `nội dung đã được thay thế bởi sự kiện ${message.supersededBy}` }, deps.now());
    return { kind: 'superseded', supersededBy: message.supersededBy };
  }
  if (suppressed.has(d.address)) {
    await deps.outbox.recordOutcome(d, claim.token, { status: 'suppressed', error: SUPPRESSED_ERROR }, deps.now());
    return { kind: 'suppressed' };
  }

  await deps.pace();
  if (!(await deps.outbox.markSending(d, claim.token, deps.now()))) return { kind: 'claim-lost' };
  let messageId: string;
  try {
    messageId = await deps.sender.send(d, message);
  } catch (error) {
    const failure = failureOf(error);
    if (failure.kind === 'ambiguous') {
      await deps.outbox.recordDoubt(d, claim.token, failure.message, deps.now());
      return { kind: 'ambiguous', attempt: claim.attempt, failure };
    }
    const retryable = failure.kind !== 'rejected' && claim.attempt < deps.maxAttempts;
    const retryAt = retryable ? new Date(deps.now().getTime() + deps.retryDelayMs(claim.attempt)).toISOString() : undefined;
    await deps.outbox.recordOutcome(d, claim.token, { status: 'failed', error: failure.message, retryable, ...(retryAt ? { retryAt } : {}) }, deps.now());
    return { kind: 'failed', attempt: claim.attempt, failure, retryable, ...(retryAt ? { retryAt } : {}) };
  }
  await deps.outbox.recordOutcome(d, claim.token, { status: 'sent', messageId }, deps.now());
  return { kind: 'sent', attempt: claim.attempt, messageId };
}
