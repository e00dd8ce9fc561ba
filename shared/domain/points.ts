/**
 * Points as integer hundredths (9720 is 97,20 điểm). Scoring tables give points with at most two
 * decimals (docs/legal-sources.md §3.2: "the total is kept with 2 decimals"), and a binary float cannot hold
 * most of them: 0.1 + 0.2 !== 0.3, and thirty criteria of 0.1 sum to 3.0000000000000004. Every sum
 * and product in the scoring core is done on safe integers (BigInt when a product could pass 2^53),
 * so a total never drifts and the same inputs always give the same digits.
 */
export type Hundredths = number;

/** Largest absolute decimal accepted: its hundredths stay far inside Number.MAX_SAFE_INTEGER. */
export const MAX_DECIMAL_INPUT = 1e12;

const TWO_DECIMALS = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * The exact hundredths of a decimal number written with at most two decimals, or undefined.
 * It reads the number's shortest round-trip spelling (`String(x)`, which is what the JSON had), so
 * 0.125 is refused rather than rounded, and 35.2 becomes 3520 without a float multiplication.
 */
export function tryToHundredths(x: number): Hundredths | undefined {
  if (typeof x !== 'number' || !Number.isFinite(x) || Math.abs(x) > MAX_DECIMAL_INPUT) return undefined;
  if (Number.isInteger(x)) return x === 0 ? 0 : x * 100; // whole numbers (head counts) are the common case, and exact
  // Exponent spellings only appear below 1e-6 (more than two decimals) or above 1e21 (out of range).
  const m = TWO_DECIMALS.exec(String(x));
  if (!m) return undefined;
  const whole = Number(m[2]);
  const frac = m[3] === undefined ? 0 : Number(m[3].padEnd(2, '0'));
  const h = whole * 100 + frac;
  return m[1] === '-' && h !== 0 ? -h : h;
}

export function isTwoDecimal(x: number): boolean {
  return tryToHundredths(x) !== undefined;
}

/** As {@link tryToHundredths}, but throws: for values a schema has already checked. */
export function toHundredths(x: number): Hundredths {
  const h = tryToHundredths(x);
  if (h === undefined) throw new RangeError(`${x} is not a decimal number with at most 2 decimals within ±${MAX_DECIMAL_INPUT}`);
  return h;
}

/** 9720 → 97.2: the double nearest the decimal, the same number the literal 97.2 denotes. */
export function hundredthsToNumber(h: Hundredths): number {
  return h / 100;
}

/** Machine form with two decimals and a point: 9720 → "97.20". */
export function formatHundredths(h: Hundredths): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * Vietnamese form, as official documents write numbers: comma for decimals, dot for thousands
 * (3520 → "35,20", 123450 → "1.234,50"). `trim` drops zero decimals, for maxima and bounds
 * ("40 điểm", "2,5").
 */
export function formatVi(h: Hundredths, opts: { trim?: boolean } = {}): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  const w = Math.trunc(a / 100);
  const whole = w < 1000 ? String(w) : String(w).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  let frac = String(a % 100).padStart(2, '0');
  if (opts.trim) frac = frac.replace(/0+$/, '');
  return frac ? `${sign}${whole},${frac}` : `${sign}${whole}`;
}

const SAFE = Number.MAX_SAFE_INTEGER;
/** Below this, p, c and q × c (≤ p + c) are all exact doubles. */
const HALF_SAFE = 2 ** 52;

/**
 * round(a × b / c) for non-negative integers a, b and a positive integer c, rounding half up.
 * Exact: Number arithmetic while a × b is a safe integer, BigInt beyond.
 */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  if (!(Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(c)) || a < 0 || b < 0 || c <= 0) {
    throw new RangeError(`mulDivHalfUp needs non-negative safe integers and a positive divisor, got ${a}, ${b}, ${c}`);
  }
  const p = a * b;
  if (p <= HALF_SAFE && c <= HALF_SAFE) {
    let q = Math.floor(p / c);
    let r = p - q * c; // exact, see HALF_SAFE
    if (r < 0) {
      q -= 1;
      r += c;
    } else if (r >= c) {
      q += 1;
      r -= c;
    }
    return 2 * r >= c ? q + 1 : q;
  }
  const P = BigInt(a) * BigInt(b);
  const C = BigInt(c);
  const q = P / C;
  const r = P % C;
  return Number(2n * r >= C ? q + 1n : q);
}

/** The exact remainder test of {@link mulDivHalfUp}: does c divide a × b? */
export function dividesExactly(a: number, b: number, c: number): boolean {
  const p = a * b;
  if (p <= SAFE) return p % c === 0;
  return (BigInt(a) * BigInt(b)) % BigInt(c) === 0n;
}

/**
 * rate × max for a proportional criterion (docs/legal-sources.md §3.2: "score = rate × 40", capped at the
 * maximum since a rate can pass 100%). `numerator` and `denominator` are decimals with at most two
 * decimals (head counts, amounts); `maxHundredths` is the criterion's maximum in hundredths.
 *
 * The product is computed once, from the exact ratio, never from a rounded percentage; the result
 * is rounded half up to the hundredth (440/500 × 40 = 35,20 exactly; 1/3 × 20 = 6,666… → 6,67).
 * Half up because that is how the Office and the council check a score by hand, and the
 * values are never negative, so half up is also half away from zero; banker's rounding would
 * give answers a reviewer with a calculator would call wrong. Rounding happens per criterion, so the
 * points shown for each criterion add up exactly to the total shown.
 *
 * A zero denominator (no one to count) gives 0 points; the caller explains why.
 */
export function rateTimesMax(numerator: number, denominator: number, maxHundredths: Hundredths): Hundredths {
  const n = toHundredths(numerator);
  const d = toHundredths(denominator);
  if (n < 0 || d < 0 || maxHundredths < 0) throw new RangeError('rateTimesMax needs non-negative inputs');
  if (d === 0) return 0;
  return Math.min(maxHundredths, mulDivHalfUp(n, maxHundredths, d));
}

/** numerator / denominator as hundredths of a percent (440/500 → 8800, "88,00%"), half up; and whether it is exact. */
export function percentHundredths(numerator: number, denominator: number): { value: Hundredths; exact: boolean } {
  return percentOfHundredths(toHundredths(numerator), toHundredths(denominator));
}

/** As {@link percentHundredths}, for a numerator and denominator already in hundredths (the ratio is the same). */
export function percentOfHundredths(n: Hundredths, d: Hundredths): { value: Hundredths; exact: boolean } {
  if (d <= 0 || n < 0) throw new RangeError('a percentage needs a positive denominator and a non-negative numerator');
  return { value: mulDivHalfUp(n, 10_000, d), exact: dividesExactly(n, 10_000, d) };
}

/**
 * Sign of (numerator / denominator × 100) − bound/100, exactly: is a rate, as a percentage, below
 * (−1), at (0) or above (1) a bound given in hundredths? A step edge at 90% must see 4499/5000
 * (89,98%) and 4500/5000 as different, whatever a rounded percentage would show.
 */
export function comparePercentToBound(numerator: number, denominator: number, boundHundredths: Hundredths): -1 | 0 | 1 {
  return comparePercentOfHundredths(toHundredths(numerator), toHundredths(denominator), boundHundredths);
}

/** As {@link comparePercentToBound}, for a numerator and denominator already in hundredths. */
export function comparePercentOfHundredths(n: Hundredths, d: Hundredths, boundHundredths: Hundredths): -1 | 0 | 1 {
  if (d <= 0) throw new RangeError('comparePercentToBound needs a positive denominator');
  // n/d × 100 vs B/100  ⇔  n × 10 000 vs B × d
  const left = n * 10_000;
  const right = boundHundredths * d;
  if (left <= HALF_SAFE && right <= HALF_SAFE) return left < right ? -1 : left > right ? 1 : 0;
  const L = BigInt(n) * 10_000n;
  const R = BigInt(boundHundredths) * BigInt(d);
  return L < R ? -1 : L > R ? 1 : 0;
}

/**
 * `record[key]` when it is the record's own property. Ids are user data: a unit or criterion
 * called "constructor" must not read Object.prototype.constructor from a plain record.
 */
export function own<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
