import { canThoTable, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { DomainError } from '../../shared/domain/errors';
import { TIE_NOTE, TIE_WITH_LIMIT, compareCodePoints, rankStandings, type RankInput } from '../../shared/domain/ranking';
import { computeStandings } from '../../shared/domain/standings';
import { ScoringTable, type UnitReport } from '../../shared/schemas/scoring';

/** A commune of the worked example (§3.2) with some values changed. */
const commune = (unitId: string, values: Partial<UnitReport['values']> = {}): UnitReport => ({
  ...canThoWorkedReport,
  unitId,
  values: { ...canThoWorkedReport.values, ...values } as UnitReport['values'],
});

const final = (reports: UnitReport[], verifications = {}) => computeStandings(canThoTable, reports, verifications, { period: 'final' });
const view = (s: ReturnType<typeof final>) => s.rows.map((r) => [r.rank, r.unitId, r.total]);

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('ranking by total (docs/legal-sources.md §3.1.5: rank by total, descending)', () => {
  it('orders communes by total, highest first', () => {
    const s = final([commune('XA-A', { c5_3: false }), commune('XA-B'), commune('XA-C', { c5_1: true })]);
    expect(view(s)).toEqual([
      [1, 'XA-C', 10220],
      [2, 'XA-B', 9720],
      [3, 'XA-A', 9220],
    ]);
    expect(s.rows.every((r) => r.tie === undefined && r.tieBrokenBy === undefined)).toBe(true);
  });
});

describe('tie-break chain (Cần Thơ 157/KH-UBND §3.2: equal totals ranked by new accounts and ATM cards, then transfers, then database updates, then a vote)', () => {
  it('breaks a tie at the chain’s 2nd criterion: equal on total and c2, higher c3 ranks first', () => {
    // XA-B: 44/50 on criterion 1 (17.6) but 92% ATM cards (18.4); XA-A as the worked example. Both 97.2, both 35.2 on c2.
    const a = commune('XA-A');
    const b = commune('XA-B', { c1: { numerator: 44, denominator: 50 }, c3: { numerator: 92, denominator: 100 } });
    const s = final([a, b]);
    expect(view(s)).toEqual([
      [1, 'XA-B', 9720],
      [2, 'XA-A', 9720],
    ]);
    expect(s.rows[0]!.tieBrokenBy).toEqual([{ against: 'XA-A', criterionId: 'c3' }]);
    expect(s.rows[1]!.tieBrokenBy).toEqual([{ against: 'XA-B', criterionId: 'c3' }]);
    expect(s.rows.every((r) => r.tie === undefined)).toBe(true);
  });

  it('breaks a tie at the chain’s 1st criterion when c2 differs', () => {
    // XA-B: fewer new accounts (86%: 34.4) but more confirmations (49/50: 19.6) → 97.2 as well, lower on c2.
    const b = commune('XA-B', { c1: { numerator: 47, denominator: 50 }, c2: { numerator: 430, denominator: 500 } });
    const s = final([b, commune('XA-A')]);
    expect(view(s)).toEqual([
      [1, 'XA-A', 9720],
      [2, 'XA-B', 9720],
    ]);
    expect(s.rows[0]!.tieBrokenBy).toEqual([{ against: 'XA-B', criterionId: 'c2' }]);
  });

  it('a tie the chain cannot break: same rank, both marked "tie: needs council vote", and the next rank skips (1, 1, 3)', () => {
    const s = final([commune('XA-C', { c5_3: false }), commune('XA-B'), commune('XA-A')]);
    expect(view(s)).toEqual([
      [1, 'XA-A', 9720],
      [1, 'XA-B', 9720],
      [3, 'XA-C', 9220],
    ]);
    expect(s.rows[0]!.tie).toEqual({
      with: ['XA-B'],
      note: TIE_NOTE,
      explanation: 'Bằng tổng điểm và các tiêu chí ưu tiên (c2, c3, c4, c5_3) với 1 đơn vị khác: Hội đồng thi đua - khen thưởng bỏ phiếu quyết định thứ hạng',
    });
    expect(s.rows[1]!.tie).toMatchObject({ with: ['XA-A'], note: 'tie: needs council vote' });
    expect(s.rows[2]!.tie).toBeUndefined();
  });

  it('equal on the chain but different elsewhere is still a tie: the chain is all there is before the vote', () => {
    // Same total, same c2, c3, c4, c5_3; the points differ on c1 and c5_2 only (c1 +1, c5_2 −1).
    const b = commune('XA-B', { c1: { numerator: 19, denominator: 20 }, c5_2: 89 });
    const s = final([commune('XA-A'), b]);
    expect(s.rows.map((r) => [r.rank, r.total, r.tie?.note])).toEqual([
      [1, 9720, TIE_NOTE],
      [1, 9720, TIE_NOTE],
    ]);
  });

  it('standard competition ranking: 1, 2, 2, 4', () => {
    const s = final([commune('XA-D', { c5_3: false }), commune('XA-C'), commune('XA-B'), commune('XA-A', { c5_1: true })]);
    expect(s.rows.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(s.rows.map((r) => r.unitId)).toEqual(['XA-A', 'XA-B', 'XA-C', 'XA-D']);
  });

  it('ties are decided on the verified points, not the self-assessed ones', () => {
    const v = { 'XA-B': { values: { c3: { numerator: 90, denominator: 100 }, c1: { numerator: 45, denominator: 50 } }, reasons: { c3: 'Đối chiếu: 90%', c1: 'Đúng' } } };
    const b = commune('XA-B', { c1: { numerator: 44, denominator: 50 }, c3: { numerator: 92, denominator: 100 } });
    const s = final([commune('XA-A'), b], v);
    expect(s.rows.map((r) => [r.rank, r.unitId, r.total, r.selfTotal, r.tie?.note])).toEqual([
      [1, 'XA-A', 9720, 9720, TIE_NOTE],
      [1, 'XA-B', 9720, 9720, TIE_NOTE],
    ]);
  });
});

describe('rankStandings on its own', () => {
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
      { id: 't', name: 'T', kind: 'penalty', criteria: [{ id: 'late', name: 'Nộp trễ', max: 2, rule: { kind: 'manual' } }] },
    ],
    tieBreak: ['late', 'a'],
  });
  const row = (unitId: string, total: number, a: number, b: number, late: number): RankInput => ({
    unitId,
    total,
    criteria: [
      { criterionId: 'a', points: a },
      { criterionId: 'b', points: b },
      { criterionId: 'late', points: late },
    ],
  });

  it('a penalty criterion in the chain ranks the unit with fewer points deducted first (docs/legal-sources.md §3.1.4)', () => {
    const out = rankStandings(table, [row('U1', 1000, 500, 500, 100), row('U2', 1000, 400, 600, 0)]);
    expect(out.map((r) => [r.rank, r.unitId, r.tieBrokenBy])).toEqual([
      [1, 'U2', [{ against: 'U1', criterionId: 'late' }]],
      [2, 'U1', [{ against: 'U2', criterionId: 'late' }]],
    ]);
  });

  it('keeps the rows’ own fields and puts the rank first', () => {
    const out = rankStandings(table, [{ ...row('U1', 5, 5, 0, 0), unitName: 'Phòng Hành chính' }]);
    expect(Object.keys(out[0]!)).toEqual(['rank', 'unitId', 'total', 'criteria', 'unitName']);
  });

  it('orders tied units by unitId in code point order, independent of input order and locale', () => {
    const ids = ['Đ1', 'D2', 'a', 'B', '𝔸'];
    const out = rankStandings(
      table,
      ids.map((u) => row(u, 0, 0, 0, 0)),
    );
    expect(out.map((r) => r.unitId)).toEqual(['B', 'D2', 'a', 'Đ1', '𝔸']);
    expect(compareCodePoints('\uffff', '𝔸')).toBeLessThan(0); // UTF-16 order would say otherwise
  });

  it(`lists at most ${TIE_WITH_LIMIT} tied units per row and counts the rest (a degenerate table stays linear)`, () => {
    const out = rankStandings(
      table,
      Array.from({ length: 150 }, (_, i) => row(`U${String(i).padStart(3, '0')}`, 0, 0, 0, 0)),
    );
    expect(out.every((r) => r.rank === 1)).toBe(true);
    expect(out[0]!.tie!.with).toHaveLength(TIE_WITH_LIMIT);
    expect(out[0]!.tie!.notListed).toBe(49);
    expect(out[149]!.tie!.with[0]).toBe('U000');
  });

  it('refuses a unit listed twice, and a row missing a chain criterion', () => {
    expect(errorOf(() => rankStandings(table, [row('U1', 1, 1, 0, 0), row('U1', 2, 2, 0, 0)])).code).toBe('invalid');
    expect(errorOf(() => rankStandings(table, [{ unitId: 'U1', total: 1, criteria: [] }])).message).toMatch(/late/);
  });
});

describe('computeStandings refuses inputs it cannot rank honestly', () => {
  it('a report of another period, a unit reported twice, a verification of a unit without a report or without a reason, a value that does not fit', () => {
    const e = errorOf(() =>
      computeStandings(
        canThoTable,
        [commune('XA-A'), commune('XA-A'), { ...commune('XA-B'), period: 'mid-year' }, commune('XA-C', { c5_1: 3 as unknown as boolean })],
        { 'XA-Z': { reasons: { c2: 'x' } }, 'XA-C': { values: { c2: { numerator: 1, denominator: 2 } }, reasons: {} } },
        { period: 'final' },
      ),
    );
    expect(e.details!.map((d) => d.path)).toEqual(['reports.XA-A.unitId', 'reports.XA-B.period', 'reports.XA-C.values.c5_1', 'verifications.XA-C.reasons.c2', 'verifications.XA-Z']);
  });

  it('a rule version other than the table’s and the engine’s is a conflict', () => {
    const e = errorOf(() => computeStandings(canThoTable, [], {}, { period: 'final', ruleVersion: 'can-tho-157-2025-nhom-I-v1+scoring-engine/0' }));
    expect(e.code).toBe('conflict');
  });

  it('no reports: empty standings, still hashed', () => {
    const s = computeStandings(canThoTable, [], {}, { period: 'mid-year' });
    expect(s.rows).toEqual([]);
    expect(s.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('unit names appear in the rows and in the hashed inputs', () => {
    const s = computeStandings(canThoTable, [commune('XA-A')], {}, { period: 'final', unitNames: { 'XA-A': 'Xã A' } });
    expect(Object.keys(s.rows[0]!).slice(0, 4)).toEqual(['rank', 'unitId', 'unitName', 'taskRating']);
    expect(s.inputHash).not.toBe(computeStandings(canThoTable, [commune('XA-A')], {}, { period: 'final' }).inputHash);
  });
});
