import type { Delivery } from '../../shared/schemas/events';
import { sendDelivery, SUPPRESSED_ERROR, type DeliveryRef, type MessageContent, type Outcome, type OutboxPort, type SendDeps, type SendFailure } from '../../shared/usecases/send-delivery';

/**
 * The send protocol's state transitions, path by path, through its ports: an in-memory outbox that
 * keeps the same conditions as the DynamoDB one (claim only what is pending, every later write
 * only under the claim), and a sender that answers as the case needs.
 */
interface Row {
  status: string;
  attempts: number;
  claimToken?: string;
  lastError?: string;
  retryable?: boolean;
  retryAt?: string;
  messageId?: string;
}

class MemoryOutbox implements OutboxPort {
  rows = new Map<string, Row>();
  log: string[] = [];
  failSentWrite = false;
  key = (d: DeliveryRef) => `${d.eventId}|${d.message}|${d.address}`;
  row = (d: DeliveryRef) => this.rows.get(this.key(d))!;
  async claim(d: DeliveryRef, _now: Date, _leaseMs: number, maxAttempts: number, token: string) {
    const r = this.row(d);
    if (!(r.status === 'pending' || (r.status === 'failed' && r.retryable)) || r.attempts >= maxAttempts) return undefined;
    Object.assign(r, { status: 'claimed', claimToken: token, attempts: r.attempts + 1 });
    this.log.push('claimed');
    return { attempt: r.attempts, token };
  }
  async markSending(d: DeliveryRef, token: string) {
    const r = this.row(d);
    if (r.status !== 'claimed' || r.claimToken !== token) return false;
    r.status = 'sending';
    this.log.push('sending');
    return true;
  }
  async recordOutcome(d: DeliveryRef, token: string, outcome: Outcome) {
    const r = this.row(d);
    if (!['claimed', 'sending'].includes(r.status) || r.claimToken !== token) throw new Error('ConditionalCheckFailedException');
    if (outcome.status === 'sent' && this.failSentWrite) throw new Error('DynamoDB unavailable');
    const { status, ...rest } = outcome;
    Object.assign(r, { status, ...rest });
    delete r.claimToken;
    this.log.push(status);
  }
  async recordDoubt(d: DeliveryRef, token: string, error: string) {
    const r = this.row(d);
    if (r.status !== 'sending' || r.claimToken !== token) throw new Error('ConditionalCheckFailedException');
    r.lastError = error;
    this.log.push('doubt');
  }
}

const NOW = new Date('2026-12-01T02:00:00.000Z');
const delivery = (address = 'can.bo@so.gov.vn', over: Partial<Delivery> = {}): Delivery => ({
  agencyId: 'default',
  campaignId: 'c1',
  eventId: 'e1',
  eventType: 'CampaignIssued',
  message: 'letter',
  channel: 'email',
  address,
  groups: [{ code: 'LD', name: 'Lãnh đạo' }],
  status: 'pending',
  attempts: 0,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  ...over,
});
const letter: MessageContent = { subject: 'Thư', html: '<p>Thư</p>', text: 'Thư' };

function setup(opts: { message?: MessageContent | undefined; send?: () => Promise<string>; rows?: Partial<Row> } = {}) {
  const outbox = new MemoryOutbox();
  const d = delivery();
  outbox.rows.set(outbox.key(d), { status: 'pending', attempts: 0, ...opts.rows });
  const sent: string[] = [];
  let token = 0;
  const deps: SendDeps = {
    outbox,
    message: async () => ('message' in opts ? opts.message : letter),
    sender: {
      send: async (to) => {
        sent.push(to.address);
        return opts.send ? opts.send() : 'ses-1';
      },
    },
    pace: async () => undefined,
    now: () => NOW,
    newToken: () => `t${++token}`,
    leaseMs: 300_000,
    maxAttempts: 5,
    retryDelayMs: (attempt) => 30_000 * 2 ** (attempt - 1),
  };
  return { outbox, d, deps, sent, row: () => outbox.row(d) };
}
const failing = (failure: SendFailure) => () => Promise.reject(Object.assign(new Error(failure.message), { failure }));

describe('the send protocol, path by path', () => {
  it('sent: claimed, marked sending, sent once, recorded with the message id', async () => {
    const { d, deps, sent, row, outbox } = setup();
    expect(await sendDelivery(d, new Set(), deps)).toEqual({ kind: 'sent', attempt: 1, messageId: 'ses-1' });
    expect(outbox.log).toEqual(['claimed', 'sending', 'sent']);
    expect(row()).toEqual({ status: 'sent', attempts: 1, messageId: 'ses-1' });
    expect(sent).toEqual([d.address]);
  });

  it('claimed elsewhere: a second delivery of the same record (or a racing mailer) sends nothing', async () => {
    const { d, deps, sent } = setup();
    await sendDelivery(d, new Set(), deps);
    expect(await sendDelivery(d, new Set(), deps)).toEqual({ kind: 'claimed-elsewhere' });
    expect(sent).toHaveLength(1);
  });

  it('not pending (an archive row, or an item already past pending in the image): left alone, not even claimed', async () => {
    const { deps, outbox } = setup();
    expect(await sendDelivery(delivery('LUU_VT', { channel: 'archive', status: 'archived' }), new Set(), deps)).toEqual({ kind: 'not-pending' });
    expect(outbox.log).toEqual([]);
  });

  it('superseded: the content went stale (a reminder after the report came): recorded, not sent', async () => {
    const { d, deps, sent, row } = setup({ message: { ...letter, supersededBy: 'e9' } });
    expect(await sendDelivery(d, new Set(), deps)).toEqual({ kind: 'superseded', supersededBy: 'e9' });
    expect(row()).toMatchObject({ status: 'superseded', error: 'nội dung đã được thay thế bởi sự kiện e9' });
    expect(sent).toEqual([]);
  });

  it('suppressed: an address that bounced or complained: recorded, not sent', async () => {
    const { d, deps, sent, row } = setup();
    expect(await sendDelivery(d, new Set([d.address]), deps)).toEqual({ kind: 'suppressed' });
    expect(row()).toMatchObject({ status: 'suppressed', error: SUPPRESSED_ERROR });
    expect(sent).toEqual([]);
  });

  it('claim lost: the lease lapsed while waiting for the send rate and the reconciler took the item back: not sent', async () => {
    const { d, deps, sent, row, outbox } = setup();
    deps.pace = async () => {
      Object.assign(row(), { status: 'pending', claimToken: undefined }); // the reconciler's requeue
    };
    expect(await sendDelivery(d, new Set(), deps)).toEqual({ kind: 'claim-lost' });
    expect(sent).toEqual([]);
    expect(outbox.log).toEqual(['claimed']);
  });

  it('throttled past the in-place retries: failed, retryable, due again after the backoff', async () => {
    const { d, deps, row } = setup({ send: failing({ kind: 'throttled', message: 'ThrottlingException: slow down' }) });
    const report = await sendDelivery(d, new Set(), deps);
    expect(report).toEqual({ kind: 'failed', attempt: 1, failure: { kind: 'throttled', message: 'ThrottlingException: slow down' }, retryable: true, retryAt: '2026-12-01T02:00:30.000Z' });
    expect(row()).toMatchObject({ status: 'failed', retryable: true, retryAt: '2026-12-01T02:00:30.000Z' });
  });

  it('a transient failure on the last attempt is failed for good', async () => {
    const { d, deps, row } = setup({ send: failing({ kind: 'transient', message: 'InternalFailure' }), rows: { attempts: 4 } });
    expect(await sendDelivery(d, new Set(), deps)).toMatchObject({ kind: 'failed', attempt: 5, retryable: false });
    expect(row()).toMatchObject({ status: 'failed', retryable: false });
    expect(row().retryAt).toBeUndefined();
  });

  it('rejected: SES refused the address: failed, never retried', async () => {
    const { d, deps, row } = setup({ send: failing({ kind: 'rejected', message: 'MessageRejected: bad address' }) });
    expect(await sendDelivery(d, new Set(), deps)).toMatchObject({ kind: 'failed', retryable: false });
    expect(row()).toMatchObject({ status: 'failed', retryable: false, error: 'MessageRejected: bad address' });
  });

  it('ambiguous: no answer from SES: the claim is kept, `sending` with the error, for the reconciler', async () => {
    const { d, deps, row, outbox } = setup({ send: () => Promise.reject(new Error('socket hang up')) });
    expect(await sendDelivery(d, new Set(), deps)).toEqual({ kind: 'ambiguous', attempt: 1, failure: { kind: 'ambiguous', message: 'Error: socket hang up' } });
    expect(row()).toMatchObject({ status: 'sending', claimToken: 't1', lastError: 'Error: socket hang up' });
    expect(outbox.log).toEqual(['claimed', 'sending', 'doubt']);
  });

  it('the record fails after SES accepted: thrown, the item stays `sending` (never taken for an SES failure, never resent)', async () => {
    const { d, deps, row, sent, outbox } = setup();
    outbox.failSentWrite = true;
    await expect(sendDelivery(d, new Set(), deps)).rejects.toThrow('DynamoDB unavailable');
    expect(row()).toMatchObject({ status: 'sending', claimToken: 't1' });
    // The stream retries the record: the item is not pending, so nothing is sent again.
    outbox.failSentWrite = false;
    expect(await sendDelivery(d, new Set(), deps)).toEqual({ kind: 'claimed-elsewhere' });
    expect(sent).toHaveLength(1);
  });

  it('a message that is not there is a poison record: thrown after the claim, which the reconciler will take back', async () => {
    const { d, deps, row, sent } = setup({ message: undefined });
    await expect(sendDelivery(d, new Set(), deps)).rejects.toThrow('message letter of event e1 not found');
    expect(row().status).toBe('claimed');
    expect(sent).toEqual([]);
  });
});
