import type { Campaign } from '../schemas/campaign';
import type { ReportPeriod } from '../schemas/scoring';

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
