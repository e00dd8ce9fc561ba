import { TIE_WITH_LIMIT, compareCodePoints, rankStandings, type RankInput } from '../../../shared/domain/ranking';
import { ScoringTable } from '../../../shared/schemas/scoring';

/**
 * Ranking at its edges (domain-rules §3.1: rank by total, then the plan's tie-break criteria in order, then the
 * council's vote; Cần Thơ 157/KH-UBND §3.2 for a real chain). A unit's `tieBrokenBy` names only neighbours with the
 * same total that the chain separated from it, never a unit it is still tied with.
 */

const table = ScoringTable.parse({
  version: 'v1',
  legalBasis: 'Bảng điểm thử nghiệm',
  sections: [
    {
      id: 's',
      name: 'S',
      kind: 'base',
      criteria: [
        { id: 'a', name: 'A', max: 10, rule: { kind: 'manual' } },
        { id: 'b', name: 'B', max: 10, rule: { kind: 'manual' } },
      ],
    },
  ],
  tieBreak: ['a', 'b'],
});
const row = (unitId: string, total: number, a: number, b: number): RankInput => ({
  unitId,
  total,
  criteria: [
    { criterionId: 'a', points: a },
    { criterionId: 'b', points: b },
  ],
});
const view = (rows: RankInput[]) => rankStandings(table, rows).map((r) => [r.rank, r.unitId, r.tie?.with ?? null, r.tieBrokenBy ?? null]);

describe('tieBrokenBy: only against neighbours the chain separated', () => {
  it('a tied pair above a unit the chain separates: only the pair member next to it is separated from it', () => {
    expect(view([row('U3', 1000, 400, 600), row('U2', 1000, 500, 500), row('U1', 1000, 500, 500)])).toEqual([
      [1, 'U1', ['U2'], null],
      [1, 'U2', ['U1'], [{ against: 'U3', criterionId: 'a' }]],
      [3, 'U3', null, [{ against: 'U2', criterionId: 'a' }]],
    ]);
  });
  it('a tied group alone: nobody was separated', () => {
    expect(view([row('U1', 1000, 5, 5), row('U2', 1000, 5, 5), row('U3', 1000, 5, 5)]).map((r) => r[3])).toEqual([null, null, null]);
  });
  it('separated by the second criterion of the chain', () => {
    expect(view([row('U1', 1000, 500, 400), row('U2', 1000, 500, 600)])).toEqual([
      [1, 'U2', null, [{ against: 'U1', criterionId: 'b' }]],
      [2, 'U1', null, [{ against: 'U2', criterionId: 'b' }]],
    ]);
  });
  it('a unit between two it was separated from names both, the one above first', () => {
    const out = rankStandings(table, [row('U1', 1000, 6, 0), row('U2', 1000, 5, 0), row('U3', 1000, 4, 0)]);
    expect(out[1]?.tieBrokenBy).toEqual([
      { against: 'U1', criterionId: 'a' },
      { against: 'U3', criterionId: 'a' },
    ]);
  });
  it('different totals are not a broken tie', () => {
    expect(view([row('U1', 1001, 0, 0), row('U2', 1000, 9, 9)]).map((r) => r[3])).toEqual([null, null]);
  });
});

describe('tie groups', () => {
  it('standard competition ranking and the council sentence', () => {
    const out = rankStandings(table, [row('U1', 9, 1, 1), row('U2', 9, 1, 1), row('U3', 8, 1, 1), row('U4', 8, 1, 1), row('U5', 7, 0, 0)]);
    expect(out.map((r) => r.rank)).toEqual([1, 1, 3, 3, 5]);
    expect(out[2]?.tie?.explanation).toBe('Bằng tổng điểm và các tiêu chí ưu tiên (a, b) với 1 đơn vị khác: Hội đồng thi đua - khen thưởng bỏ phiếu quyết định thứ hạng');
  });
  it('without a chain the sentence says so', () => {
    const bare = ScoringTable.parse({ ...table, tieBreak: [] });
    expect(rankStandings(bare, [row('U1', 9, 1, 2), row('U2', 9, 2, 1)])[0]?.tie?.explanation).toBe(
      'Bằng tổng điểm (bảng điểm không có tiêu chí ưu tiên) với 1 đơn vị khác: Hội đồng thi đua - khen thưởng bỏ phiếu quyết định thứ hạng',
    );
  });
  it(`a group larger than ${TIE_WITH_LIMIT} + 1 lists ${TIE_WITH_LIMIT} others and counts the rest`, () => {
    const rows = Array.from({ length: TIE_WITH_LIMIT + 3 }, (_, i) => row(`U${String(i).padStart(3, '0')}`, 5, 0, 0));
    const out = rankStandings(table, rows);
    expect(out[0]?.tie?.with).toHaveLength(TIE_WITH_LIMIT);
    expect(out[0]?.tie?.notListed).toBe(2);
    expect(out[0]?.tie?.with[0]).toBe('U001');
    expect(out.at(-1)?.tie?.with.at(-1)).toBe('U099');
    expect(out.at(-1)?.tie?.notListed).toBe(2);
  });
  it(`exactly ${TIE_WITH_LIMIT} + 1 tied: everyone listed, nothing left out`, () => {
    const rows = Array.from({ length: TIE_WITH_LIMIT + 1 }, (_, i) => row(`U${String(i).padStart(3, '0')}`, 5, 0, 0));
    const out = rankStandings(table, rows);
    expect(out[0]?.tie?.with).toHaveLength(TIE_WITH_LIMIT);
    expect(out[0]?.tie).not.toHaveProperty('notListed');
  });
});

describe('compareCodePoints: order that does not depend on the host locale', () => {
  it.each([
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['ab', 'a', 1],
    ['a', 'ab', -1],
    ['Z', 'a', -1],
    ['\u{1F600}', '\uFFFF', 1],
    ['\u{1F600}a', '\u{1F600}b', -1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });
});

describe('rank keys read each criterion by id', () => {
  it('criteria given in another order than the table are found by id', () => {
    const reversed = (unitId: string, total: number, a: number, b: number): RankInput => ({
      unitId,
      total,
      criteria: [
        { criterionId: 'b', points: b },
        { criterionId: 'a', points: a },
      ],
    });
    expect(rankStandings(table, [reversed('U1', 1000, 400, 900), reversed('U2', 1000, 500, 100)]).map((r) => [r.rank, r.unitId, r.tieBrokenBy])).toEqual([
      [1, 'U2', [{ against: 'U1', criterionId: 'a' }]],
      [2, 'U1', [{ against: 'U2', criterionId: 'a' }]],
    ]);
  });
  it('a row without a criterion of the chain is refused, naming it', () => {
    expect(() => rankStandings(table, [{ unitId: 'U1', total: 5, criteria: [{ criterionId: 'a', points: 5 }] }])).toThrow('Đơn vị U1 thiếu điểm tiêu chí b dùng để xếp hạng khi bằng điểm.');
  });
  it('a unit twice is refused, naming it', () => {
    expect(() => rankStandings(table, [row('U1', 5, 0, 0), row('U1', 6, 0, 0)])).toThrow('Đơn vị U1 xuất hiện hai lần trong bảng xếp hạng.');
  });
  it('U+FFFF is one code unit: what follows it is still compared', () => {
    expect(Math.sign(compareCodePoints('\uFFFFa', '\uFFFFb'))).toBe(-1);
  });
});
