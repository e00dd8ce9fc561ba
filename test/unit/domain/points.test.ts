import {
  MAX_DECIMAL_INPUT,
  comparePercentOfHundredths,
  comparePercentToBound,
  dividesExactly,
  formatHundredths,
  formatVi,
  isTwoDecimal,
  mulDivHalfUp,
  own,
  percentHundredths,
  rateTimesMax,
  toHundredths,
  tryToHundredths,
} from '../../../shared/domain/points';

/**
 * Points as integer hundredths at their edges (domain-rules §3.1–3.2: scores kept with two decimals; Cần Thơ
 * 157/KH-UBND §3.2 "440/500 × 40 = 35,2"; half up, as a reviewer checks by hand).
 */

describe('reading decimals with at most two places', () => {
  it.each([
    [0, 0],
    [-0, 0],
    [35.2, 3520],
    [0.05, 5],
    [-1.5, -150],
    [-0.01, -1],
    [12, 1200],
    [-3, -300],
    [MAX_DECIMAL_INPUT, MAX_DECIMAL_INPUT * 100],
    [-MAX_DECIMAL_INPUT, -MAX_DECIMAL_INPUT * 100],
  ])('%d → %d', (x, h) => {
    expect(tryToHundredths(x)).toBe(h);
    expect(isTwoDecimal(x)).toBe(true);
  });
  it.each([0.125, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, MAX_DECIMAL_INPUT + 1, -MAX_DECIMAL_INPUT - 1, '1' as unknown as number])('%p is refused', (x) => {
    expect(tryToHundredths(x)).toBeUndefined();
    expect(isTwoDecimal(x)).toBe(false);
    expect(() => toHundredths(x)).toThrow(`${x} is not a decimal number with at most 2 decimals within ±${MAX_DECIMAL_INPUT}`);
  });
  it('-0.001 is refused, not read as 0', () => {
    expect(tryToHundredths(-0.001)).toBeUndefined();
  });
});

describe('formatting', () => {
  it.each([
    [9720, '97.20'],
    [5, '0.05'],
    [-150, '-1.50'],
    [0, '0.00'],
  ])('machine form of %d is %s', (h, s) => {
    expect(formatHundredths(h)).toBe(s);
  });
  it.each([
    [3520, false, '35,20'],
    [123450, false, '1.234,50'],
    [99999900, false, '999.999,00'],
    [100000, false, '1.000,00'],
    [99900, false, '999,00'],
    [-250, false, '-2,50'],
    [4000, true, '40'],
    [250, true, '2,5'],
    [205, true, '2,05'],
    [0, true, '0'],
  ])('Vietnamese form of %d (trim %s) is %s', (h, trim, s) => {
    expect(formatVi(h, { trim })).toBe(s);
  });
  it('without options nothing is trimmed', () => {
    expect(formatVi(4000)).toBe('40,00');
  });
});

describe('mulDivHalfUp: round(a × b / c), half up, exact', () => {
  it.each([
    [1, 2000, 3, 667],
    [2, 2000, 3, 1333],
    [1, 100, 8, 13],
    [1, 1, 2, 1],
    [1, 1, 3, 0],
    [5, 1, 2, 3],
    [0, 5, 7, 0],
    [44000, 4000, 50000, 3520],
    [2 ** 40, 2 ** 20, 3, Number((2n ** 60n + 1n) / 3n)],
    [2 ** 26, 2 ** 27, 3, Number((2n ** 53n + 1n) / 3n)],
    [2 ** 26, 2 ** 26, 2 ** 53 - 1, 1],
  ])('%d × %d / %d = %d', (a, b, c, q) => {
    expect(mulDivHalfUp(a, b, c)).toBe(q);
  });
  it.each([
    [-1, 1, 1],
    [1, -1, 1],
    [1, 1, 0],
    [1, 1, -2],
    [0.5, 1, 1],
    [1, 1, 2 ** 53],
  ])('refuses (%d, %d, %d)', (a, b, c) => {
    expect(() => mulDivHalfUp(a, b, c)).toThrow(`mulDivHalfUp needs non-negative safe integers and a positive divisor, got ${a}, ${b}, ${c}`);
  });
  it('dividesExactly, below and above 2^53', () => {
    expect(dividesExactly(6, 5, 3)).toBe(true);
    expect(dividesExactly(7, 5, 3)).toBe(false);
    expect(dividesExactly(2 ** 40, 2 ** 20, 2 ** 10)).toBe(true);
    expect(dividesExactly(2 ** 40 + 1, 2 ** 20, 3)).toBe(false);
  });
});

describe('rates', () => {
  it('Cần Thơ 157/KH-UBND §3.2: 440/500 × 40 = 35,20; above 100% capped; zero denominator 0', () => {
    expect(rateTimesMax(440, 500, 4000)).toBe(3520);
    expect(rateTimesMax(600, 500, 4000)).toBe(4000);
    expect(rateTimesMax(3, 0, 4000)).toBe(0);
    expect(rateTimesMax(1, 3, 2000)).toBe(667);
  });
  it.each([
    [-1, 1, 100],
    [1, -1, 100],
    [1, 1, -100],
  ])('rateTimesMax refuses negatives (%d, %d, %d)', (n, d, m) => {
    expect(() => rateTimesMax(n, d, m)).toThrow('rateTimesMax needs non-negative inputs');
  });
  it('percentages, exact or rounded', () => {
    expect(percentHundredths(440, 500)).toEqual({ value: 8800, exact: true });
    expect(percentHundredths(1, 3)).toEqual({ value: 3333, exact: false });
    expect(percentHundredths(2, 3)).toEqual({ value: 6667, exact: false });
    expect(() => percentHundredths(1, 0)).toThrow('a percentage needs a positive denominator and a non-negative numerator');
    expect(() => percentHundredths(-1, 2)).toThrow('a percentage needs a positive denominator and a non-negative numerator');
  });
  it.each([
    [4499, 5000, 9000, -1],
    [4500, 5000, 9000, 0],
    [4501, 5000, 9000, 1],
    [8999.99, 10000, 9000, -1],
  ])('%d/%d against %d hundredths of a percent: %d', (n, d, b, sign) => {
    expect(comparePercentToBound(n, d, b)).toBe(sign);
  });
  it('compares exactly past 2^53 (BigInt)', () => {
    const big = 2 ** 45;
    expect(comparePercentOfHundredths(big, big, 10_000)).toBe(0);
    expect(comparePercentOfHundredths(big + 1, big, 10_000)).toBe(1);
    expect(comparePercentOfHundredths(big - 1, big, 10_000)).toBe(-1);
    expect(() => comparePercentOfHundredths(1, 0, 1)).toThrow('comparePercentToBound needs a positive denominator');
  });
});

describe("own: only the record's own keys", () => {
  it('ids named like Object.prototype members are not read from it', () => {
    expect(own({ a: 1 }, 'a')).toBe(1);
    expect(own({ a: 1 } as Record<string, number>, 'constructor')).toBeUndefined();
    expect(own(undefined, 'a')).toBeUndefined();
  });
});
