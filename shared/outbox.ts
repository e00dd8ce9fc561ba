import { pendingWakeMs } from './usecases/delivery-policy';
import type { EntryRef } from './domain/recipients';
import type { Delivery, DomainEvent } from './schemas/events';
import { putDeliveriesIfAbsent, suppressedAmong } from './store/deliveries';
import { putMessageIfAbsent, type RenderedMessage } from './store/messages';

export interface OutboxRows {
  emails?: { address: string; groups: EntryRef[] }[];
  archives?: EntryRef[];
  publications?: EntryRef[];
  /** Entries that could not be resolved: shown as failed rows, never dropped silently. */
  failures?: { code: string; name: string; error: string }[];
}

/** Outbox items per step of `queueMail`: one suppression read (BatchGetItem takes 100 keys) and one transaction (100 operations). */
const STEP = 100;

/**
 * Queue one mail of an event (docs/architecture.md "Email goes through an outbox"): the rendered message
 * once, then one delivery per address, keyed by event, message and address, with conditional
 * puts (up to 100 to a request, shared/store/write-together.ts), so a consumer re-run by a retried batch
 * queues nobody twice. A hundred addresses at a time, each step checked against the suppression
 * list then written: the first emails are in the outbox, and the mailer at work, after one read and
 * one write, not after the whole list's. Returns how many rows were new.
 */
export async function queueMail(event: DomainEvent, name: string, message: RenderedMessage, rows: OutboxRows, now = new Date().toISOString()): Promise<number> {
  await putMessageIfAbsent(event.agencyId, event.campaignId, event.eventId, name, message);
  const base = { agencyId: event.agencyId, campaignId: event.campaignId, eventId: event.eventId, eventType: event.type, message: name, attempts: 0, createdAt: now, updatedAt: now };
  const others: Delivery[] = [
    ...(rows.archives ?? []).map((a) => ({ ...base, channel: 'archive' as const, address: a.code, groups: [a], status: 'archived' as const })),
    ...(rows.publications ?? []).map((p) => ({ ...base, channel: 'publication' as const, address: p.code, groups: [p], status: 'published' as const })),
    ...(rows.failures ?? []).map((f) => ({
      ...base,
      channel: 'email' as const,
      address: f.code,
      groups: [{ code: f.code, name: f.name }],
      status: 'failed' as const,
      retryable: false,
      lastError: f.error,
    })),
  ];
  const wakeAt = new Date(Date.parse(now) + pendingWakeMs(0)).toISOString();
  const emails = rows.emails ?? [];
  let added = 0;
  for (let start = 0; start < Math.max(emails.length, 1); start += STEP) {
    const step = emails.slice(start, start + STEP);
    // Addresses on the suppression list (hard bounces, complaints) are recorded, not queued.
    const suppressed = await suppressedAmong(
      event.agencyId,
      step.map((e) => e.address),
    );
    const deliveries: Delivery[] = [
      ...step.map((e) =>
        suppressed.has(e.address)
          ? { ...base, channel: 'email' as const, address: e.address, groups: e.groups, status: 'suppressed' as const, lastError: 'địa chỉ nằm trong danh sách chặn (đã bị trả lại hoặc khiếu nại)' }
          : { ...base, channel: 'email' as const, address: e.address, groups: e.groups, status: 'pending' as const },
      ),
      // The rows that are not emails go with the last step.
      ...(start + STEP >= emails.length ? others : []),
    ];
    // Conditional puts: a re-run consumer finds the existing ones refused, and queues nobody twice.
    const written = await putDeliveriesIfAbsent(deliveries.map((d) => ({ delivery: d, ...(d.status === 'pending' ? { lookAgainAt: wakeAt } : {}) })));
    const failed = written.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    added += written.filter((r) => r.status === 'fulfilled' && r.value).length;
  }
  return added;
}
