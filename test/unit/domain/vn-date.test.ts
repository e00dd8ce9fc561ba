import { formatDeadline, formatPlaceDate, formatShortDate, todayInVietnam } from '../../../shared/domain/vn-date';

/**
 * Dates as NĐ 30/2020/NĐ-CP Phụ lục I writes them (domain-rules §5.2), at their edges: refusals word for word, offsets
 * with or without a colon, and years below 1000 kept on four digits.
 */

describe('refusals name what was wrong', () => {
  it.each([
    ['10/12/2023', 'not an ISO date (YYYY-MM-DD): "10/12/2023"'],
    ['2023-02-29', 'no such date: 2023-02-29'],
    ['2023-04-31', 'no such date: 2023-04-31'],
  ])('%s', (d, message) => {
    expect(() => formatShortDate(d)).toThrow(message);
    expect(() => formatPlaceDate('Lạng Sơn', d)).toThrow(message);
  });
  it('a deadline without an offset, or with text after it, is refused as having no offset', () => {
    expect(() => formatDeadline('2023-12-10T17:00:00')).toThrow('a deadline needs an explicit offset: "2023-12-10T17:00:00"');
    expect(() => formatDeadline('2023-12-10T17:00:00+07:00 giờ')).toThrow('a deadline needs an explicit offset: "2023-12-10T17:00:00+07:00 giờ"');
  });
  it('an offset that is not a date-time is refused as such', () => {
    expect(() => formatDeadline('ngày 10 tháng 12Z')).toThrow('not an ISO date-time: "ngày 10 tháng 12Z"');
  });
  it('an invalid instant has no day in Vietnam', () => {
    expect(() => todayInVietnam(new Date(Number.NaN))).toThrow('invalid date');
  });
});

describe('formats', () => {
  it('an offset written without a colon is read too', () => {
    expect(formatDeadline('2023-12-10T10:00:00+0000')).toBe('17 giờ 00, ngày 10/12/2023');
  });
  it('a year below 1000 keeps four digits', () => {
    expect(todayInVietnam(new Date('0999-06-01T00:00:00Z'))).toBe('0999-06-01');
  });
});
