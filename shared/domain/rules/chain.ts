/** Consecutive years ("liên tục", domain-rules §2.6): a break resets the count. */

/** Length of the unbroken run of years ending at `end`, ignoring years up to `ignoreUpTo` (discipline, Art 4.4). */
export function chainLength(years: ReadonlySet<number>, end: number, ignoreUpTo?: number): number {
  let n = 0;
  for (let y = end; years.has(y) && (ignoreUpTo === undefined || y > ignoreUpTo); y--) n++;
  return n;
}

export const yearsText = (end: number, n: number) => Array.from({ length: n }, (_, k) => end - n + 1 + k).join(', ');
