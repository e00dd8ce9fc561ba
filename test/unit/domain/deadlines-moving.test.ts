import { DomainError } from '../../../shared/domain/errors';
import { deadlineRemindersDue, extendDeadline, issueRefusal, onDemandReminderKey, REMINDER_LEAD_MS, reminderDeadline } from '../../../shared/domain/deadlines';

/**
 * Deadlines that move (issue 11): gia hạn (an extension keeps the letter's order of deadlines, the
 * Deadlines schema's), the reminders before the registration and nomination deadlines (the same
 * three-day lead as the reports'), the on-demand reminder's daily key (Vietnam's calendar day), and
 * the refusal to issue a letter nobody can act on any more. Times are instants with offsets; Vietnam
 * is UTC+7 all year (Asia/Ho_Chi_Minh).
 */

const REG = '2025-03-31T17:00:00+07:00';
const MID = '2025-06-30T17:00:00+07:00';
const REPORTS = '2025-11-30T17:00:00+07:00';
const NOMS = '2025-12-10T17:00:00+07:00';
const deadlines = { registration: REG, midYearReports: MID, reports: REPORTS, nominations: NOMS };
const at = (iso: string, deltaMs = 0) => new Date(Date.parse(iso) + deltaMs);
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.code, code: e.reason, message: e.message };
    throw e;
  }
  return undefined;
};

describe('extendDeadline: later than now and than the current deadline, in the letter’s order', () => {
  const now = at('2025-03-30T09:00:00+07:00');
  it.each([
    { name: 'registration by a week, still before sơ kết', which: 'registration' as const, to: '2025-04-07T17:00:00+07:00' },
    { name: 'registration up to the sơ kết deadline itself (equal keeps the order)', which: 'registration' as const, to: MID },
    { name: 'tổng kết reports, up to the nominations', which: 'reports' as const, to: '2025-12-05T17:00:00+07:00' },
    { name: 'nominations: nothing follows them', which: 'nominations' as const, to: '2026-01-15T17:00:00+07:00' },
  ])('allows $name', ({ which, to }) => {
    expect(extendDeadline(deadlines, which, to, now)).toEqual({ ...deadlines, [which]: to });
  });

  it.each([
    {
      name: 'a deadline the letter does not set',
      d: { nominations: NOMS },
      which: 'registration' as const,
      to: '2025-04-07T17:00:00+07:00',
      code: 'deadline.not_set',
      says: 'không quy định hạn đăng ký thi đua',
    },
    {
      name: 'an earlier date (that is not an extension)',
      d: deadlines,
      which: 'registration' as const,
      to: '2025-03-30T17:00:00+07:00',
      code: 'deadline.not_later',
      says: 'phải sau hạn đăng ký thi đua hiện tại (17 giờ 00, ngày 31/3/2025)',
    },
    { name: 'the same instant in another offset', d: deadlines, which: 'registration' as const, to: '2025-03-31T10:00:00Z', code: 'deadline.not_later', says: 'phải sau' },
    {
      name: 'past the deadline that follows',
      d: deadlines,
      which: 'registration' as const,
      to: '2025-07-01T17:00:00+07:00',
      code: 'deadline.out_of_order',
      says: 'không được sau hạn gửi báo cáo sơ kết (17 giờ 00, ngày 30/6/2025); hãy gia hạn hạn gửi báo cáo sơ kết trước',
    },
    { name: 'reports past the nominations', d: deadlines, which: 'reports' as const, to: '2025-12-11T17:00:00+07:00', code: 'deadline.out_of_order', says: 'hạn gửi hồ sơ đề nghị khen thưởng' },
  ])('refuses $name', ({ d, which, to, code, says }) => {
    expect(refusal(() => extendDeadline(d, which, to, now))).toEqual({ kind: 'conflict', code, message: expect.stringContaining(says) });
  });

  it('a passed deadline may be reopened, but only to a time still ahead', () => {
    const later = at('2025-04-02T09:00:00+07:00'); // registration closed two days ago
    expect(extendDeadline(deadlines, 'registration', '2025-04-10T17:00:00+07:00', later).registration).toBe('2025-04-10T17:00:00+07:00');
    expect(refusal(() => extendDeadline(deadlines, 'registration', '2025-04-01T17:00:00+07:00', later))).toMatchObject({ code: 'deadline.not_later', message: expect.stringContaining('đã qua') });
  });

  it('without a sơ kết deadline, registration is bounded by the reports deadline', () => {
    const { midYearReports: _m, ...noMid } = deadlines;
    expect(extendDeadline(noMid, 'registration', '2025-08-01T17:00:00+07:00', now).registration).toBe('2025-08-01T17:00:00+07:00');
    expect(refusal(() => extendDeadline(noMid, 'registration', '2025-12-01T17:00:00+07:00', now))).toMatchObject({ code: 'deadline.out_of_order' });
  });
});

describe('deadlineRemindersDue: three days before the registration and nomination deadlines, not after', () => {
  const issued = { status: 'issued' as const, deadlines };
  it.each([
    { name: 'a minute before the registration window', now: at(REG, -REMINDER_LEAD_MS - 60_000), want: [] },
    { name: 'the registration window opens', now: at(REG, -REMINDER_LEAD_MS), want: [{ what: 'registration', deadline: REG }] },
    { name: 'at the registration deadline (too late to remind)', now: at(REG), want: [] },
    { name: 'a day before the nominations close', now: at(NOMS, -24 * 3600_000), want: [{ what: 'nominations', deadline: NOMS }] },
    { name: 'between the two: reports have their own reminder', now: at(REPORTS, -3600_000), want: [] },
  ])('$name', ({ now, want }) => {
    expect(deadlineRemindersDue(issued, now)).toEqual(want);
  });
  it('both at once when the two deadlines are close', () => {
    const close = { status: 'issued' as const, deadlines: { registration: '2025-12-09T17:00:00+07:00', nominations: NOMS } };
    expect(deadlineRemindersDue(close, at(NOMS, -36 * 3600_000)).map((d) => d.what)).toEqual(['registration', 'nominations']);
  });
  it.each(['draft', 'nominations-closed', 'finalized'] as const)('nothing for a %s campaign', (status) => {
    expect(deadlineRemindersDue({ status, deadlines }, at(NOMS, -3600_000))).toEqual([]);
  });
  it('no registration deadline, no registration reminder', () => {
    expect(deadlineRemindersDue({ status: 'issued', deadlines: { nominations: NOMS } }, at(NOMS, -3600_000))).toEqual([{ what: 'nominations', deadline: NOMS }]);
  });
});

describe('reminderDeadline: the deadline each on-demand reminder names', () => {
  it.each([
    { what: 'registration' as const, d: deadlines, want: REG },
    { what: 'mid-year' as const, d: deadlines, want: MID },
    { what: 'mid-year' as const, d: { reports: REPORTS, nominations: NOMS }, want: REPORTS },
    { what: 'final' as const, d: deadlines, want: REPORTS },
    { what: 'nominations' as const, d: deadlines, want: NOMS },
    { what: 'registration' as const, d: { nominations: NOMS }, want: undefined },
  ])('$what', ({ what, d, want }) => {
    expect(reminderDeadline({ deadlines: d }, what)).toBe(want);
  });
});

describe('onDemandReminderKey: one reminder per unit and Vietnam calendar day', () => {
  it.each([
    { name: '23:59 and 00:01 in Vietnam are two days', a: '2025-12-01T16:59:00Z', b: '2025-12-01T17:01:00Z', same: false },
    { name: 'morning and evening of one Vietnam day, across UTC midnight', a: '2025-12-01T01:00:00Z', b: '2025-12-01T16:30:00Z', same: true },
    { name: 'UTC’s one day is two Vietnam days', a: '2025-12-01T10:00:00Z', b: '2025-12-01T18:00:00Z', same: false },
  ])('$name', ({ a, b, same }) => {
    expect(onDemandReminderKey('final', new Date(a), 'U1') === onDemandReminderKey('final', new Date(b), 'U1')).toBe(same);
  });
  it('names what, the Vietnam day and the unit', () => {
    expect(onDemandReminderKey('nominations', new Date('2025-12-01T17:30:00Z'), 'PHONG_A')).toBe('nominations#2025-12-02#PHONG_A');
    expect(onDemandReminderKey('registration', new Date('2025-12-01T17:30:00Z'), 'PHONG_A')).not.toBe(onDemandReminderKey('nominations', new Date('2025-12-01T17:30:00Z'), 'PHONG_A'));
  });
});

describe('issueRefusal: a letter past its nomination deadline is not issued', () => {
  it('refuses after the deadline, naming it in Vietnam’s time', () => {
    expect(issueRefusal({ nominations: NOMS }, at(NOMS, 1))).toMatchObject({
      code: 'conflict',
      reason: 'campaign.deadline_passed',
      message: expect.stringContaining('Đã quá hạn gửi hồ sơ đề nghị khen thưởng (17 giờ 00, ngày 10/12/2025)'),
    });
  });
  it('issues up to the deadline itself', () => {
    expect(issueRefusal({ nominations: NOMS }, at(NOMS))).toBeUndefined();
    expect(issueRefusal({ nominations: NOMS }, at(NOMS, -86_400_000))).toBeUndefined();
  });
});
