/**
 * What the twin keeps of a local queue on disk, so that a twin killed mid-run loses no message SQS
 * would have kept: an append-only JSON-lines journal per queue (`<dataDir>/queues/<queue>.jsonl`),
 * one line per change (a message added, received, failed on, deleted; a FIFO deduplication id),
 * written synchronously before the change is acknowledged (a SendMessage answered, a delete done).
 * A line in the file survives the process (SIGKILL included: it is in the kernel's page cache);
 * not a power cut, which the twin does not promise to survive.
 *
 * Why a journal of the queues rather than rebuilding them from the stream at start: a record is
 * routed to several queues, each consumed at its own pace, so the stream position alone cannot say
 * which of them still hold it; rebuilding would replay records already consumed, and would lose what
 * only the queues know (receive counts towards the dead-letter queue, dead letters waiting for a
 * redrive, the FIFO deduplication window that drops the router's repeat after a crash).
 *
 * On load, the journal is replayed and rewritten compactly; it is compacted again when it holds
 * many more lines than live messages. A message in flight when the twin died is visible again at
 * once: its consumer died with the twin (the cloud would wait out the visibility timeout; the twin
 * takes the shortcut it takes for failed messages).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { QueueMessage } from './queues';

export interface DedupEntry {
  id: string;
  until: number;
  messageId: string;
  sequenceNumber?: string;
}

type Entry =
  | { op: 'add'; m: QueueMessage }
  | { op: 'del'; id: string }
  | { op: 'recv'; id: string; n: number; at: number }
  | { op: 'fail'; id: string; e: { name: string; message: string } }
  | { op: 'dedup'; d: DedupEntry };

export interface JournalState {
  messages: QueueMessage[];
  dedup: DedupEntry[];
}

/** Lines written since the last compaction before the journal is rewritten (when also 4× the live messages). */
const COMPACT_AFTER = 2000;

export class QueueJournal {
  private fd: number | undefined;
  private linesSinceCompaction = 0;

  constructor(readonly file: string) {}

  /** Replays the journal (an empty state when there is none). A torn last line (a kill mid-write) is ignored. */
  load(windowMs: number, now: number): JournalState {
    const messages = new Map<string, QueueMessage>();
    const dedup = new Map<string, DedupEntry>();
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let e: Entry;
        try {
          e = JSON.parse(line) as Entry;
        } catch {
          continue;
        }
        if (e.op === 'add') {
          messages.set(e.m.messageId, e.m);
          if (e.m.deduplicationId)
            dedup.set(e.m.deduplicationId, { id: e.m.deduplicationId, until: e.m.sentAt + windowMs, messageId: e.m.messageId, ...(e.m.sequenceNumber ? { sequenceNumber: e.m.sequenceNumber } : {}) });
        } else if (e.op === 'del') messages.delete(e.id);
        else if (e.op === 'recv') {
          const m = messages.get(e.id);
          if (m) Object.assign(m, { receiveCount: e.n, firstReceivedAt: m.firstReceivedAt ?? e.at });
        } else if (e.op === 'fail') {
          const m = messages.get(e.id);
          if (m) m.lastError = e.e;
        } else if (e.op === 'dedup') dedup.set(e.d.id, e.d);
      }
    }
    const live = [...messages.values()].map((m) => {
      const { receiptHandle: _r, ...rest } = m;
      return { ...rest, visibleAt: now };
    });
    return { messages: live, dedup: [...dedup.values()].filter((d) => d.until > now) };
  }

  /** Rewrites the journal as the given state (written aside, then renamed over: never half a journal). */
  compact(state: JournalState): void {
    this.close();
    mkdirSync(path.dirname(this.file), { recursive: true });
    const lines = [...state.dedup.map((d): Entry => ({ op: 'dedup', d })), ...state.messages.map((m): Entry => ({ op: 'add', m: withoutHandle(m) }))];
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    renameSync(tmp, this.file);
    this.linesSinceCompaction = 0;
  }

  /** True when the journal has grown well past what it describes: time to compact. */
  wantsCompaction(liveMessages: number): boolean {
    return this.linesSinceCompaction > COMPACT_AFTER && this.linesSinceCompaction > 4 * liveMessages;
  }

  added(m: QueueMessage): void {
    this.write({ op: 'add', m: withoutHandle(m) });
  }
  deleted(id: string): void {
    this.write({ op: 'del', id });
  }
  received(m: QueueMessage): void {
    this.write({ op: 'recv', id: m.messageId, n: m.receiveCount, at: m.firstReceivedAt ?? m.sentAt });
  }
  failed(id: string, e: { name: string; message: string }): void {
    this.write({ op: 'fail', id, e: { name: e.name, message: e.message } });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private write(entry: Entry): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.linesSinceCompaction++;
  }
}

function withoutHandle(m: QueueMessage): QueueMessage {
  const { receiptHandle: _r, ...rest } = m;
  return rest;
}
