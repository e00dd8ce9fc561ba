import { REMINDER_LEAD_MS, isPast, remindersDue, reportDeadline } from '../../../shared/domain/deadlines';

/**
 * Report deadlines and their reminders. A letter gives one deadline for reports, and may give sơ kết (mid-year
 * reviews) its own (domain-rules §1.6: sơ kết and tổng kết reviews; §1.10 for the deadlines found in practice,
 * e.g. Bắc Ninh QĐ 86/2025 Art 6.2, year-end dossiers before 10/12). The reminder lead is the "three days before".
 */

const REPORTS = '2023-12-10T17:00:00.000Z';
const MID = '2023-06-30T17:00:00.000Z';
const NOMS = '2023-12-20T17:00:00.000Z';
const at = (iso: string, deltaMs = 0) => new Date(Date.parse(iso) + deltaMs);

describe('reportDeadline: which deadline a period is held to (§1.6)', () => {
  it.each([
    { name: 'sơ kết with its own deadline', deadlines: { reports: REPORTS, midYearReports: MID, nominations: NOMS }, period: 'mid-year' as const, want: MID },
    { name: 'sơ kết without one shares the reports deadline', deadlines: { reports: REPORTS, nominations: NOMS }, period: 'mid-year' as const, want: REPORTS },
    { name: 'tổng kết never takes the sơ kết deadline', deadlines: { reports: REPORTS, midYearReports: MID, nominations: NOMS }, period: 'final' as const, want: REPORTS },
    { name: 'no report deadline at all', deadlines: { nominations: NOMS }, period: 'final' as const, want: undefined },
  ])('$name', ({ deadlines, period, want }) => {
    expect(reportDeadline({ deadlines }, period)).toBe(want);
  });
});

describe('isPast: a deadline is past only strictly after its instant', () => {
  it.each([
    { name: 'one millisecond before', now: at(REPORTS, -1), want: false },
    { name: 'at the deadline itself (still on time)', now: at(REPORTS), want: false },
    { name: 'one millisecond after', now: at(REPORTS, 1), want: true },
  ])('$name', ({ now, want }) => {
    expect(isPast(REPORTS, now)).toBe(want);
  });
  it('no deadline is never past', () => {
    expect(isPast(undefined, at('2099-01-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('remindersDue: within three days before a deadline, not after it', () => {
  const issued = { status: 'issued' as const, deadlines: { reports: REPORTS, midYearReports: MID, nominations: NOMS } };

  it('the lead is three days', () => {
    expect(REMINDER_LEAD_MS).toBe(3 * 24 * 60 * 60 * 1000);
  });

  it.each([
    { name: 'just before the window opens', now: at(REPORTS, -REMINDER_LEAD_MS - 1), want: [] },
    { name: 'the window opens exactly three days before', now: at(REPORTS, -REMINDER_LEAD_MS), want: [{ period: 'final', deadline: REPORTS }] },
    { name: 'one millisecond before the deadline', now: at(REPORTS, -1), want: [{ period: 'final', deadline: REPORTS }] },
    { name: 'at the deadline, too late to remind', now: at(REPORTS), want: [] },
    { name: 'sơ kết: its own window', now: at(MID, -60_000), want: [{ period: 'mid-year', deadline: MID }] },
  ])('$name', ({ now, want }) => {
    expect(remindersDue(issued, now)).toEqual(want);
  });

  it('both periods due at once are both returned, sơ kết first', () => {
    const same = { status: 'issued' as const, deadlines: { reports: REPORTS, midYearReports: REPORTS, nominations: NOMS } };
    expect(remindersDue(same, at(REPORTS, -1000))).toEqual([
      { period: 'mid-year', deadline: REPORTS },
      { period: 'final', deadline: REPORTS },
    ]);
  });

  it('without its own deadline sơ kết is not reminded separately (the final reminder covers it)', () => {
    const shared = { status: 'issued' as const, deadlines: { reports: REPORTS, nominations: NOMS } };
    expect(remindersDue(shared, at(REPORTS, -1000))).toEqual([{ period: 'final', deadline: REPORTS }]);
  });

  it.each(['draft', 'closed', 'cancelled'])('a campaign that is %s reminds nobody', (status) => {
    expect(remindersDue({ ...issued, status: status as never }, at(REPORTS, -1000))).toEqual([]);
  });
});
