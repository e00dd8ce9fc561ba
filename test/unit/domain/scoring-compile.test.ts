import { compileTable, maxTotal, scoreReport } from '../../../shared/domain/scoring';
import { ScoringTable } from '../../../shared/schemas/scoring';

/**
 * The compiled table (sections, caps, maximum) and the section and criterion explanations, each test on a table
 * object of its own: the compiled form is cached per table object, so a shared table would be compiled by whichever
 * test ran first. Domain-rules §3.1.4 (bonus and penalty points, often capped), §3.2 (Cần Thơ: 100 + 15 = 115).
 */

const fresh = (over: { bonusCap?: number; penaltyCap?: number; withBonus?: boolean; withPenalty?: boolean } = {}) =>
  ScoringTable.parse({
    version: 'v1',
    legalBasis: 'Bảng điểm thử nghiệm',
    sections: [
      {
        id: 'co-ban',
        name: 'Tiêu chí',
        kind: 'base',
        criteria: [
          { id: 'm', name: 'Chấm trực tiếp', max: 10, rule: { kind: 'manual' } },
          { id: 'p', name: 'Tỷ lệ', max: 20, rule: { kind: 'proportional' } },
          { id: 'g', name: 'Có điều kiện', max: 20, evidenceRequired: 'Kế hoạch tuyên truyền', rule: { kind: 'gated', inner: { kind: 'all-or-nothing' } } },
        ],
      },
      ...(over.withBonus === false
        ? []
        : [
            {
              id: 'cong',
              name: 'Điểm cộng',
              kind: 'bonus',
              ...(over.bonusCap === undefined ? {} : { cap: over.bonusCap }),
              criteria: [
                { id: 'b', name: 'Thưởng', max: 10, rule: { kind: 'manual' } },
                { id: 'b2', name: 'Thưởng 2', max: 8, rule: { kind: 'manual' } },
              ],
            },
          ]),
      ...(over.withPenalty === false
        ? []
        : [
            {
              id: 'tru',
              name: 'Điểm trừ',
              kind: 'penalty',
              ...(over.penaltyCap === undefined ? {} : { cap: over.penaltyCap }),
              criteria: [{ id: 'x', name: 'Trễ hạn', max: 4, rule: { kind: 'manual' } }],
            },
          ]),
    ],
    tieBreak: [],
  });

describe('compileTable', () => {
  it('the maximum: base maxima plus each bonus cap; a penalty never raises it', () => {
    expect(maxTotal(fresh({ bonusCap: 15 }))).toBe(5000 + 1500);
    expect(maxTotal(fresh())).toBe(5000 + 1800);
    expect(maxTotal(fresh({ bonusCap: 30 }))).toBe(5000 + 1800);
    expect(maxTotal(fresh({ withBonus: false }))).toBe(5000);
  });
  it('sections: indexes, maxima and caps (a cap above the maxima changes nothing; the base has none)', () => {
    const t = compileTable(fresh({ bonusCap: 15, penaltyCap: 3 }));
    expect(t.sections.map((s) => [s.id, s.kind, s.max, s.cap, s.criteria])).toEqual([
      ['co-ban', 'base', 5000, 5000, [0, 1, 2]],
      ['cong', 'bonus', 1800, 1500, [3, 4]],
      ['tru', 'penalty', 400, 300, [5]],
    ]);
    expect(t.criteria.map((c) => [c.id, c.index, c.sectionIndex, c.gated, c.inner.kind])).toEqual([
      ['m', 0, 0, false, 'manual'],
      ['p', 1, 0, false, 'proportional'],
      ['g', 2, 0, true, 'all-or-nothing'],
      ['b', 3, 1, false, 'manual'],
      ['b2', 4, 1, false, 'manual'],
      ['x', 5, 2, false, 'manual'],
    ]);
    expect([t.hasBonus, t.hasPenalty]).toEqual([true, true]);
    expect(compileTable(fresh({ withBonus: false, withPenalty: false }))).toMatchObject({ hasBonus: false, hasPenalty: false });
    expect(compileTable(fresh({ withBonus: false }))).toMatchObject({ hasBonus: false, hasPenalty: true });
    expect(compileTable(fresh({ withPenalty: false }))).toMatchObject({ hasBonus: true, hasPenalty: false });
  });
  it('an invalid table is refused as such', () => {
    expect(() => compileTable({ ...fresh(), tieBreak: ['nope'] })).toThrow('Bảng điểm không hợp lệ.');
    expect(() => compileTable({ ...fresh(), tieBreak: ['nope'] })).toThrow(expect.objectContaining({ code: 'invalid', details: [expect.objectContaining({ path: 'tieBreak.0' })] }));
  });
});

describe('explanations', () => {
  it('a section within its cap, at its cap, and the total with bonus and penalty', () => {
    const s = scoreReport(fresh({ bonusCap: 15, penaltyCap: 3 }), { unitId: 'U', values: { m: 10, b: 10, b2: 5, x: 3 } });
    expect(s.sections.map((x) => x.explanation)).toEqual([
      'Mục "Tiêu chí" (điểm cơ bản): 10,00 điểm (tối đa 50)',
      'Mục "Điểm cộng" (điểm cộng): 15,00 điểm (tối đa 15)',
      'Mục "Điểm trừ" (điểm trừ): 3,00 điểm (tối đa 3)',
    ]);
    expect(s.explanation).toBe('Tổng điểm = 10,00 (cơ bản) + 15,00 (cộng) − 3,00 (trừ) = 22,00/65 điểm');
  });
  it('a total of exactly 0 is not said to be floored', () => {
    const s = scoreReport(fresh({ withBonus: false }), { unitId: 'U', values: { m: 2, x: 2 } });
    expect(s.explanation).toBe('Tổng điểm = 2,00 (cơ bản) − 2,00 (trừ) = 0,00/50 điểm');
  });
  it('all-or-nothing, met and not; gated with its evidence, the inner explanation lower-cased', () => {
    const t = fresh();
    const yes = scoreReport(t, { unitId: 'U', values: { g: true }, evidence: { g: ['kh.pdf', 'bb.pdf'] } }).criteria[2]!;
    expect(yes).toMatchObject({ points: 2000 });
    expect(yes.self.explanation).toBe('Có minh chứng (2 tài liệu); đạt yêu cầu → 20,00 điểm');
    const no = scoreReport(t, { unitId: 'U', values: { g: false }, evidence: { g: ['kh.pdf'] } }).criteria[2]!;
    expect(no.self.explanation).toBe('Có minh chứng (1 tài liệu); không đạt yêu cầu → 0,00 điểm');
  });
  it('a rate of exactly 100% scores the maximum without saying it was capped', () => {
    const c = scoreReport(fresh(), { unitId: 'U', values: { p: { numerator: 5, denominator: 5 } } }).criteria[1]!;
    expect(c.points).toBe(2000);
    expect(c.self.explanation).toBe('Tỷ lệ 5/5 = 100,00% × 20 điểm = 20,00 điểm');
  });
  it("the unit's task rating is carried when given, left out when not", () => {
    expect(scoreReport(fresh(), { unitId: 'U', taskRating: 'HTTNV', values: {} })).toMatchObject({ unitId: 'U', taskRating: 'HTTNV' });
    expect(scoreReport(fresh(), { unitId: 'U', values: {} })).not.toHaveProperty('taskRating');
  });
  it('a criterion the Office did not touch counts as self-assessed; one it verified shows both', () => {
    const s = scoreReport(fresh(), { unitId: 'U', values: { m: 8, b: 2 } }, { values: { m: 6 }, reasons: { m: 'Đối chiếu hồ sơ' } });
    expect(s.criteria[0]).toMatchObject({ counted: 'verified', points: 600, verified: { points: 600, reason: 'Đối chiếu hồ sơ' }, self: { points: 800 } });
    expect(s.criteria[3]).toMatchObject({ counted: 'self', points: 200 });
    expect(s.criteria[3]).not.toHaveProperty('verified');
  });
  it('values that do not fit the table are refused for the unit, naming it', () => {
    expect(() => scoreReport(fresh(), { unitId: 'U9', values: { nope: 1 } })).toThrow('Số liệu của đơn vị U9 không khớp bảng điểm.');
    expect(() => scoreReport(fresh(), { unitId: 'U9', values: { nope: 1 } })).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
