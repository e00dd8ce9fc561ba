import { DEADLINE_LABEL, isPast, onDemandReminderKey, reminderDeadline, type ReminderTarget } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { formatDeadline } from '../domain/vn-date';
import type { Unit } from '../schemas/directory';
import { newEvent, queryCampaignItems, saveWithEvent } from '../store/campaigns';
import { keys } from '../store/keys';
import { findCampaign } from './find-campaign';
import { unitsToRemind } from './reminder-recipients';
import { requireIssued } from './guards';
import type { Principal } from './principal';

/** What each reminder asks for, as a 409 names it. */
const WHAT_LABEL: Readonly<Record<ReminderTarget, string>> = {
  registration: DEADLINE_LABEL.registration,
  'mid-year': 'hạn gửi báo cáo sơ kết',
  final: DEADLINE_LABEL.reports,
  nominations: DEADLINE_LABEL.nominations,
};

export interface ReminderRequestResult {
  what: ReminderTarget;
  deadline: string;
  reminded: { unitId: string; name: string }[];
  skipped: { unitId: string; name: string; reason: 'already-reminded-today' | 'already-submitted' }[];
  /** The `ReminderRequested` events written (one per 99 units reminded; none when nobody is). */
  eventIds: string[];
}

/** A transaction takes 100 items: 99 marks and their event. */
const MARKS_PER_EVENT = 99;
/** The marks outlive their day by a week, then DynamoDB's TTL removes them (the audit trail keeps the events). */
const MARK_TTL_SECONDS = 8 * 24 * 3600;

/**
 * The Office's reminder on demand (POST /campaigns/{id}/reminders): to every participating unit that
 * has not yet done what `what` asks, at most once per unit and Vietnam calendar day. Each reminded unit
 * gets a conditional mark (`REMINDED#<what>#<day>#<unit>`) in the same transaction as the
 * `ReminderRequested` event its consumer mails from, so two requests racing remind a unit once: the
 * loser's transaction fails, it reads the marks again and reminds only the units still unmarked.
 */
export async function requestReminders(rawId: unknown, what: ReminderTarget, principal: Principal, now: Date): Promise<ReminderRequestResult> {
  const campaign = await findCampaign(principal.agencyId, rawId);
  requireIssued(campaign, 'nhắc các đơn vị');
  const deadline = reminderDeadline(campaign, what);
  if (!deadline) throw new DomainError('conflict', `Kế hoạch không quy định ${WHAT_LABEL[what]}; không có thời hạn để nhắc.`, undefined, 'deadline.not_set');
  if (isPast(deadline, now)) {
    throw new DomainError('conflict', `Đã quá ${WHAT_LABEL[what]} (${formatDeadline(deadline)}); nhắc lúc này không còn tác dụng.`, undefined, 'reminder.deadline_passed');
  }
  const { pending, submitted } = await unitsToRemind(campaign, what);
  const skipped: ReminderRequestResult['skipped'] = submitted.map((u) => ({ unitId: u.unitId, name: u.name, reason: 'already-submitted' }));
  const reminded: ReminderRequestResult['reminded'] = [];
  const eventIds: string[] = [];
  const markOf = (u: Unit) => keys.remindedOn(campaign.agencyId, campaign.id, onDemandReminderKey(what, now, u.unitId));
  const dayPrefix = markOf({ unitId: '' } as Unit).sk;

  let left = pending;
  let lost = 0;
  while (left.length > 0) {
    const marked = new Set((await queryCampaignItems(campaign.agencyId, campaign.id, dayPrefix)).map((m) => String(m.unitId)));
    for (const u of left.filter((u) => marked.has(u.unitId))) skipped.push({ unitId: u.unitId, name: u.name, reason: 'already-reminded-today' });
    left = left.filter((u) => !marked.has(u.unitId));
    if (left.length === 0) break;
    if (lost > 3) throw new DomainError('conflict', 'Đang có yêu cầu nhắc khác cho phong trào này; vui lòng thử lại.', undefined, 'campaign.concurrent_change');
    const chunk = left.slice(0, MARKS_PER_EVENT);
    const at = now.toISOString();
    const event = newEvent(campaign, 'ReminderRequested', principal.sub, at, { what, deadline, units: chunk.map((u) => u.unitId) });
    const expiresAt = Math.floor(now.getTime() / 1000) + MARK_TTL_SECONDS;
    const written = await saveWithEvent(
      chunk.map((u) => ({ item: { ...markOf(u), entity: 'ReminderMark', what, unitId: u.unitId, eventId: event.eventId, recordedAt: at, expiresAt }, onlyIfAbsent: true })),
      event,
    );
    if (!written) {
      lost++; // another request marked some of them first: read the marks again
      continue;
    }
    eventIds.push(event.eventId);
    reminded.push(...chunk.map((u) => ({ unitId: u.unitId, name: u.name })));
    left = left.slice(chunk.length);
  }
  return { what, deadline, reminded, skipped, eventIds };
}
