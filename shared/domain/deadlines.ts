import type { Campaign } from '../schemas/campaign';
import type { ReportPeriod } from '../schemas/scoring';
import { DomainError } from './errors';
import { formatDeadline, todayInVietnam } from './vn-date';

/** The deadline a period's reports are held to: sơ kết has its own when the letter sets one. */
export function reportDeadline(campaign: Pick<Campaign, 'deadlines'>, period: ReportPeriod): string | undefined {
  return period === 'mid-year' ? (campaign.deadlines.midYearReports ?? campaign.deadlines.reports) : campaign.deadlines.reports;
}

export const isPast = (deadline: string | undefined, now: Date) => deadline !== undefined && now.getTime() > Date.parse(deadline);

/** How long before a report deadline units that have not reported are reminded (issue: "three days before"). */
export const REMINDER_LEAD_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * The report periods whose reminder is due at `now`: within three days before the deadline and
 * not past it. The caller makes sure each is sent once (a marker item written with the event).
 */
export function remindersDue(campaign: Pick<Campaign, 'deadlines' | 'status'>, now: Date): { period: ReportPeriod; deadline: string }[] {
  if (campaign.status !== 'issued') return [];
  // Sơ kết is reminded only when the letter gives it a deadline of its own; otherwise the one
  // reminder before the shared deadline is the final report's.
  const candidates = [
    { period: 'mid-year' as const, deadline: campaign.deadlines.midYearReports },
    { period: 'final' as const, deadline: campaign.deadlines.reports },
  ];
  return candidates.flatMap(({ period, deadline }) => {
    if (!deadline) return [];
    const at = Date.parse(deadline);
    return now.getTime() >= at - REMINDER_LEAD_MS && now.getTime() < at ? [{ period, deadline }] : [];
  });
}

// ── Deadlines that move (issue 11): extension, reminders before registration and nominations, on demand ──

/** The deadlines of a launch letter, as the Deadlines schema names them, in their required order. */
export const DEADLINE_ORDER = ['registration', 'midYearReports', 'reports', 'nominations'] as const;
export type DeadlineName = (typeof DEADLINE_ORDER)[number];

/** Each deadline as a letter names it ("hạn …"), for messages and mails. */
export const DEADLINE_LABEL: Readonly<Record<DeadlineName, string>> = {
  registration: 'hạn đăng ký thi đua',
  midYearReports: 'hạn gửi báo cáo sơ kết',
  reports: 'hạn gửi báo cáo tổng kết',
  nominations: 'hạn gửi hồ sơ đề nghị khen thưởng',
};

type Deadlines = Campaign['deadlines'];

/**
 * A deadline moved later (gia hạn). The rules: the letter must set that deadline (there is nothing
 * to extend otherwise: an absent registration deadline means registration is open until
 * nominations close, an absent sơ kết deadline means sơ kết shares tổng kết's); the new instant
 * must be later than the current one and still ahead of `now` (an extension into the past would
 * reopen nothing); and the deadlines keep the order the Deadlines schema requires, so extending
 * registration past the report deadline means extending that one first. Returns the new deadlines;
 * a refusal names the rule in Vietnamese.
 */
export function extendDeadline(deadlines: Deadlines, which: DeadlineName, to: string, now: Date): Deadlines {
  const current = deadlines[which];
  const label = DEADLINE_LABEL[which];
  if (!current) throw new DomainError('conflict', `Kế hoạch không quy định ${label}; không có thời hạn để gia hạn.`, undefined, 'deadline.not_set');
  const at = Date.parse(to);
  if (!(at > Date.parse(current))) {
    throw new DomainError('conflict', `Thời hạn mới (${formatDeadline(to)}) phải sau ${label} hiện tại (${formatDeadline(current)}).`, undefined, 'deadline.not_later');
  }
  if (!(at > now.getTime())) throw new DomainError('conflict', `Thời hạn mới (${formatDeadline(to)}) đã qua; gia hạn phải đến một thời điểm sau hiện tại.`, undefined, 'deadline.not_later');
  const next = { ...deadlines, [which]: to };
  for (const later of DEADLINE_ORDER.slice(DEADLINE_ORDER.indexOf(which) + 1)) {
    const bound = next[later];
    if (bound && Date.parse(bound) < at) {
      throw new DomainError(
        'conflict',
        `Thời hạn mới (${formatDeadline(to)}) không được sau ${DEADLINE_LABEL[later]} (${formatDeadline(bound)}); hãy gia hạn ${DEADLINE_LABEL[later]} trước.`,
        undefined,
        'deadline.out_of_order',
      );
    }
  }
  return next;
}

/**
 * A letter is issued only while units can still act on it: once its nomination deadline has passed
 * the clock would close it a minute later and nobody could register, report or nominate.
 */
export function issueRefusal(deadlines: Pick<Deadlines, 'nominations'>, now: Date): DomainError | undefined {
  if (!isPast(deadlines.nominations, now)) return undefined;
  return new DomainError(
    'conflict',
    `Đã quá ${DEADLINE_LABEL.nominations} (${formatDeadline(deadlines.nominations)}); không thể phát động phong trào. Hãy lập kế hoạch với thời hạn mới.`,
    undefined,
    'campaign.deadline_passed',
  );
}

/** What a unit may be reminded of: registering, a period's report, its nominations. */
export const REMINDER_TARGETS = ['registration', 'mid-year', 'final', 'nominations'] as const;
export type ReminderTarget = (typeof REMINDER_TARGETS)[number];

/** The deadline a reminder of `what` points to (a period's report deadline as reportDeadline reads it). */
export function reminderDeadline(campaign: Pick<Campaign, 'deadlines'>, what: ReminderTarget): string | undefined {
  if (what === 'registration') return campaign.deadlines.registration;
  if (what === 'nominations') return campaign.deadlines.nominations;
  return reportDeadline(campaign, what);
}

/**
 * The reminders before the registration and nomination deadlines due at `now`: like the reports'
 * (remindersDue), within three days before the deadline and not past it, on an issued campaign.
 * The caller records each once (a marker item with its event).
 */
export function deadlineRemindersDue(campaign: Pick<Campaign, 'deadlines' | 'status'>, now: Date): { what: 'registration' | 'nominations'; deadline: string }[] {
  if (campaign.status !== 'issued') return [];
  const candidates = [
    { what: 'registration' as const, deadline: campaign.deadlines.registration },
    { what: 'nominations' as const, deadline: campaign.deadlines.nominations },
  ];
  return candidates.flatMap(({ what, deadline }) => {
    if (!deadline) return [];
    const at = Date.parse(deadline);
    return now.getTime() >= at - REMINDER_LEAD_MS && now.getTime() < at ? [{ what, deadline }] : [];
  });
}

/**
 * The key of the mark that a unit was reminded of `what` on one Vietnam calendar day: the
 * on-demand reminder writes it conditionally, so the Office's second request that day skips the
 * unit. The day is Vietnam's (a reminder at 23:30 and one at 00:30 the next morning are two days).
 */
export const onDemandReminderKey = (what: ReminderTarget, now: Date, unitId: string) => `${what}#${todayInVietnam(now)}#${unitId}`;
