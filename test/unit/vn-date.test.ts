import { formatDeadline, formatPlaceDate, formatShortDate, todayInVietnam } from '../../shared/domain/vn-date';

// NĐ 30/2020/NĐ-CP, Phụ lục I (địa danh và thời gian ban hành): day < 10 and months 1, 2 take a leading 0.
describe('formatPlaceDate (NĐ 30/2020/NĐ-CP, Phụ lục I)', () => {
  test.each([
    ['2023-03-05', 'Lạng Sơn, ngày 05 tháng 3 năm 2023'],
    ['2024-02-01', 'Lạng Sơn, ngày 01 tháng 02 năm 2024'],
    ['2023-01-15', 'Lạng Sơn, ngày 15 tháng 01 năm 2023'],
    ['2023-12-31', 'Lạng Sơn, ngày 31 tháng 12 năm 2023'],
    ['2023-10-09', 'Lạng Sơn, ngày 09 tháng 10 năm 2023'],
    ['2023-11-10', 'Lạng Sơn, ngày 10 tháng 11 năm 2023'],
    ['2024-02-29', 'Lạng Sơn, ngày 29 tháng 02 năm 2024'],
  ])('%s → %s', (iso, expected) => {
    expect(formatPlaceDate('Lạng Sơn', iso)).toBe(expected);
  });

  test('keeps the place as given, diacritics intact', () => {
    const out = formatPlaceDate('Thành phố Hồ Chí Minh', '2025-07-01');
    expect(out).toBe('Thành phố Hồ Chí Minh, ngày 01 tháng 7 năm 2025');
    expect(out.normalize('NFC')).toBe(out);
  });

  test.each(['2023-02-30', '2023-13-01', '2023-3-5', '05/03/2023', '2023-03-05T00:00:00Z', ''])('rejects %p', (bad) => {
    expect(() => formatPlaceDate('Lạng Sơn', bad)).toThrow(RangeError);
  });
});

describe('formatShortDate (dates cited in the text, as the seed letter writes them)', () => {
  test.each([
    ['2014-04-07', '07/4/2014'],
    ['2023-01-13', '13/01/2023'],
    ['2022-12-21', '21/12/2022'],
  ])('%s → %s', (iso, expected) => {
    expect(formatShortDate(iso)).toBe(expected);
  });
});

describe('formatDeadline (wall-clock time in Asia/Ho_Chi_Minh)', () => {
  test.each([
    ['2023-12-10T10:00:00Z', '17 giờ 00, ngày 10/12/2023'],
    ['2023-12-10T17:00:00+07:00', '17 giờ 00, ngày 10/12/2023'],
    ['2023-03-31T17:00:00+07:00', '17 giờ 00, ngày 31/3/2023'],
    // Past 17:00 UTC the Vietnamese calendar is already on the next day.
    ['2023-01-31T17:30:00Z', '00 giờ 30, ngày 01/02/2023'],
    ['2023-12-31T23:59:00Z', '06 giờ 59, ngày 01/01/2024'],
    // An instant written in another offset is still shown as Vietnam reads it.
    ['2023-06-05T09:15:00+09:00', '07 giờ 15, ngày 05/6/2023'],
    ['2023-06-05T02:15:00.000Z', '09 giờ 15, ngày 05/6/2023'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDeadline(iso)).toBe(expected);
  });

  test('rejects a date-time without an offset (it would be read in the server’s zone)', () => {
    expect(() => formatDeadline('2023-12-10T17:00:00')).toThrow(RangeError);
  });

  test('rejects garbage', () => {
    expect(() => formatDeadline('not a dateZ')).toThrow(RangeError);
  });
});

describe('todayInVietnam', () => {
  test.each([
    ['2023-03-04T16:59:59Z', '2023-03-04'],
    ['2023-03-04T17:00:00Z', '2023-03-05'],
    ['2023-12-31T17:00:00Z', '2024-01-01'],
    ['2024-02-28T20:00:00Z', '2024-02-29'],
  ])('%s → %s', (iso, expected) => {
    expect(todayInVietnam(new Date(iso))).toBe(expected);
  });

  test('rejects an invalid Date', () => {
    expect(() => todayInVietnam(new Date('nope'))).toThrow(RangeError);
  });
});
