/**
 * Dates as Vietnamese administrative documents write them.
 *
 * Legal source: Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Phụ lục I (thể thức
 * văn bản hành chính), mục "Địa danh và thời gian ban hành văn bản": the day, month and year are
 * written in Arabic numerals; a day below 10 and the months 1 and 2 take a leading 0
 * ("Lạng Sơn, ngày 05 tháng 3 năm 2023", "ngày 01 tháng 02"). See docs/legal-sources.md §5.2.
 * Dates inside the text (legal citations, deadlines) are written dd/mm/yyyy with the same padding
 * rule, as the seed letter does ("ngày 07/4/2014", "ngày 13/01/2023").
 */

/** Vietnam's civil time. It has no DST today, but the offset is the tz database's business, not ours. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// One formatter for the process, built the first time a date is converted: building an Intl
// formatter costs 12–17 ms of CPU (measured by the bundle bench), which every cold start paid at
// import, also the invocations that never convert a date. 'en-US' with h23 gives plain ASCII
// digits we can pick apart with formatToParts whatever the host's default locale is.
let formatter: Intl.DateTimeFormat | undefined;
const vnParts = () =>
  (formatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: VN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' as a calendar date (no time zone involved), rejecting impossible dates. */
function parseIsoDate(isoDate: string): CalendarDate {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`no such date: ${isoDate}`);
  }
  return { year, month, day };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** NĐ 30/2020 Phụ lục I: day < 10 padded; months 1 and 2 padded, the others not. */
const dayText = (day: number) => pad2(day);
const monthText = (month: number) => (month <= 2 ? pad2(month) : String(month));

/** "Lạng Sơn, ngày 05 tháng 3 năm 2023" from ("Lạng Sơn", "2023-03-05"). */
export function formatPlaceDate(place: string, isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${place}, ngày ${dayText(day)} tháng ${monthText(month)} năm ${year}`;
}

/** "07/4/2014", "13/01/2023": a date as cited inside the text of a document. */
export function formatShortDate(isoDate: string): string {
  const { year, month, day } = parseIsoDate(isoDate);
  return `${dayText(day)}/${monthText(month)}/${year}`;
}

function partsInVietnam(at: Date) {
  if (Number.isNaN(at.getTime())) throw new RangeError('invalid date');
  const parts = vnParts().formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => {
    const p = parts.find((x) => x.type === type);
    if (!p) throw new Error(`Intl.DateTimeFormat gave no ${type}`);
    return Number(p.value);
  };
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/**
 * A deadline instant as read in Vietnam: "17 giờ 00, ngày 10/12/2023".
 * The input must carry its offset (an instant, as the Deadlines schema requires); the wall-clock
 * time is computed by Intl in Asia/Ho_Chi_Minh, never by adding 7 hours by hand.
 */
export function formatDeadline(isoDateTimeWithOffset: string): string {
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(isoDateTimeWithOffset)) {
    // Without an offset Date.parse would read the host's local time: a deadline would move with the server.
    throw new RangeError(`a deadline needs an explicit offset: ${JSON.stringify(isoDateTimeWithOffset)}`);
  }
  const ms = Date.parse(isoDateTimeWithOffset);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date-time: ${JSON.stringify(isoDateTimeWithOffset)}`);
  const p = partsInVietnam(new Date(ms));
  return `${pad2(p.hour)} giờ ${pad2(p.minute)}, ngày ${dayText(p.day)}/${monthText(p.month)}/${p.year}`;
}

/** Today's calendar date in Vietnam, 'YYYY-MM-DD' (the default ngày ban hành of a letter). */
export function todayInVietnam(now: Date): string {
  const p = partsInVietnam(now);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}
