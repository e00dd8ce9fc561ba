import { scoreReport } from '../../../shared/domain/scoring';
import { ScoringTable } from '../../../shared/schemas/scoring';

/**
 * Steps (thang bậc) declared in any order: the schema accepts them unsorted, the score must not depend on the order.
 * The bands are Cần Thơ 157/KH-UBND criterion 5.2 read half-open (domain-rules §3.2: 88–90% → 2; 90–95% → 3;
 * 95–<100% → 4; 100% → 5).
 */

const BANDS = [
  { from: 88, to: 90, points: 2 },
  { from: 90, to: 95, points: 3 },
  { from: 95, to: 100, points: 4 },
  { from: 100, points: 5 },
];
const tableWith = (steps: typeof BANDS) =>
  ScoringTable.parse({
    version: 'v1',
    legalBasis: 'Cần Thơ 157/KH-UBND, tiêu chí 5.2',
    sections: [{ id: 's', name: 'Điểm cộng', kind: 'bonus', criteria: [{ id: 'c5_2', name: 'Thanh toán không dùng tiền mặt', max: 5, rule: { kind: 'steps', steps } }] }],
    tieBreak: [],
  });
const score = (steps: typeof BANDS, value: number | { numerator: number; denominator: number }) => {
  const c = scoreReport(tableWith(steps), { unitId: 'X', values: { c5_2: value } }).criteria[0]!;
  return { points: c.points, explanation: c.self.explanation };
};

const orders = {
  declared: BANDS,
  reversed: [...BANDS].reverse(),
  shuffled: [BANDS[2]!, BANDS[0]!, BANDS[3]!, BANDS[1]!],
};

describe.each(Object.entries(orders))('steps declared %s', (_name, steps) => {
  it.each([
    [87.99, 0],
    [88, 200],
    [89.99, 200],
    [90, 300],
    [94.99, 300],
    [95, 400],
    [99.99, 400],
    [100, 500],
    [120, 500],
  ])('value %d → %d hundredths', (value, points) => {
    expect(score(steps, value).points).toBe(points);
  });
  it('a rate is compared exactly: 4499/5000 = 89,98% is in [88; 90), 9/10 in [90; 95)', () => {
    expect(score(steps, { numerator: 4499, denominator: 5000 }).points).toBe(200);
    expect(score(steps, { numerator: 9, denominator: 10 }).points).toBe(300);
  });
  it('the band is named in the explanation', () => {
    expect(score(steps, 92).explanation).toBe('Giá trị 92 thuộc khoảng [90; 95) → 3,00 điểm');
    expect(score(steps, 101).explanation).toBe('Giá trị 101 thuộc khoảng [100; +∞) → 5,00 điểm');
    expect(score(steps, 50).explanation).toBe('Giá trị 50 không thuộc khoảng nào của thang bậc nên 0,00 điểm');
  });
});

it('a gap between bands scores 0 (no band holds the value)', () => {
  const gapped = [
    { from: 10, to: 20, points: 1 },
    { from: 30, points: 2 },
  ];
  expect(score(gapped, 25).points).toBe(0);
  expect(score([...gapped].reverse(), 25).points).toBe(0);
  expect(score([...gapped].reverse(), 30).points).toBe(200);
});
