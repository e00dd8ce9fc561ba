import { type Cell, type ComputedForm, computeForm, STATISTICS_FORM_IDS, StatisticsInputError, statisticsForms } from '#shared/statistics/index';
import { input } from './fixtures';

/** The form's data rows as { rowKey: cells in column order }. */
const table = (f: ComputedForm): Record<string, Cell[]> => Object.fromEntries(f.rows.filter((r) => r.key).map((r) => [r.key as string, r.cells]));

const _ = null; // a cell the Office fills

describe('statisticsForms', () => {
  it('lists the five forms of TT 02/2023 in order, with their names and what the system fills', () => {
    expect(statisticsForms.map((f) => [f.id, f.symbol, f.fillable])).toEqual([
      ['0601.N', '0601.N/BNV-TĐKT', 'partly'],
      ['0602.N', '0602.N/BNV-TĐKT', 'none'],
      ['0603.N', '0603.N/BNV-TĐKT', 'partly'],
      ['0604.N', '0604.N/BNV-TĐKT', 'none'],
      ['0605.N', '0605.N/BNV-TĐKT', 'none'],
    ]);
    expect(statisticsForms[0]?.name).toBe('Số phong trào thi đua');
  });
});

describe('0601.N Số phong trào thi đua', () => {
  it('the province rolled up, 2025: campaigns launched 01/12/2024 – 30/11/2025 by the province (col 3) and its departments (col 4)', () => {
    // In: c1 (province, regular), c7 (province, thematic, 9 months, launched 05/12/2024), c2 (department, no kind →
    // regular), c3 (department, thematic, 18 months), c4 (department, thematic, 5 months).
    // Out: c5 draft, c6 and c12 of 2024, c8 launched after the cut-off, c9 another province, c10 issued on 01/12/2025
    // Vietnam time.
    const f = computeForm('0601.N', input());
    //                                  1   2  3  4
    expect(table(f)).toEqual({
      total: [5, _, 2, 3],
      scopeNational: [_, _, _, _],
      scopeMinistryOrLocal: [2, _, 2, 0],
      scopeCluster: [_, _, _, _],
      scopeUnit: [3, _, 0, 3],
      under1: [2, _, 1, 1], // c7, c4
      year1: [2, _, 1, 1], // c1, c2
      from1to3: [1, _, 0, 1], // c3
      from3to5: [0, _, 0, 0],
      from5: [0, _, 0, 0],
      thematic: [3, _, 1, 2], // c7, c3, c4
      regular: [2, _, 1, 1], // c1, c2
    });
    expect(f.detail.campaigns.map((c) => c.launchDate)).toEqual(['2024-12-05', '2025-01-15', '2025-02-10', '2025-03-01', '2025-05-01']);
    expect(f.notes).toContain('1 phong trào chưa ghi hình thức tổ chức thi đua, được tính là thi đua thường xuyên hằng năm.');
    expect(f.scope.agencyIds).toEqual(['ls', 'sngv', 'snv']);
    expect(f.period).toEqual({ from: '2024-12-01', to: '2025-11-30' });
    expect(f.receivingUnit).toBe('Bộ Nội vụ');
  });

  it('one department alone: only its own launched campaigns, reported to its parent agency', () => {
    // sngv: c2 and c4; c5 is a draft and c10 falls on 01/12/2025 in Vietnam.
    const f = computeForm('0601.N', input({ agencyId: 'sngv', rollUp: false }));
    expect(table(f).total).toEqual([2, _, 0, 2]);
    expect(table(f).thematic).toEqual([1, _, 0, 1]);
    expect(f.receivingUnit).toBe('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(f.reportingUnit).toBe('Sở Ngoại vụ tỉnh Lạng Sơn');
  });

  it('the province without roll-up counts only the campaigns it launched itself', () => {
    expect(table(computeForm('0601.N', input({ rollUp: false }))).total).toEqual([2, _, 2, 0]);
  });

  it('the year matters: 2024 has c12 (province) and c6 (department)', () => {
    expect(table(computeForm('0601.N', input({ year: 2024 }))).total).toEqual([2, _, 1, 1]);
  });

  it('by assessment year instead of launch date: c8 (assessment year 2025, launched after the cut-off) joins', () => {
    expect(table(computeForm('0601.N', input({ basis: 'assessment-year' }))).total).toEqual([6, _, 3, 3]);
  });
});

describe('0602.N Số lượng khen thưởng cấp Nhà nước', () => {
  it('the system holds no state-level awards: every cell is left to the Office', () => {
    const f = computeForm('0602.N', input());
    const rows = table(f);
    expect(Object.keys(rows)).toHaveLength(19);
    expect(f.columns).toHaveLength(21);
    for (const cells of Object.values(rows)) expect(cells).toEqual(Array.from({ length: 21 }, () => null));
    expect(f.rows.map((r) => r.code).filter(Boolean)).toEqual(['01', '02', '03', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21']);
  });
});

describe('0603.N Số lượng khen thưởng cấp bộ, ngành, tỉnh', () => {
  it('the province rolled up, 2025: awards the province decided, by the date of the decision', () => {
    // Counted (awarded, in scope, dated 01/12/2024 – 30/11/2025, a title with a column):
    //   Bằng khen: R1 (individual, c1), R2 (collective, c1), R13 (individual, 2024 campaign decided 20/12/2024)
    //   CSTĐ tỉnh: R3 (individual, c1, decided on 30/11/2025), R5 (individual, c7 thematic)
    //   Cờ thi đua: R4 (collective, c7 thematic)
    // Not counted: R7, R8 proposed; R9, R10, R11, R16 titles without a column; R12 proposed TTLĐXS; R14 decided
    // 12/12/2025; R15 another province.
    const f = computeForm('0603.N', input());
    //                               1  BK CSTĐ Cờ HH
    expect(table(f)).toEqual({
      total: [6, 3, 2, 1, _],
      collective: [2, 1, 0, 1, _],
      enterprise: [_, _, _, _, _],
      household: [_, _, _, _, _],
      individual: [4, 2, 2, 0, _],
      leaderMinistry: [_, _, _, _, _],
      leaderDepartment: [_, _, _, _, _],
      entrepreneur: [_, _, _, _, _],
      leaderOther: [_, _, _, _, _],
      worker: [_, _, _, _, _],
      regular: [4, 3, 1, 0, _], // R1, R2, R13, R3
      thematic: [2, 0, 1, 1, _], // R5, R4
      sudden: [_, _, _, _, _],
      foreign: [_, _, _, _, _],
      dedication: [_, _, _, _, _],
      seniority: [_, _, _, _, _],
      resistance: [_, _, _, _, _],
    });
    expect(f.notes.some((n) => n.startsWith('2 trường hợp đã đề nghị lên cấp trên'))).toBe(true);
  });

  it('the system sheet counts every title, awarded and proposed, with women and unknown genders', () => {
    const f = computeForm('0603.N', input());
    const c = (collective: number, individual: number, women: number, genderUnknown: number) => ({ collective, individual, women, genderUnknown });
    const none = c(0, 0, 0, 0);
    expect(f.detail.awards.map((a) => [a.title, a.awarded, a.proposed])).toEqual([
      ['LDTT', c(0, 1, 1, 0), none], // R10
      ['CSTDCS', c(0, 1, 0, 0), none], // R9
      ['CSTD_TINH', c(0, 2, 1, 0), none], // R3 male, R5 female
      ['TTLDTT', c(1, 0, 0, 0), none], // R11
      ['TTLDXS', none, c(1, 0, 0, 0)], // R12
      ['GIAY_KHEN', c(0, 1, 0, 1), none], // R16
      ['BANG_KHEN_TINH', c(1, 2, 2, 0), c(0, 1, 1, 0)], // R2; R1, R13 female; proposed R7 female
      ['CO_THI_DUA_TINH', c(1, 0, 0, 0), c(1, 0, 0, 0)], // R4; proposed R8
    ]);
  });

  it('a department alone decides none of these: zeros, and its two proposals in the notes', () => {
    const f = computeForm('0603.N', input({ agencyId: 'sngv', rollUp: false }));
    expect(table(f).total).toEqual([0, 0, 0, 0, _]);
    expect(f.notes.some((n) => n.startsWith('2 trường hợp đã đề nghị lên cấp trên'))).toBe(true);
  });

  it('by assessment year: R13 (2024) leaves, R14 (2025, decided 12/12/2025) joins', () => {
    expect(table(computeForm('0603.N', input({ basis: 'assessment-year' }))).total).toEqual([6, 2, 3, 1, _]);
  });

  it('the 2026 report holds R14, decided on 12/12/2025', () => {
    expect(table(computeForm('0603.N', input({ year: 2026 }))).total).toEqual([1, 0, 1, 0, _]);
  });
});

describe('0604.N and 0605.N: the Office fills them', () => {
  it('0604.N: five rows, one column, all left to the Office', () => {
    const rows = table(computeForm('0604.N', input()));
    expect(rows).toEqual({ total: [_], ministryDepartment: [_], ministryDivision: [_], provinceBoard: [_], provinceDivision: [_] });
  });

  it('0605.N: fifteen rows (total, age, training, tenure) by total and women, all left to the Office', () => {
    const f = computeForm('0605.N', input());
    const rows = table(f);
    expect(Object.keys(rows)).toHaveLength(15);
    for (const cells of Object.values(rows)) expect(cells).toEqual([_, _]);
    expect(f.columns.map((c) => c.key)).toEqual(['total', 'women']);
  });
});

describe('input checks', () => {
  it('an unknown agency is refused, in Vietnamese', () => {
    expect(() => computeForm('0601.N', input({ agencyId: 'nowhere' }))).toThrow(new StatisticsInputError('không có cơ quan nowhere'));
  });

  it('a cycle in the parent chain does not hang the roll-up', () => {
    const agencies = [
      { id: 'a', name: 'A', level: 'province' as const, parentAgencyId: 'b' },
      { id: 'b', name: 'B', level: 'department' as const, parentAgencyId: 'a' },
      { id: 'c', name: 'C', level: 'department' as const, parentAgencyId: 'c' },
    ];
    expect(computeForm('0601.N', input({ agencyId: 'a', agencies, campaigns: [], records: [] })).scope.agencyIds).toEqual(['a', 'b']);
  });

  it('every form id computes', () => {
    for (const id of STATISTICS_FORM_IDS) expect(computeForm(id, input()).form).toBe(id);
  });
});
