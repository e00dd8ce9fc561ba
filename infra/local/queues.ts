/**
 * The twin's SQS queues, in memory, with the semantics the consumers depend on:
 * - a received message is invisible for the visibility timeout, then visible again unless deleted
 *   (with the receipt handle of its latest receive);
 * - each receive counts; a message received `maxReceiveCount` times is moved to the dead-letter
 *   queue at the next receive attempt, instead of being handed out (SQS's redrive policy);
 * - FIFO: a message needs a group id and a deduplication id; a repeated deduplication id within 5
 *   minutes is accepted and dropped; messages of a group are handed out in order, and not while an
 *   earlier message of the group is in flight (so a failed one is retried before the next);
 * - standard: handed out oldest first (SQS promises no order; the twin keeps one, for readable runs).
 * Dead-letter queues are LocalQueues too; `moveMessages` moves them back, as SQS's redrive
 * (StartMessageMoveTask) does, with fresh receive counts.
 * With a `journal`, every change is written to disk before it is acknowledged, and a queue made
 * again on the same journal starts with the messages left (queue-journal.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { QueueJournal } from './queue-journal';

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  sentAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle?: string;
  /** What the consumer answered the last time it failed on it (set by the twin's mapping). */
  lastError?: { name: string; message: string };
  /** When it was moved to this dead-letter queue, and from which queue. */
  deadLettered?: { at: number; from: string };
}

export interface SendEntry {
  body: string;
  groupId?: string;
  deduplicationId?: string;
}

export interface LocalQueueOptions {
  name: string;
  fifo?: boolean;
  visibilityTimeoutMs: number;
  /** With `deadLetter`: receives before a message moves there. */
  maxReceiveCount?: number;
  deadLetter?: LocalQueue;
  url: string;
  arn: string;
  now?: () => number;
  /** Told of every message moved to the dead-letter queue (the twin writes it to its dead-letter store). */
  onDeadLetter?: (message: QueueMessage, from: LocalQueue) => void;
  /** Keeps the queue on disk: loaded at construction, written on every change. */
  journal?: QueueJournal;
}

const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

export class QueueError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export class LocalQueue {
  readonly name: string;
  readonly fifo: boolean;
  readonly url: string;
  readonly arn: string;
  visibilityTimeoutMs: number;
  private readonly messages: QueueMessage[] = [];
  private readonly deduplication = new Map<string, { until: number; messageId: string; sequenceNumber?: string }>();
  private sequence = 0n;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  /** The one pending wake-up for the earliest visibility timeout to run out. */
  private wakeTimer?: { at: number; timer: NodeJS.Timeout };

  constructor(private readonly options: LocalQueueOptions) {
    this.name = options.name;
    this.fifo = options.fifo ?? false;
    this.url = options.url;
    this.arn = options.arn;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs;
    this.now = options.now ?? Date.now;
    const journal = options.journal;
    if (journal) {
      const state = journal.load(DEDUPLICATION_WINDOW_MS, this.now());
      this.messages.push(...state.messages);
      this.restored = state.messages.length;
      for (const d of state.dedup) this.deduplication.set(d.id, { until: d.until, messageId: d.messageId, ...(d.sequenceNumber ? { sequenceNumber: d.sequenceNumber } : {}) });
      for (const seq of [...state.messages.map((m) => m.sequenceNumber), ...state.dedup.map((d) => d.sequenceNumber)]) {
        if (seq && BigInt(seq) > this.sequence) this.sequence = BigInt(seq);
      }
      this.compact();
    }
  }

  /** Messages left from an earlier run of the twin (read from the journal), at construction. */
  readonly restored: number = 0;

  private compact(): void {
    const journal = this.options.journal;
    if (!journal) return;
    const now = this.now();
    journal.compact({
      messages: this.messages,
      dedup: [...this.deduplication]
        .filter(([, d]) => d.until > now)
        .map(([id, d]) => ({ id, until: d.until, messageId: d.messageId, ...(d.sequenceNumber ? { sequenceNumber: d.sequenceNumber } : {}) })),
    });
  }

  /** Stops writing the journal (the file stays, for the next run). */
  close(): void {
    this.options.journal?.close();
  }

  get deadLetterQueue(): LocalQueue | undefined {
    return this.options.deadLetter;
  }

  send(entry: SendEntry): { messageId: string; md5OfBody: string; sequenceNumber?: string } {
    const now = this.now();
    if (this.fifo) {
      if (!entry.groupId) throw new QueueError('MissingParameter', `The request must contain the parameter MessageGroupId (queue ${this.name} is FIFO).`);
      if (!entry.deduplicationId)
        throw new QueueError('InvalidParameterValue', `The queue ${this.name} should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly.`);
      for (const [id, d] of this.deduplication) if (d.until <= now) this.deduplication.delete(id);
      const seen = this.deduplication.get(entry.deduplicationId);
      // Accepted, not delivered again: what a producer retrying within the window sees.
      if (seen) return { messageId: seen.messageId, md5OfBody: md5(entry.body), ...(seen.sequenceNumber ? { sequenceNumber: seen.sequenceNumber } : {}) };
    }
    const message: QueueMessage = {
      messageId: randomUUID(),
      body: entry.body,
      md5OfBody: md5(entry.body),
      sentAt: now,
      receiveCount: 0,
      visibleAt: now,
      ...(this.fifo ? { groupId: entry.groupId, deduplicationId: entry.deduplicationId, sequenceNumber: String(++this.sequence).padStart(20, '0') } : {}),
    };
    this.messages.push(message);
    this.options.journal?.added(message);
    if (this.fifo) this.deduplication.set(entry.deduplicationId!, { until: now + DEDUPLICATION_WINDOW_MS, messageId: message.messageId, sequenceNumber: message.sequenceNumber });
    this.notify();
    return { messageId: message.messageId, md5OfBody: message.md5OfBody, ...(message.sequenceNumber ? { sequenceNumber: message.sequenceNumber } : {}) };
  }

  /** Puts a message as it is (a dead letter arriving, or one moved back with a fresh count). */
  private adopt(message: QueueMessage): void {
    this.messages.push(message);
    this.options.journal?.added(message);
    this.notify();
  }

  /**
   * Up to `max` visible messages, each now invisible for the visibility timeout with a new receipt
   * handle. Messages already received `maxReceiveCount` times go to the dead-letter queue instead.
   */
  receive(max: number): QueueMessage[] {
    const now = this.now();
    const out: QueueMessage[] = [];
    const blockedGroups = new Set<string>();
    for (const m of [...this.messages]) {
      if (out.length >= max) break;
      const inFlight = m.visibleAt > now;
      if (this.fifo && m.groupId !== undefined) {
        if (blockedGroups.has(m.groupId)) continue;
        // An earlier message of the group still in flight holds the group back.
        if (inFlight) {
          blockedGroups.add(m.groupId);
          continue;
        }
      } else if (inFlight) continue;
      const limit = this.options.maxReceiveCount;
      if (limit !== undefined && this.options.deadLetter && m.receiveCount >= limit) {
        // Into the dead-letter queue first, then out of this one: a kill in between leaves a copy, never none.
        const dead: QueueMessage = { ...m, visibleAt: now, receiptHandle: undefined, deadLettered: { at: now, from: this.name } };
        this.options.deadLetter.adopt(dead);
        this.remove(m);
        this.options.onDeadLetter?.(dead, this);
        continue;
      }
      m.receiveCount++;
      m.firstReceivedAt ??= now;
      m.visibleAt = now + this.visibilityTimeoutMs;
      m.receiptHandle = randomUUID();
      this.options.journal?.received(m);
      out.push(m);
    }
    if (out.length < max && this.messages.some((m) => m.visibleAt > now)) this.wakeAt(Math.min(...this.messages.map((m) => m.visibleAt).filter((t) => t > now)));
    return out.map((m) => ({ ...m }));
  }

  /** Deletes a received message; false when the handle is not its latest (it was received again since). */
  delete(receiptHandle: string): boolean {
    const m = this.messages.find((x) => x.receiptHandle === receiptHandle);
    if (!m) return false;
    this.remove(m);
    this.notify();
    return true;
  }

  /**
   * Records on an undeleted message what its consumer answered (shown with it if it is
   * dead-lettered) and, when `visibleInMs` is given, when it reappears (ChangeMessageVisibility).
   */
  noteFailure(receiptHandle: string, error: { name: string; message: string }, visibleInMs?: number): void {
    const m = this.messages.find((x) => x.receiptHandle === receiptHandle);
    if (!m) return;
    m.lastError = error;
    this.options.journal?.failed(m.messageId, error);
    if (visibleInMs !== undefined) {
      m.visibleAt = Math.min(m.visibleAt, this.now() + visibleInMs);
      this.wakeAt(m.visibleAt);
    }
  }

  /** Moves every message to `target` with a fresh receive count (SQS's dead-letter redrive). */
  moveMessages(target: LocalQueue, filter: (m: QueueMessage) => boolean = () => true): number {
    let moved = 0;
    for (const m of [...this.messages]) {
      if (!filter(m)) continue;
      const { deadLettered: _d, receiptHandle: _r, lastError: _e, firstReceivedAt: _f, ...rest } = m;
      target.adopt({ ...rest, receiveCount: 0, visibleAt: this.now() });
      this.remove(m);
      moved++;
    }
    return moved;
  }

  /** Messages held: visible now, or in flight (received and not yet deleted nor visible again). */
  counts(): { visible: number; inFlight: number } {
    const now = this.now();
    let visible = 0;
    let inFlight = 0;
    for (const m of this.messages)
      if (m.visibleAt > now) inFlight++;
      else visible++;
    return { visible, inFlight };
  }

  /** Every message, as it stands (for the dead-letter view). */
  peek(): readonly QueueMessage[] {
    return this.messages.map((m) => ({ ...m }));
  }

  /** The age of the oldest message, in ms (CloudWatch's ApproximateAgeOfOldestMessage). */
  oldestAgeMs(): number {
    const now = this.now();
    return this.messages.length ? now - Math.min(...this.messages.map((m) => m.sentAt)) : 0;
  }

  /** Resolves when something may have become receivable (a send, a delete, a visibility timeout running out), or after `ms`. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }

  private wakeAt(at: number): void {
    if (this.wakeTimer && this.wakeTimer.at <= at) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    const timer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.notify();
      },
      Math.max(0, at - this.now()) + 1,
    );
    timer.unref?.();
    this.wakeTimer = { at, timer };
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private remove(m: QueueMessage): void {
    const i = this.messages.indexOf(m);
    if (i < 0) return;
    this.messages.splice(i, 1);
    const journal = this.options.journal;
    if (!journal) return;
    journal.deleted(m.messageId);
    if (journal.wantsCompaction(this.messages.length)) this.compact();
  }
}
