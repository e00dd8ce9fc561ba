import type { Delivery } from '../../shared/schemas/events';
import {
  sendDeliveries,
  SUPPRESSED_ERROR,
  type DeliveryRef,
  type MessageContent,
  type OutboxPort,
  type Recorded,
  type SendDeps,
  type SendFailure,
  type SendReport,
} from '../../shared/usecases/send-delivery';

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

/** Each request the protocol made of the outbox: its kind and how many items it carried. */
type Request = { kind: 'claim' | 'mark' | 'record'; items: number };

const settled = async <T>(each: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> => Promise.allSettled(each.map((f) => f()));

class MemoryOutbox implements OutboxPort {
  rows = new Map<string, Row>();
  log: string[] = [];
  requests: Request[] = [];
  failSentWrite = false;
  /** Addresses whose sending mark fails (the write, not its condition). */
  failMarkOf = new Set<string>();
  key = (d: DeliveryRef) => `${d.eventId}|${d.message}|${d.address}`;
  row = (d: DeliveryRef) => this.rows.get(this.key(d))!;
  async claim(items: readonly { d: DeliveryRef; attempts: number; token: string }[], _now: Date, _leaseMs: number, maxAttempts: number) {
    this.requests.push({ kind: 'claim', items: items.length });
    return settled(
      items.map(({ d, attempts, token }) => async () => {
        const r = this.row(d);
        if (!(r.status === 'pending' || (r.status === 'failed' && r.retryable)) || r.attempts !== attempts || r.attempts >= maxAttempts) return undefined;
        Object.assign(r, { status: 'claimed', claimToken: token, attempts: r.attempts + 1 });
        this.log.push('claimed');
        return { attempt: r.attempts, token };
      }),
    );
  }
  async markSending(items: readonly { d: DeliveryRef; token: string }[]) {
    this.requests.push({ kind: 'mark', items: items.length });
    return settled(
      items.map(({ d, token }) => async () => {
        if (this.failMarkOf.has(d.address)) throw new Error('DynamoDB unavailable');
        const r = this.row(d);
        if (r.status !== 'claimed' || r.claimToken !== token) return false;
        r.status = 'sending';
        this.log.push('sending');
        return true;
      }),
    );
  }
  async record(items: readonly { d: DeliveryRef; token: string; outcome: Recorded }[]) {
    this.requests.push({ kind: 'record', items: items.length });
    return settled(
      items.map(({ d, token, outcome }) => async () => {
        const r = this.row(d);
        if (outcome.status === 'doubt') {
          if (r.status !== 'sending' || r.claimToken !== token) throw new Error('ConditionalCheckFailedException');
          r.lastError = outcome.error;
          this.log.push('doubt');
          return;
        }
        if (!['claimed', 'sending'].includes(r.status) || r.claimToken !== token) throw new Error('ConditionalCheckFailedException');
        if (outcome.status === 'sent' && this.failSentWrite) throw new Error('DynamoDB unavailable');
        const { status, ...rest } = outcome;
        Object.assign(r, { status, ...rest });
        delete r.claimToken;
        this.log.push(status);
      }),
    );
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
  // The stream image carries the attempts the row had when it was written.
  const d = delivery(undefined, { attempts: opts.rows?.attempts ?? 0 });
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
    roundSize: 10,
    now: () => NOW,
    newToken: () => `t${++token}`,
    leaseMs: 300_000,
    maxAttempts: 5,
    retryDelayMs: (attempt) => 30_000 * 2 ** (attempt - 1),
  };
  return { outbox, d, deps, sent, row: () => outbox.row(d) };
}
/** The protocol on a batch of one: its report, or its rejection thrown. */
async function sendDelivery(d: Delivery, suppressed: ReadonlySet<string>, deps: SendDeps): Promise<SendReport> {
  const [report] = await sendDeliveries([d], (x) => suppressed.has(x.address), deps);
  if (report!.status === 'rejected') throw report!.reason;
  return report!.value;
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

describe('the protocol on a batch: a few requests for many items', () => {
  const addresses = Array.from({ length: 10 }, (_, i) => `don-vi-${i}@so.gov.vn`);
  function batchSetup(roundSize: number) {
    const outbox = new MemoryOutbox();
    const batch = addresses.map((a) => delivery(a));
    for (const d of batch) outbox.rows.set(outbox.key(d), { status: 'pending', attempts: 0 });
    const sent: string[] = [];
    const paced: number[] = [];
    /** What happened, in order: each pace, and each SES call, to see that a round's calls follow its mark. */
    const steps: string[] = [];
    let token = 0;
    const deps: SendDeps = {
      outbox,
      message: async () => letter,
      sender: {
        send: async (to) => {
          sent.push(to.address);
          steps.push(`send ${to.address} (${outbox.row(to).status})`);
          return `ses-${to.address}`;
        },
      },
      pace: async (n) => {
        paced.push(n);
        steps.push(`pace ${n}`);
      },
      roundSize,
      now: () => NOW,
      newToken: () => `t${++token}`,
      leaseMs: 300_000,
      maxAttempts: 5,
      retryDelayMs: () => 30_000,
    };
    return { outbox, batch, deps, sent, paced, steps };
  }

  it('ten items, one round: one claim, one mark and one record request for all, each item sent once and recorded', async () => {
    const { outbox, batch, deps, sent, paced } = batchSetup(10);
    const reports = await sendDeliveries(batch, () => false, deps);
    expect(reports.map((r) => r.status === 'fulfilled' && r.value.kind)).toEqual(Array(10).fill('sent'));
    expect(outbox.requests).toEqual([
      { kind: 'claim', items: 10 },
      { kind: 'mark', items: 10 },
      { kind: 'record', items: 10 },
    ]);
    expect(paced).toEqual([10]);
    expect(sent).toEqual(addresses);
    expect(batch.map((d) => outbox.row(d).status)).toEqual(Array(10).fill('sent'));
  });

  it('rounds of the send rate: slots taken per round, and every SES call of a round comes after its items were marked `sending`', async () => {
    const { outbox, batch, deps, paced, steps } = batchSetup(4);
    await sendDeliveries(batch, () => false, deps);
    expect(paced).toEqual([4, 4, 2]);
    expect(outbox.requests.map((r) => `${r.kind} ${r.items}`)).toEqual(['claim 10', 'mark 4', 'record 4', 'mark 4', 'record 4', 'mark 2', 'record 2']);
    expect(steps.filter((s) => s.startsWith('send')).every((s) => s.endsWith('(sending)'))).toBe(true);
    expect(steps.slice(0, 5)).toEqual(['pace 4', ...addresses.slice(0, 4).map((a) => `send ${a} (sending)`)]);
  });

  it('superseded and suppressed items of a batch are recorded in one request before any send; the others are sent', async () => {
    const { outbox, batch, deps, sent } = batchSetup(10);
    deps.message = async (d) => (d.address === addresses[0] ? { ...letter, supersededBy: 'e9' } : letter);
    const reports = await sendDeliveries(batch, (d) => d.address === addresses[1], deps);
    expect(reports.slice(0, 3).map((r) => r.status === 'fulfilled' && r.value.kind)).toEqual(['superseded', 'suppressed', 'sent']);
    expect(outbox.requests.map((r) => `${r.kind} ${r.items}`)).toEqual(['claim 10', 'record 2', 'mark 8', 'record 8']);
    expect(sent).toEqual(addresses.slice(2));
  });

  it('an image whose attempts are not the row’s (someone moved the item since) is skipped, not claimed', async () => {
    const { outbox, batch, deps, sent } = batchSetup(10);
    outbox.row(batch[3]!).attempts = 1; // requeued by the reconciler after a first attempt: its newer record will come
    const reports = await sendDeliveries(batch, () => false, deps);
    expect(reports[3]).toEqual({ status: 'fulfilled', value: { kind: 'claimed-elsewhere' } });
    expect(outbox.row(batch[3]!).status).toBe('pending');
    expect(sent).not.toContain(addresses[3]);
  });

  it('the same item twice in one batch is claimed and sent once', async () => {
    const { outbox, batch, deps, sent } = batchSetup(10);
    const reports = await sendDeliveries([batch[0]!, batch[0]!], () => false, deps);
    expect(reports.map((r) => r.status === 'fulfilled' && r.value.kind)).toEqual(['sent', 'claimed-elsewhere']);
    expect(outbox.requests[0]).toEqual({ kind: 'claim', items: 1 });
    expect(sent).toEqual([addresses[0]]);
  });

  it('a failed write fails only its own item: its record is retried by the queue, the rest are sent', async () => {
    const { outbox, batch, deps, sent } = batchSetup(10);
    outbox.failMarkOf.add(addresses[2]!);
    const reports = await sendDeliveries(batch, () => false, deps);
    expect(reports[2]).toMatchObject({ status: 'rejected', reason: new Error('DynamoDB unavailable') });
    expect(reports.filter((r) => r.status === 'fulfilled' && r.value.kind === 'sent')).toHaveLength(9);
    expect(outbox.row(batch[2]!).status).toBe('claimed'); // the lease lapses, the reconciler requeues it
    expect(sent).not.toContain(addresses[2]);
  });

  it('one round’s outcomes mixed: sent, failed, in doubt, recorded in one request, each by its kind', async () => {
    const { outbox, batch, deps } = batchSetup(10);
    deps.sender.send = async (to) => {
      if (to.address === addresses[0]) throw Object.assign(new Error('x'), { failure: { kind: 'rejected', message: 'MessageRejected' } });
      if (to.address === addresses[1]) throw new Error('socket hang up');
      return 'ses';
    };
    const reports = await sendDeliveries(batch.slice(0, 3), () => false, deps);
    expect(reports.map((r) => r.status === 'fulfilled' && r.value.kind)).toEqual(['failed', 'ambiguous', 'sent']);
    expect(outbox.requests.map((r) => `${r.kind} ${r.items}`)).toEqual(['claim 3', 'mark 3', 'record 3']);
    expect(batch.slice(0, 3).map((d) => outbox.row(d).status)).toEqual(['failed', 'sending', 'sent']);
  });
});
