import { findCampaign } from './find-campaign';
import { letterRegistration } from './register';
import { requireSignedLetterReady } from './signed-letter-ready';
import { randomUUID } from 'node:crypto';
import { issueCampaign, newCampaign, referenceDateOf } from '../domain/campaign';
import { type DeadlineName, extendDeadline, issueRefusal } from '../domain/deadlines';
import { DomainError } from '../domain/errors';
import { todayInVietnam } from '../domain/vn-date';
import type { Principal } from './principal';
import type { Campaign, CampaignInput } from '../schemas/campaign';
import type { ScoringTable } from '../schemas/scoring';
import { createCampaign as storeCampaign, newEvent, saveTransition } from '../store/campaigns';
import { deliveryKey, listDeliveries, transition } from '../store/deliveries';
import { listMailings, requeueMailing } from '../store/mailings';
import { loadDirectory } from '../store/directory';
import { getAgency } from '../store/agencies';
import { pendingWakeMs } from './delivery-policy';

/** Every code in the letter must exist in the directory when it is written, so a typo is a 400, not a lost recipient. */
async function checkReferences(agencyId: string, input: CampaignInput): Promise<void> {
  const { groups, units } = await loadDirectory(agencyId);
  const groupCodes = new Set(groups.map((g) => g.code));
  const unitIds = new Set(units.map((u) => u.unitId));
  const details = [
    ...input.recipientGroups.flatMap((c, i) => (groupCodes.has(c) ? [] : [{ path: `recipientGroups.${i}`, message: `không có nhóm nơi nhận "${c}" trong danh bạ` }])),
    ...(['officeGroup', 'councilGroup'] as const).flatMap((k) => {
      const c = input[k];
      return c === undefined || groupCodes.has(c) ? [] : [{ path: k, message: `không có nhóm nơi nhận "${c}" trong danh bạ` }];
    }),
    ...input.participatingUnits.flatMap((u, i) => (unitIds.has(u) ? [] : [{ path: `participatingUnits.${i}`, message: `không có đơn vị "${u}" trong danh bạ` }])),
  ];
  if (details.length) throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${details.map((d) => d.path).join(', ')}`, details);
}

export async function createCampaign(input: CampaignInput, actor: Principal, now: string): Promise<Campaign> {
  await checkReferences(actor.agencyId, input);
  // The agency's level is stamped on the campaign: it bounds the titles the campaign's results may award.
  const agency = await getAgency(actor.agencyId);
  const campaign = newCampaign(input, { id: randomUUID(), now, actor: actor.sub, agencyId: actor.agencyId, ...(agency ? { agencyLevel: agency.level } : {}) });
  await storeCampaign(campaign, newEvent(campaign, 'CampaignCreated', actor.sub, now));
  return campaign;
}

export { findCampaign };

/**
 * draft → issued, with its `CampaignIssued` event in the same transaction; the stream does the mailing.
 * A letter whose nomination deadline has passed is refused (issueRefusal): issued, it would be closed by
 * the clock a minute later with nobody able to act on it.
 */
export async function issue(rawId: unknown, actor: Principal, now: Date): Promise<Campaign> {
  const current = await findCampaign(actor.agencyId, rawId);
  const next = issueCampaign(current, { now: now.toISOString(), today: todayInVietnam(now), actor: actor.sub });
  const refusal = issueRefusal(current.deadlines, now);
  if (refusal) throw refusal;
  const register = await letterRegistration(next, actor.sub, now);
  // The signed original, when one was asked for, must be uploaded and checked (issue 12).
  await requireSignedLetterReady(next, await getAgency(actor.agencyId));
  await saveTransition(next, current, newEvent(next, 'CampaignIssued', actor.sub, now.toISOString()), [], [register.write]);
  await register.committed();
  return next;
}

export interface DeadlineExtension {
  deadline: DeadlineName;
  /** The new instant, ISO 8601 with its offset. */
  to: string;
  /** Lý do gia hạn: stated in the notice the units get. */
  reason: string;
}

/**
 * Gia hạn: a deadline of an issued campaign moved later (extendDeadline says which moves are allowed),
 * with its `DeadlineExtended` event in the same transaction; the event's consumer emails the notice to
 * the participating units and the Office. The law in force does not move with the nomination deadline:
 * a reference date derived from it is pinned to the day it had, so an extension across a change of
 * regime (e.g. past 30/06/2025) does not silently change the rules the nominations are decided by.
 */
export async function extendCampaignDeadline(rawId: unknown, input: DeadlineExtension, actor: Principal, now: Date): Promise<Campaign> {
  const current = await findCampaign(actor.agencyId, rawId);
  if (current.status !== 'issued') {
    throw new DomainError('conflict', `Chỉ gia hạn được khi phong trào đang diễn ra (đã phát động, chưa khóa nhận hồ sơ); status hiện tại "${current.status}".`, undefined, 'campaign.not_issued');
  }
  const deadlines = extendDeadline(current.deadlines, input.deadline, input.to, now);
  const from = current.deadlines[input.deadline] as string;
  const next: Campaign = { ...current, deadlines, referenceDate: referenceDateOf(current, todayInVietnam), version: current.version + 1 };
  const at = now.toISOString();
  await saveTransition(next, current, newEvent(next, 'DeadlineExtended', actor.sub, at, { deadline: input.deadline, from, to: input.to, reason: input.reason }));
  return next;
}

/** The scoring table can change while the campaign is a draft; once issued it is fixed (units score against it). */
export async function setScoringTable(rawId: unknown, table: ScoringTable, actor: Principal, now: string): Promise<Campaign> {
  const current = await findCampaign(actor.agencyId, rawId);
  if (current.status !== 'draft') throw new DomainError('conflict', 'Thang điểm đã cố định khi phong trào được phát động; không thể thay đổi.', undefined, 'campaign.not_draft');
  const next: Campaign = { ...current, scoringTable: table, version: current.version + 1 };
  await saveTransition(next, current, newEvent(next, 'ScoringTableSet', actor.sub, now, { tableVersion: table.version }));
  return next;
}

/**
 * The Office's "send again": every failed delivery of the campaign back to the outbox, attempts
 * reset; with `includeUncertain`, also those in doubt (SES was called, no outcome recorded), which
 * a person has checked, since resending them may email someone twice. And every mailing whose
 * consumer failed or is late (its outbox not written) back to that consumer.
 */
export async function retryFailedDeliveries(agencyId: string, rawId: unknown, now: Date, includeUncertain = false): Promise<{ requeued: number; mailingsRequeued: number }> {
  const campaign = await findCampaign(agencyId, rawId);
  // A row for a code the directory lost has no address to send to; retrying it cannot help.
  const candidates = (await listDeliveries(agencyId, campaign.id)).filter(
    (d) => d.channel === 'email' && d.address.includes('@') && (d.status === 'failed' || (includeUncertain && d.status === 'uncertain')),
  );
  const wakeAt = new Date(now.getTime() + pendingWakeMs(0)).toISOString();
  const moved = await Promise.all(
    candidates.map((d) => transition(deliveryKey(d), { status: d.status }, { status: 'pending', resetAttempts: true, set: { requeuedAt: now.toISOString() }, attentionAt: wakeAt }, now)),
  );
  const stalled = (await listMailings(agencyId, campaign.id, now)).filter((m) => m.state === 'failed' || m.overdue);
  const mailings = await Promise.all(stalled.map((m) => requeueMailing(m.key, m.state, now, wakeAt)));
  return { requeued: moved.filter(Boolean).length, mailingsRequeued: mailings.filter(Boolean).length };
}
