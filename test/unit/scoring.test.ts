import { canThoTable, canThoTableAltReading, canThoWorkedReport } from '../../seed/scoring-table-can-tho';
import { DomainError } from '../../shared/domain/errors';
import { formatHundredths, formatVi, hundredthsToNumber, mulDivHalfUp, rateTimesMax, toHundredths, tryToHundredths } from '../../shared/domain/points';
import { SCORING_ENGINE_VERSION, maxTotal, scoreReport, type ScorableReport } from '../../shared/domain/scoring';
import { computeStandings } from '../../shared/domain/standings';
import { ScoringTable, UnitReport, Verification, validateReportValues, validateVerification } from '../../shared/schemas/scoring';

const criterion = (s: ReturnType<typeof scoreReport>, id: string) => {
  const c = s.criteria.find((x) => x.criterionId === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
};

function errorsOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).details ?? [];
  }
  throw new Error('expected a DomainError');
}

/** A small table with every kind, a capped bonus and a capped penalty section. */
const mixed: ScoringTable = ScoringTable.parse({
  version: 'test-v1',
  legalBasis: 'Bảng điểm thử nghiệm',
  sections: [
    {
      id: 'co-ban',
      name: 'Tiêu chí',
      kind: 'base',
      criteria: [
        { id: 'm', name: 'Chấm trực tiếp', max: 10, rule: { kind: 'manual' } },
        { id: 'p', name: 'Tỷ lệ', max: 20, rule: { kind: 'proportional' } },
        { id: 'g', name: 'Có điều kiện', max: 20, evidenceRequired: 'Kế hoạch tuyên truyền', rule: { kind: 'gated', inner: { kind: 'proportional' } } },
      ],
    },
    {
      id: 'cong',
      name: 'Điểm cộng',
      kind: 'bonus',
      cap: 15,
      criteria: [
        { id: 'b1', name: 'Thưởng 1', max: 10, rule: { kind: 'all-or-nothing' } },
        { id: 'b2', name: 'Thưởng 2', max: 10, rule: { kind: 'manual' } },
      ],
    },
    {
      id: 'tru',
      name: 'Điểm trừ',
      kind: 'penalty',
      cap: 5,
      criteria: [
        { id: 'x1', name: 'Nộp báo cáo trễ', max: 3, rule: { kind: 'all-or-nothing' } },
        { id: 'x2', name: 'Vi phạm khác', max: 4, rule: { kind: 'manual' } },
      ],
    },
  ],
  tieBreak: ['p', 'x1'],
});

const report = (values: ScorableReport['values'], evidence: ScorableReport['evidence'] = {}): ScorableReport => ({ unitId: 'U1', values, evidence });

describe('integer hundredths (no binary-float sums of tenths)', () => {
  it.each([
    [0.1, 10],
    [35.2, 3520],
    [97.2, 9720],
    [0.07, 7],
    [100, 10000],
    [1234.5, 123450],
    [0, 0],
  ])('%p points are exactly %p hundredths', (x, h) => {
    expect(toHundredths(x)).toBe(h);
    expect(hundredthsToNumber(h)).toBe(x);
  });

  it.each([0.125, 0.001, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, 1e13])('refuses %p: more than 2 decimals or out of range', (x) => {
    expect(tryToHundredths(x)).toBeUndefined();
    expect(() => toHundredths(x)).toThrow(RangeError);
  });

  it('formats with a decimal point for machines and a decimal comma for Vietnamese documents', () => {
    expect(formatHundredths(9720)).toBe('97.20');
    expect(formatVi(3520)).toBe('35,20');
    expect(formatVi(123450)).toBe('1.234,50');
    expect(formatVi(4000, { trim: true })).toBe('40');
    expect(formatVi(250, { trim: true })).toBe('2,5');
  });

  it('Cần Thơ 157/KH-UBND §3.2: 440/500 × 40 = 35.20 exactly', () => {
    expect(rateTimesMax(440, 500, 4000)).toBe(3520);
  });

  it('rounds half up to the hundredth, from the exact ratio: 1/3 × 20 = 6.67, 2/3 × 20 = 13.33, 1/8 × 1 = 0.13', () => {
    expect(rateTimesMax(1, 3, 2000)).toBe(667);
    expect(rateTimesMax(2, 3, 2000)).toBe(1333);
    expect(rateTimesMax(1, 8, 100)).toBe(13);
    expect(mulDivHalfUp(1, 1, 2)).toBe(1);
    expect(mulDivHalfUp(1, 1, 3)).toBe(0);
  });

  it('stays exact past 2^53 (BigInt path)', () => {
    expect(mulDivHalfUp(2 ** 40, 2 ** 20, 2 ** 10)).toBe(2 ** 50);
    expect(rateTimesMax(999_999_999_999, 1_000_000_000_000, 10_000_000)).toBe(10_000_000);
  });
});

describe('Cần Thơ 157/KH-UBND, appendix "Thang điểm thi đua", Group I (docs/legal-sources.md §3.2)', () => {
  const scored = scoreReport(canThoTable, canThoWorkedReport);

  it('the table parses to itself and its maximum is 100 + 15 = 115', () => {
    expect(ScoringTable.parse(canThoTable)).toEqual(canThoTable);
    expect(ScoringTable.parse(canThoTableAltReading)).toEqual(canThoTableAltReading);
    expect(maxTotal(canThoTable)).toBe(11500);
    expect(scored.maxTotal).toBe(11500);
  });

  it.each([
    ['c1', 1800, 'criterion 1: 45 of 50 sampled confirm, 45 × 0.4 = 45/50 × 20 = 18.0'],
    ['c2', 3520, 'criterion 2: 440/500 = 88% × 40 = 35.2'],
    ['c3', 1800, 'criterion 3: 396/440 = 90% × 20 = 18.0'],
    ['c4', 1800, 'criterion 4: 450/500 = 90% × 20 = 18.0'],
    ['c5_1', 0, 'bonus 5.1: not 100% → 0'],
    ['c5_2', 300, 'bonus 5.2: 90% in [90, 95) → 3'],
    ['c5_3', 500, 'bonus 5.3: 100% updated → 5'],
  ])('%s = %p hundredths (%s)', (id, points) => {
    expect(criterion(scored, id).points).toBe(points);
  });

  it('Cần Thơ 157/KH-UBND §3.2: 440/500 × 40 = 35.20, explained with decimal commas', () => {
    expect(criterion(scored, 'c2').self.explanation).toBe('Tỷ lệ 440/500 = 88,00% × 40 điểm = 35,20 điểm');
    expect(criterion(scored, 'c5_2').self.explanation).toBe('Tỷ lệ 450/500 = 90,00% thuộc khoảng [90; 95) → 3,00 điểm');
  });

  it('Cần Thơ 157/KH-UBND §3.2: the worked example totals 97.20 of 115 with 5.2 read as [90, 95)', () => {
    expect(scored.total).toBe(9720);
    expect(formatHundredths(scored.total)).toBe('97.20');
    expect(scored.explanation).toBe('Tổng điểm = 89,20 (cơ bản) + 8,00 (cộng) = 97,20/115 điểm');
    expect(scored.sections.map((s) => [s.sectionId, s.points])).toEqual([
      ['tieu-chi', 8920],
      ['diem-cong', 800],
    ]);
  });

  it('Cần Thơ 157/KH-UBND §3.2: the other reading of the 90% edge, "(90, 95]", gives 2 for 5.2 and 96.20 in all', () => {
    const alt = scoreReport(canThoTableAltReading, canThoWorkedReport);
    expect(criterion(alt, 'c5_2').points).toBe(200);
    expect(alt.total).toBe(9620);
  });

  it.each([
    [88, 200, 200],
    [89.99, 200, 200],
    [90, 300, 200],
    [90.01, 300, 300],
    [94.99, 300, 300],
    [95, 400, 300],
    [95.01, 400, 400],
    [99.99, 400, 400],
    [100, 500, 500],
    [87.99, 0, 0],
  ])('Cần Thơ 157/KH-UBND bonus 5.2 at %p%%: %p hundredths read as [from, to), %p in the other reading', (rate, halfOpen, other) => {
    const values = { ...canThoWorkedReport.values, c5_2: rate };
    expect(criterion(scoreReport(canThoTable, { ...canThoWorkedReport, values }), 'c5_2').points).toBe(halfOpen);
    expect(criterion(scoreReport(canThoTableAltReading, { ...canThoWorkedReport, values }), 'c5_2').points).toBe(other);
  });

  it('Cần Thơ 157/KH-UBND bonus 5.2: a rate given as a ratio is compared exactly, 4499/5000 = 89,98% and 8999.99/10000 stay below 90%', () => {
    const at = (numerator: number, denominator: number) =>
      criterion(scoreReport(canThoTable, { ...canThoWorkedReport, values: { ...canThoWorkedReport.values, c5_2: { numerator, denominator } } }), 'c5_2');
    expect(at(4499, 5000).points).toBe(200);
    const close = at(8999.99, 10000);
    expect(close.points).toBe(200);
    expect(close.self.explanation).toBe('Tỷ lệ 8.999,99/10.000 = ≈ 90,00% thuộc khoảng [88; 90) → 2,00 điểm');
    expect(at(9000, 10000).points).toBe(300);
    expect(at(5, 5).points).toBe(500);
  });

  it('Cần Thơ 157/KH-UBND criterion 1: without the propaganda plan and its evidence the criterion scores 0, and says why', () => {
    const s = scoreReport(canThoTable, { ...canThoWorkedReport, evidence: {} });
    const c1 = criterion(s, 'c1');
    expect(c1.points).toBe(0);
    expect(c1.self.explanation).toBe('Chưa có minh chứng (Kế hoạch tuyên truyền, nội dung phát thanh, danh sách ký nhận) nên 0,00 điểm');
    expect(s.total).toBe(9720 - 1800);
    expect(criterion(scored, 'c1').self.explanation).toBe('Có minh chứng (3 tài liệu); tỷ lệ 45/50 = 90,00% × 20 điểm = 18,00 điểm');
  });
});

describe('criterion kinds (issue: manual, proportional, gated, steps, all-or-nothing)', () => {
  it('proportional: a rate above 100% is capped at the maximum (docs/legal-sources.md §3.2 "Σ min(max, rate × max)")', () => {
    const p = criterion(scoreReport(mixed, report({ p: { numerator: 550, denominator: 500 } })), 'p');
    expect(p.points).toBe(2000);
    expect(p.self.explanation).toBe('Tỷ lệ 550/500 = 110,00% × 20 điểm = 22,00 điểm, vượt điểm chuẩn nên tính 20,00 điểm');
  });

  it('proportional: a zero denominator gives 0 points and says there was no one to count', () => {
    const p = criterion(scoreReport(mixed, report({ p: { numerator: 0, denominator: 0 } })), 'p');
    expect(p.points).toBe(0);
    expect(p.self.explanation).toMatch(/^Mẫu số bằng 0/);
  });

  it('proportional: 1/3 × 20 = 6.67, with the rounded percentage marked as approximate', () => {
    const p = criterion(scoreReport(mixed, report({ p: { numerator: 1, denominator: 3 } })), 'p');
    expect(p.points).toBe(667);
    expect(p.self.explanation).toBe('Tỷ lệ 1/3 = ≈ 33,33% × 20 điểm = 6,67 điểm');
  });

  it('gated: without evidence 0 whatever the value; with evidence scored as its inner rule', () => {
    const without = criterion(scoreReport(mixed, report({ g: { numerator: 10, denominator: 10 } })), 'g');
    expect(without.points).toBe(0);
    expect(without.self.explanation).toBe('Chưa có minh chứng (Kế hoạch tuyên truyền) nên 0,00 điểm');
    const emptyList = criterion(scoreReport(mixed, report({ g: { numerator: 10, denominator: 10 } }, { g: [] })), 'g');
    expect(emptyList.points).toBe(0);
    const withEvidence = criterion(scoreReport(mixed, report({ g: { numerator: 10, denominator: 10 } }, { g: ['ke-hoach.pdf'] })), 'g');
    expect(withEvidence.points).toBe(2000);
  });

  it('manual: points as given; all-or-nothing: max or 0; a missing value: 0, said so', () => {
    const s = scoreReport(mixed, report({ m: 7.25, b1: true }));
    expect(criterion(s, 'm').points).toBe(725);
    expect(criterion(s, 'm').self.explanation).toBe('Chấm trực tiếp 7,25 điểm (điểm chuẩn 10)');
    expect(criterion(s, 'b1').points).toBe(1000);
    expect(criterion(s, 'b2').points).toBe(0);
    expect(criterion(s, 'b2').self.explanation).toBe('Không có số liệu nên 0,00 điểm');
  });
});

describe('sections, caps and the total (docs/legal-sources.md §3.1.4: bonus and penalty points, often capped)', () => {
  it('a bonus section over its cap counts its cap: 10 + 8 = 18 → 15', () => {
    const s = scoreReport(mixed, report({ m: 10, b1: true, b2: 8 }));
    const bonus = s.sections.find((x) => x.sectionId === 'cong')!;
    expect(bonus).toMatchObject({ raw: 1800, cap: 1500, points: 1500 });
    expect(bonus.explanation).toBe('Mục "Điểm cộng" (điểm cộng): 18,00 điểm, vượt mức tối đa 15 nên tính 15,00 điểm');
    expect(s.total).toBe(1000 + 1500);
  });

  it('a penalty section is capped, then subtracted: 3 + 4 = 7 → 5 deducted', () => {
    const s = scoreReport(mixed, report({ m: 10, p: { numerator: 1, denominator: 1 }, x1: true, x2: 4 }));
    const penalty = s.sections.find((x) => x.sectionId === 'tru')!;
    expect(penalty).toMatchObject({ raw: 700, cap: 500, points: 500 });
    expect(penalty.explanation).toBe('Mục "Điểm trừ" (điểm trừ): 7,00 điểm, vượt mức trừ tối đa 5 nên trừ 5,00 điểm');
    expect(s.total).toBe(3000 - 500);
    expect(s.explanation).toBe('Tổng điểm = 30,00 (cơ bản) + 0,00 (cộng) − 5,00 (trừ) = 25,00/65 điểm');
  });

  it('the total never goes below 0: the scale runs from 0 to its maximum', () => {
    const s = scoreReport(mixed, report({ m: 2, x1: true, x2: 1 }));
    expect(s.total).toBe(0);
    expect(s.explanation).toBe('Tổng điểm = 2,00 (cơ bản) + 0,00 (cộng) − 4,00 (trừ) = -2,00, tổng điểm không thấp hơn 0 nên tính 0,00/65 điểm');
  });

  it('the maximum total is the base maxima plus the bonus cap (penalties lower it, never raise it)', () => {
    expect(maxTotal(mixed)).toBe(5000 + 1500);
    const best = scoreReport(mixed, report({ m: 10, p: { numerator: 9, denominator: 1 }, g: { numerator: 1, denominator: 1 }, b1: true, b2: 10 }, { g: ['x'] }));
    expect(best.total).toBe(6500);
  });
});

describe("the Office's verification (docs/legal-sources.md §3.1.3: the host checks and fixes the official score)", () => {
  const self = report({ m: 9, p: { numerator: 90, denominator: 100 }, g: { numerator: 5, denominator: 5 } }, { g: ['ke-hoach.pdf'] });
  const verification = Verification.parse({
    values: { m: 6.5, p: { numerator: 80, denominator: 100 } },
    evidence: { g: [] },
    reasons: { m: 'Kiểm tra thực tế: 2 nội dung chưa đạt', p: 'Đối chiếu danh sách chi trả: 80 người', g: 'Kế hoạch không có chữ ký', b1: 'Đã kiểm tra, đúng' },
  });
  const s = scoreReport(mixed, self, verification);

  it('verified values replace self values for the criteria they name, and both are shown with the reason', () => {
    expect(criterion(s, 'm')).toEqual({
      criterionId: 'm',
      sectionId: 'co-ban',
      max: 1000,
      self: { points: 900, explanation: 'Chấm trực tiếp 9,00 điểm (điểm chuẩn 10)' },
      verified: { points: 650, explanation: 'Chấm trực tiếp 6,50 điểm (điểm chuẩn 10)', reason: 'Kiểm tra thực tế: 2 nội dung chưa đạt' },
      counted: 'verified',
      points: 650,
    });
    expect(criterion(s, 'p')).toMatchObject({ self: { points: 1800 }, verified: { points: 1600 }, counted: 'verified', points: 1600 });
  });

  it('the Office can close a gate by rejecting the evidence', () => {
    expect(criterion(s, 'g')).toMatchObject({ self: { points: 2000 }, verified: { points: 0 }, counted: 'verified' });
  });

  it('a reason alone confirms the self-assessed value; criteria the Office did not touch count as self-assessed', () => {
    expect(criterion(s, 'b1')).toMatchObject({ self: { points: 0 }, verified: { points: 0, reason: 'Đã kiểm tra, đúng' }, counted: 'verified' });
    expect(criterion(s, 'b2')).toMatchObject({ counted: 'self' });
    expect(criterion(s, 'b2').verified).toBeUndefined();
  });

  it('the total counts the verified points; the self-assessed total is kept beside it', () => {
    expect(s.total).toBe(650 + 1600 + 0);
    expect(s.selfTotal).toBe(900 + 1800 + 2000);
  });

  it('a verified value needs a reason', () => {
    expect(validateVerification(mixed, { values: { m: 5 }, reasons: {} })).toEqual([{ path: 'reasons.m', message: 'Văn phòng phải nêu lý do khi thẩm định "m"' }]);
    expect(Verification.safeParse({ values: { m: 5 }, reasons: {} }).success).toBe(false);
    const details = errorsOf(() => scoreReport(mixed, self, { values: { m: 50 }, reasons: {} }));
    expect(details.map((d) => d.path).sort()).toEqual(['verification.reasons.m', 'verification.values.m']);
  });
});

describe('report values are checked against the table (docs/architecture.md "Standards": bad input is refused, naming the field)', () => {
  it.each([
    ['manual above its maximum', { m: 10.5 }, 'values.m', /không được vượt quá điểm tối đa của tiêu chí \(10\)/],
    ['manual with 3 decimals', { m: 0.125 }, 'values.m', /tiêu chí chấm trực tiếp/],
    ['negative manual points', { m: -1 }, 'values.m', /tiêu chí chấm trực tiếp/],
    ['a number for a proportional criterion', { p: 0.9 }, 'values.p', /numerator, denominator/],
    ['a negative numerator', { p: { numerator: -1, denominator: 5 } }, 'values.p', /numerator, denominator/],
    ['a number for an all-or-nothing criterion', { b1: 1 }, 'values.b1', /true hoặc false/],
    ['a boolean for a gated proportional criterion', { g: true }, 'values.g', /numerator, denominator/],
    ['an unknown criterion', { zz: 1 }, 'values.zz', /không có tiêu chí "zz"/],
  ])('refuses %s', (_, values, path, message) => {
    const errors = validateReportValues(mixed, { values, evidence: {} });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe(path);
    expect(errors[0]!.message).toMatch(message);
    expect(errorsOf(() => scoreReport(mixed, report(values as ScorableReport['values'])))[0]!.path).toBe(path);
  });

  it('allows a numerator above the denominator (rates can pass 100%) and a missing value', () => {
    expect(validateReportValues(mixed, { values: { p: { numerator: 12, denominator: 10 } } })).toEqual([]);
  });

  it('the report schema refuses negative numbers and 3 decimals at the edge, naming the field', () => {
    const r = UnitReport.safeParse({ ...canThoWorkedReport, values: { c2: { numerator: 440.125, denominator: 500 } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['values', 'c2', 'numerator']);
    expect(UnitReport.safeParse({ ...canThoWorkedReport, taskRating: 'XUAT_SAC' }).success).toBe(false);
    expect(UnitReport.parse(canThoWorkedReport)).toEqual(canThoWorkedReport);
  });

  it('evidence for an unknown criterion is refused', () => {
    expect(validateReportValues(mixed, { values: {}, evidence: { zz: ['a.pdf'] } })).toEqual([{ path: 'evidence.zz', message: 'không có tiêu chí "zz" trong bảng điểm' }]);
  });
});

describe('the scoring table schema', () => {
  const base = (sections: unknown, tieBreak: string[] = []) => ({ version: 'v1', legalBasis: 'Căn cứ', sections, tieBreak });
  const issues = (input: unknown) => {
    const r = ScoringTable.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };
  const stepsTable = (steps: unknown[]) => base([{ id: 's', name: 'S', kind: 'bonus', criteria: [{ id: 'a', name: 'A', max: 5, rule: { kind: 'steps', steps } }] }]);

  it('Cần Thơ 157/KH-UBND bonus 5.2: refuses the printed bands read as closed (88–90 taking in 90 overlaps 90–95), accepts them half-open', () => {
    const closed = [
      { from: 88, to: 90.01, points: 2 },
      { from: 90, to: 95, points: 3 },
    ];
    expect(issues(stepsTable(closed))).toEqual([
      { path: 'sections.0.criteria.0.rule.steps.1', message: 'chồng lấn bậc 0 [88, 90.01): các bậc là nửa khoảng [from, to) và không được chồng lấn, [90, 95) bị chồng lấn' },
    ]);
    expect(
      issues(
        stepsTable([
          { from: 88, to: 90, points: 2 },
          { from: 90, to: 95, points: 3 },
        ]),
      ),
    ).toEqual([]);
    expect(issues(stepsTable([{ from: 89, to: 91, points: 4 }, ...closed.slice(1), { from: 88, to: 89, points: 2 }])).map((i) => i.path)).toEqual(['sections.0.criteria.0.rule.steps.1']);
  });

  it('refuses an open-ended step that is not the last, a step whose to is not above its from, and step points above the maximum', () => {
    expect(
      issues(
        stepsTable([
          { from: 0, points: 1 },
          { from: 10, to: 20, points: 2 },
        ]),
      ).map((i) => i.path),
    ).toEqual(['sections.0.criteria.0.rule.steps.1']);
    expect(issues(stepsTable([{ from: 5, to: 5, points: 1 }])).map((i) => i.path)).toEqual(['sections.0.criteria.0.rule.steps.0.to']);
    expect(issues(stepsTable([{ from: 0, points: 6 }])).map((i) => i.path)).toEqual(['sections.0.criteria.0.rule.steps.0.points']);
  });

  it('refuses tie-break ids that are not criteria of the table, and a repeated one', () => {
    expect(issues({ ...canThoTable, tieBreak: ['c2', 'c9'] })).toEqual([{ path: 'tieBreak.1', message: 'không có tiêu chí "c9" trong bảng điểm' }]);
    expect(issues({ ...canThoTable, tieBreak: ['c2', 'c2'] }).map((i) => i.path)).toEqual(['tieBreak.1']);
  });

  it.each([
    ['a maximum with 3 decimals', 0.125, 'sections.0.criteria.0.max'],
    ['a zero maximum', 0, 'sections.0.criteria.0.max'],
    ['a negative maximum', -5, 'sections.0.criteria.0.max'],
  ])('refuses %s', (_, max, path) => {
    const input = base([{ id: 's', name: 'S', kind: 'base', criteria: [{ id: 'a', name: 'A', max, rule: { kind: 'manual' } }] }]);
    expect(issues(input).map((i) => i.path)).toEqual([path]);
  });

  it('refuses a cap with 3 decimals or below 0, a cap on a base section, a repeated criterion id, and a gated criterion that does not name its evidence', () => {
    const crit = (id: string, extra = {}) => ({ id, name: id, max: 1, rule: { kind: 'manual' }, ...extra });
    expect(issues(base([{ id: 's', name: 'S', kind: 'bonus', cap: 1.005, criteria: [crit('a')] }])).map((i) => i.path)).toEqual(['sections.0.cap']);
    expect(issues(base([{ id: 's', name: 'S', kind: 'penalty', cap: -1, criteria: [crit('a')] }])).map((i) => i.path)).toEqual(['sections.0.cap']);
    expect(issues(base([{ id: 's', name: 'S', kind: 'base', cap: 5, criteria: [crit('a')] }])).map((i) => i.path)).toEqual(['sections.0.cap']);
    expect(issues(base([{ id: 's', name: 'S', kind: 'base', criteria: [crit('a'), crit('a')] }])).map((i) => i.path)).toEqual(['sections.0.criteria.1.id']);
    expect(issues(base([{ id: 's', name: 'S', kind: 'base', criteria: [crit('a', { rule: { kind: 'gated', inner: { kind: 'manual' } } })] }])).map((i) => i.path)).toEqual([
      'sections.0.criteria.0.evidenceRequired',
    ]);
  });

  it('the scoring core refuses an invalid table rather than guessing', () => {
    const bad = { ...canThoTable, tieBreak: ['c9'] } as ScoringTable;
    expect(errorsOf(() => scoreReport(bad, canThoWorkedReport))).toEqual([{ path: 'tieBreak.0', message: 'không có tiêu chí "c9" trong bảng điểm' }]);
  });
});

describe('standings of the worked example (issue: same inputs, same output, byte for byte)', () => {
  it('carry the rule version and a sha256 of the inputs, and are byte-identical when recomputed', () => {
    const a = computeStandings(canThoTable, [canThoWorkedReport], {}, { period: 'final' });
    const b = computeStandings(structuredClone(canThoTable), [structuredClone(canThoWorkedReport)], {}, { period: 'final' });
    expect(a.ruleVersion).toBe(`can-tho-157-2025-nhom-I-v1+${SCORING_ENGINE_VERSION}`);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.rows[0]).toMatchObject({ rank: 1, unitId: 'XA-VI-DU', taskRating: 'HTTNV', total: 9720 });
  });

  it('the hash changes with the table reading, a value or a verification, not with the narrative summary', () => {
    const h = (t: ScoringTable, r: UnitReport, v = {}) => computeStandings(t, [r], v, { period: 'final' }).inputHash;
    const h0 = h(canThoTable, canThoWorkedReport);
    expect(h(canThoTableAltReading, canThoWorkedReport)).not.toBe(h0);
    expect(h(canThoTable, { ...canThoWorkedReport, values: { ...canThoWorkedReport.values, c5_1: true } })).not.toBe(h0);
    expect(h(canThoTable, canThoWorkedReport, { 'XA-VI-DU': { reasons: { c2: 'Đúng' } } })).not.toBe(h0);
    expect(h(canThoTable, { ...canThoWorkedReport, summary: 'Văn bản khác' })).toBe(h0);
  });
});
