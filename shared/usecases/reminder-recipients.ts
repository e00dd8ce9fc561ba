import { onDemandReminderKey, type ReminderTarget } from '../domain/deadlines';
import type { Campaign } from '../schemas/campaign';
import type { Unit } from '../schemas/directory';
import type { DeliveryStatus } from '../schemas/events';
import { getItemByKey, queryCampaignItems } from '../store/campaigns';
import { transition } from '../store/deliveries';
import { loadDirectory } from '../store/directory';
import { keys, prefixes } from '../store/keys';
import { supersedeMessage } from '../store/messages';
import { listNominations } from '../store/nominations';
import { listRegistrations, listReports } from '../store/reports';

/*
 * Who a reminder goes to, and which queued reminders a submission makes stale: what the reminder
 * consumers and the on-demand route share. Store reads only, so a consumer's bundle carries no more.
 */

/** The units that have already done what `what` asks: registered, reported for the period, or sent a nomination. */
export async function unitsThatSubmitted(campaign: Pick<Campaign, 'agencyId' | 'id'>, what: ReminderTarget): Promise<Set<string>> {
  if (what === 'registration') return new Set((await listRegistrations(campaign.agencyId, campaign.id)).map((r) => String(r.unitId)));
  if (what === 'nominations') {
    // A unit's nominations are in whether it filed them itself or its parent (or the Office) filed them for it.
    return new Set((await listNominations(campaign.agencyId, campaign.id)).flatMap((n) => [String(n.nominatingUnitId), String((n.nominee as { unitId?: unknown } | undefined)?.unitId)]));
  }
  return new Set((await listReports(campaign.agencyId, campaign.id, what)).map((r) => String(r.unitId)));
}

/** The participating units of the directory that have not yet done what `what` asks, and those that have, in the letter's order. */
export async function unitsToRemind(campaign: Campaign, what: ReminderTarget): Promise<{ pending: Unit[]; submitted: Unit[] }> {
  const [done, { units }] = await Promise.all([unitsThatSubmitted(campaign, what), loadDirectory(campaign.agencyId)]);
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const participants = campaign.participatingUnits.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return { pending: participants.filter((u) => !done.has(u.unitId)), submitted: participants.filter((u) => done.has(u.unitId)) };
}

/**
 * The queued reminders a unit's submission makes stale (the clock's before the deadline, and the
 * Office's of the same Vietnam day): the events whose `reminder:<unit>` message should be superseded.
 */
export async function remindersToSupersede(agencyId: string, campaignId: string, what: ReminderTarget, unitId: string, at: Date): Promise<string[]> {
  const scheduled = what === 'registration' || what === 'nominations' ? await getItemByKey(keys.reminder(agencyId, campaignId, what)) : undefined;
  const onDemand = await getItemByKey(keys.remindedOn(agencyId, campaignId, onDemandReminderKey(what, at, unitId)));
  return [scheduled?.eventId, onDemand?.eventId].filter((e): e is string => typeof e === 'string');
}

/**
 * A reminder made stale by its unit's submission: its rendered message is marked superseded (a
 * mailer that reads it then records `superseded`), and so is each of its deliveries still waiting
 * (`pending`, or `failed` and due for another try), so no mailer claims them even one that has the
 * message cached from an earlier attempt. One in flight (`claimed`, `sending`) goes out: too late.
 */
export async function supersedeReminder(agencyId: string, campaignId: string, reminderEventId: string, name: string, byEventId: string, now: Date): Promise<number> {
  await supersedeMessage(agencyId, campaignId, reminderEventId, name, byEventId);
  const waiting = (await queryCampaignItems(agencyId, campaignId, `${prefixes.delivery}${reminderEventId}#${name}#`)).filter((d) => d.status === 'pending' || d.status === 'failed');
  const moved = await Promise.all(
    waiting.map((d) =>
      transition(
        { pk: String(d.pk), sk: String(d.sk) },
        { status: d.status as DeliveryStatus },
        { status: 'superseded', set: { lastError: `nội dung đã được thay thế bởi sự kiện ${byEventId}` } },
        now,
      ),
    ),
  );
  return moved.filter(Boolean).length;
}
