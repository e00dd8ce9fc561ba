/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) for the rules: no clock, dates are inputs. Beside vn-date.ts, which
 * writes dates the way Vietnamese documents do; these only count.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** Complete months from `from` up to (not including) `toExclusive`, both YYYY-MM-DD; 0 when `from` is not before it. */
export function completeMonths(from: string, toExclusive: string): number {
  const part = (d: string, a: number, b: number) => Number(d.slice(a, b));
  const months = (part(toExclusive, 0, 4) - part(from, 0, 4)) * 12 + (part(toExclusive, 5, 7) - part(from, 5, 7));
  return Math.max(0, months - (part(toExclusive, 8, 10) < part(from, 8, 10) ? 1 : 0));
}

export function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
