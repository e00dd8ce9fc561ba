import type { IndividualNominee, Initiative } from '../../../shared/schemas/nomination';
import { completeMonths, dayAfter, yearOf } from '../../../shared/domain/calendar';
import { resolveOptions, ruleSetFor, ruleSets } from '../../../shared/domain/rules';
import { chainLength } from '../../../shared/domain/rules/chain';
import { ldttShareRule } from '../../../shared/domain/rules/collectives';
import { bangKhenCollectiveRecordRule, bangKhenIndividualRecordRule } from '../../../shared/domain/rules/commendations';
import { cstdTinhChainRule, cstdTinhInitiativeRule } from '../../../shared/domain/rules/cstd';
import { type Env, cmp, makeEnv } from '../../../shared/domain/rules/context';
import { countsFrom, disciplineRule } from '../../../shared/domain/rules/discipline';
import { EARLIER_CAMPAIGN, initiativeOnceRule, initiativePool } from '../../../shared/domain/rules/initiatives';
import { collectiveSubject, formatPct, individualSubject, initiativePhrase } from '../../../shared/domain/rules/labels';
import { khienTrachRule, ldttCriteria, ldttTenureRule } from '../../../shared/domain/rules/ldtt';
import type { RuleSetId } from '../../../shared/domain/rules/types';

/**
 * The rule functions one by one, at their boundaries: each case names the legal source the research notes give
 * (docs/legal-sources.md) and the boundary a wrong comparison would move.
 */

const env = (id: RuleSetId, year: number, over: Partial<Env['opt']> = {}): Env => makeEnv(ruleSets[id], { ...ruleSets[id].defaults, ...over }, year);
const S = { upper: 'Ông A', lower: 'ông A' };
const ini = (id: string, recognisedOn: string, recognisedBy: Initiative['recognisedBy'] = 'unit', kind: Initiative['kind'] = 'initiative'): Initiative => ({
  id,
  title: `Sáng kiến ${id}`,
  recognisedBy,
  recognisedOn,
  kind,
});
const nominee = (over: Partial<IndividualNominee> = {}): IndividualNominee =>
  ({
    kind: 'individual',
    personId: 'a',
    name: 'A',
    gender: 'male',
    unitId: 'U1',
    hireDate: '2015-03-01',
    taskRating: 'HTTNV',
    discipline: { status: 'none' },
    initiatives: [],
    pastTitles: [],
    pastRatings: [],
    ...over,
  }) as IndividualNominee;

describe('calendar arithmetic (dates are inputs, no clock)', () => {
  it.each([
    ['2024-07-01', '2025-01-01', 6],
    ['2024-07-02', '2025-01-01', 5],
    ['2024-01-01', '2025-01-01', 12],
    ['2024-01-31', '2024-02-29', 0],
    ['2024-01-31', '2024-03-01', 1],
    ['2025-01-01', '2025-01-01', 0],
    ['2025-02-01', '2025-01-01', 0],
  ])('completeMonths(%s, %s) = %d', (from, to, want) => {
    expect(completeMonths(from, to)).toBe(want);
  });
  it.each([
    ['2023-12-31', '2024-01-01'],
    ['2024-02-28', '2024-02-29'],
    ['2024-02-29', '2024-03-01'],
    ['2023-09-09', '2023-09-10'],
  ])('dayAfter(%s) = %s', (d, want) => {
    expect(dayAfter(d)).toBe(want);
  });
  it('yearOf', () => {
    expect(yearOf('2023-12-31')).toBe(2023);
  });
});

describe('labels', () => {
  it.each([
    [7, 9, '77,8'],
    [7, 10, '70'],
    [2, 3, '66,7'],
    [1, 8, '12,5'],
    [1, 0, '0'],
  ])('formatPct(%d, %d) = %s (round half up, decimal comma)', (n, d, want) => {
    expect(formatPct(n, d)).toBe(want);
  });
  it('a woman is "Bà", a man "Ông"', () => {
    expect(individualSubject(nominee({ name: 'Lê Thị Hoa', gender: 'female' }))).toEqual({ upper: 'Bà Lê Thị Hoa', lower: 'bà Lê Thị Hoa' });
    expect(individualSubject(nominee({ name: 'Lê Văn Nam' }))).toEqual({ upper: 'Ông Lê Văn Nam', lower: 'ông Lê Văn Nam' });
  });
  it('a collective already named "Tập thể …" is not named twice', () => {
    const c = (name?: string) => collectiveSubject({ kind: 'collective', unitId: 'U7', ...(name ? { name } : {}) } as never);
    expect(c('tập thể  Phòng Tổng hợp')).toEqual({ upper: 'Tập thể Phòng Tổng hợp', lower: 'tập thể Phòng Tổng hợp' });
    expect(c('Phòng Tổng hợp')).toEqual({ upper: 'Tập thể Phòng Tổng hợp', lower: 'tập thể Phòng Tổng hợp' });
    expect(c()).toEqual({ upper: 'Tập thể đơn vị U7', lower: 'tập thể đơn vị U7' });
  });
  it('an initiative is named with its level and date', () => {
    expect(initiativePhrase(ini('X', '2023-03-05', 'province', 'research'))).toBe('đề tài khoa học “Sáng kiến X” được công nhận ở cấp tỉnh ngày 05/3/2023');
  });
});

describe('discipline served (NĐ 152/2025 Art 4.4; under vn-2024 NĐ 98/2023 [U]): the part of the year after it ended', () => {
  // The minimum is the LĐTT tenure minimum: 06 months (TT 01/2024 [S]) under vn-2024, 10 under vn-2017 (NĐ 91/2017 [S]).
  it.each([
    { name: 'ended 30/06: from 01/07, exactly 06 months, enough (vn-2024)', rs: 'vn-2024' as const, endedOn: '2024-06-30', passed: true, months: 6 },
    { name: 'ended 01/07: from 02/07, 05 months, not enough (vn-2024)', rs: 'vn-2024' as const, endedOn: '2024-07-01', passed: false, months: 5 },
    { name: 'ended 28/02: from 01/03, exactly 10 months, enough (vn-2017)', rs: 'vn-2017' as const, endedOn: '2024-02-29', passed: true, months: 10 },
    { name: 'ended 01/03: 09 months, not enough (vn-2017)', rs: 'vn-2017' as const, endedOn: '2024-03-01', passed: false, months: 9 },
  ])('$name', ({ rs, endedOn, passed, months }) => {
    // Under vn-2017 the principle is the campaign's option (issue 11): turned on here to test the months.
    const c = disciplineRule(env(rs, 2024, { disciplinePrinciple: true }), S, { status: 'served', level: 'khien-trach', endedOn });
    expect(c).toMatchObject({ ruleId: 'discipline.served', passed, facts: { monthsCounted: months, countsFrom: dayAfter(endedOn) } });
    expect(c.sentence).toContain(`được ${months} tháng trong năm 2024, ${passed ? 'đủ' : 'chưa đủ'} thời gian tối thiểu`);
  });
  it('ended 31/12 of the year before: the whole year counts', () => {
    const c = disciplineRule(env('vn-2025', 2024), S, { status: 'served', level: 'canh-cao', endedOn: '2023-12-31' });
    expect(c).toMatchObject({ passed: true, facts: { wholeYearCounts: true, countsFrom: '2024-01-01' } });
    expect(c.sentence).toBe('Ông A đã chấp hành xong kỷ luật (hình thức cảnh cáo) ngày 31/12/2023; thành tích năm 2024 được tính đầy đủ theo khoản 4 Điều 4 Nghị định số 152/2025/NĐ-CP.');
  });
  it('ended 01/01: counts from 02/01, 11 months', () => {
    const c = disciplineRule(env('vn-2025', 2024), S, { status: 'served', endedOn: '2024-01-01' });
    expect(c).toMatchObject({ passed: true, facts: { monthsCounted: 11, countsFrom: '2024-01-02' } });
    expect(c.facts).not.toHaveProperty('wholeYearCounts');
    expect(c.sentence).toContain('(hình thức kỷ luật) ngày 01/01/2024; thành tích được tính từ ngày 02/01/2024');
  });
  it('pending: deferred, not refused', () => {
    expect(disciplineRule(env('vn-2025', 2025), S, { status: 'pending' })).toMatchObject({ ruleId: 'discipline.pending', passed: false, outcome: 'defer' });
  });
  it('in effect: refused, the level named', () => {
    const c = disciplineRule(env('vn-2025', 2025), S, { status: 'in-effect', level: 'ha-bac-luong' });
    expect(c).toMatchObject({ ruleId: 'discipline.in-effect', passed: false });
    expect(c.outcome).toBeUndefined();
    expect(c.sentence).toContain('(hình thức hạ bậc lương)');
  });
  it('countsFrom: only a served discipline with an end date, and only where the principle applies (disciplinePrinciple)', () => {
    expect(countsFrom(env('vn-2025', 2025), { status: 'served', endedOn: '2023-05-31' })).toBe('2023-06-01');
    expect(countsFrom(env('vn-2025', 2025), { status: 'in-effect' })).toBeUndefined();
    // NĐ 91/2017: the principle's article not verified [U], off by default (issue 11).
    expect(countsFrom(env('vn-2017', 2023), { status: 'served', endedOn: '2023-05-31' })).toBeUndefined();
  });
});

describe('LĐTT (Law 2022 Art 24; tenure TT 01/2024 [S] 06 months, NĐ 91/2017 [S] 10 months)', () => {
  it.each([
    { rs: 'vn-2024' as const, hire: '2024-07-01', months: 6, passed: true },
    { rs: 'vn-2024' as const, hire: '2024-07-02', months: 5, passed: false },
    { rs: 'vn-2017' as const, hire: '2024-03-01', months: 10, passed: true },
    { rs: 'vn-2017' as const, hire: '2024-03-02', months: 9, passed: false },
  ])('$rs: hired $hire, $months months', ({ rs, hire, months, passed }) => {
    expect(ldttTenureRule(env(rs, 2024), S, hire)).toMatchObject({ passed, facts: { months } });
  });
  it('12 months or more is said as such', () => {
    expect(ldttTenureRule(env('vn-2024', 2024), S, '2024-01-01').sentence).toContain('có từ 12 tháng công tác trở lên');
    expect(ldttTenureRule(env('vn-2024', 2024), S, '2024-02-01').sentence).toContain('có 11 tháng công tác');
  });
  it('the khiển trách exclusion (NĐ 91/2017 [S]) is a vn-2017 default only', () => {
    expect(ldttCriteria(env('vn-2017', 2023), S, nominee()).map((c) => c.ruleId)).toEqual(['ldtt.rating', 'ldtt.tenure', 'ldtt.khien-trach']);
    expect(ldttCriteria(env('vn-2024', 2024), S, nominee()).map((c) => c.ruleId)).toEqual(['ldtt.rating', 'ldtt.tenure']);
  });
  it.each([
    { name: 'served, ended in the year', d: { status: 'served' as const, level: 'khien-trach' as const, endedOn: '2023-01-01' }, passed: false },
    { name: 'served, ended the year before', d: { status: 'served' as const, level: 'khien-trach' as const, endedOn: '2022-12-31' }, passed: true },
    { name: 'in effect', d: { status: 'in-effect' as const, level: 'khien-trach' as const }, passed: false },
    { name: 'none', d: { status: 'none' as const }, passed: true },
  ])('khiển trách in 2023 (vn-2017): $name', ({ d, passed }) => {
    expect(khienTrachRule(env('vn-2017', 2023), S, d)).toMatchObject({ passed, facts: { disciplinedInYear: !passed } });
  });
});

describe('initiatives that may back an award (CV 5007/BNV-TĐKT [S]; NĐ 152/2025 Art 4.4 for discipline)', () => {
  const pool = (inits: Initiative[], over: Partial<IndividualNominee> = {}, ledger = new Map<string, string>(), min: Initiative['recognisedBy'] = 'unit', notBefore?: string) =>
    initiativePool(env('vn-2024', 2023, { disciplinePrinciple: true }), nominee({ initiatives: inits, ...over }), ledger, min, notBefore);
  const served = { discipline: { status: 'served' as const, level: 'khien-trach' as const, endedOn: '2023-03-31' } };

  it.each([
    { name: 'recognised 31/12 of the year counts for that year', on: '2023-12-31', usable: true },
    { name: 'recognised 01/01 of the next year does not count for 2023', on: '2024-01-01', usable: false },
  ])('$name', ({ on, usable }) => {
    expect(pool([ini('S1', on)]).usable.map((i) => i.id)).toEqual(usable ? ['S1'] : []);
  });
  it.each([
    { name: 'recognised before the discipline ended does not count', on: '2023-02-01', usable: false },
    { name: 'recognised on the day it ended does not count (from the day after)', on: '2023-03-31', usable: false },
    { name: 'recognised the day after counts', on: '2023-04-01', usable: true },
  ])('served discipline ended 31/03/2023: $name', ({ on, usable }) => {
    expect(pool([ini('S1', on)], served).usable.map((i) => i.id)).toEqual(usable ? ['S1'] : []);
  });
  it('a window: not before the given day', () => {
    expect(pool([ini('S1', '2021-12-31'), ini('S2', '2022-01-01')], {}, new Map(), 'unit', '2022-01-01').usable.map((i) => i.id)).toEqual(['S2']);
  });
  it('at or above the level asked: province accepts province and national, not unit', () => {
    const p = pool([ini('U', '2023-01-01', 'unit'), ini('P', '2023-01-01', 'province'), ini('N', '2023-01-01', 'national')], {}, new Map(), 'province');
    expect(p.usable.map((i) => i.id)).toEqual(['P', 'N']);
  });
  it('spent in order: lowest level, then oldest, then id; a repeated id once', () => {
    const p = pool([ini('Z', '2023-02-01', 'province'), ini('B', '2023-05-01'), ini('A', '2023-05-01'), ini('C', '2023-01-01'), ini('A', '2023-05-01')]);
    expect(p.usable.map((i) => i.id)).toEqual(['C', 'A', 'B', 'Z']);
  });
  it('used ones are set apart, by id, with who used them', () => {
    const p = pool(
      [ini('B', '2023-01-01'), ini('A', '2023-01-01'), ini('C', '2023-01-01')],
      {},
      new Map([
        ['B', 'n1'],
        ['A', EARLIER_CAMPAIGN],
      ]),
    );
    expect(p.usable.map((i) => i.id)).toEqual(['C']);
    expect(p.used.map((u) => [u.initiative.id, u.usedBy])).toEqual([
      ['A', EARLIER_CAMPAIGN],
      ['B', 'n1'],
    ]);
    const once = initiativeOnceRule(env('vn-2024', 2023), S, [], p);
    expect(once).toMatchObject({
      ruleId: 'initiative.once',
      passed: false,
      facts: {
        alreadyUsed: [
          { id: 'A', usedBy: EARLIER_CAMPAIGN },
          { id: 'B', usedBy: 'n1' },
        ],
      },
    });
    expect(once.sentence).toBe(
      'Sáng kiến “Sáng kiến A” (đã dùng trong đợt khen thưởng trước), sáng kiến “Sáng kiến B” (đã dùng cho một đề nghị khác trong đợt này) của ông A đã được dùng làm căn cứ khen thưởng, không được sử dụng lại theo Công văn số 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ.',
    );
  });
  it('taking unused ones passes and names them', () => {
    const once = initiativeOnceRule(env('vn-2024', 2023), S, [ini('R', '2023-01-01', 'unit', 'research'), ini('A', '2023-01-01')], { usable: [], used: [] });
    expect(once).toMatchObject({ passed: true, facts: { initiatives: ['R', 'A'] } });
    expect(once.sentence).toBe('Đề tài “Sáng kiến R”, sáng kiến “Sáng kiến A” chưa được dùng làm căn cứ cho khen thưởng nào khác theo Công văn số 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ.');
  });
});

describe('chains of consecutive years (domain-rules §2.6; NĐ 152/2025 Art 4.4 after a served discipline)', () => {
  const years = new Set([2020, 2021, 2022, 2023]);
  it.each([
    { name: 'the whole run', end: 2023, ignore: undefined, want: 4 },
    { name: 'years up to 2021 ignored', end: 2023, ignore: 2021, want: 2 },
    { name: 'years up to 2022 ignored', end: 2023, ignore: 2022, want: 1 },
    { name: 'everything ignored', end: 2023, ignore: 2023, want: 0 },
    { name: 'a year missing at the end breaks it', end: 2024, ignore: undefined, want: 0 },
    { name: 'ignoring before the run changes nothing', end: 2023, ignore: 2010, want: 4 },
  ])('$name', ({ end, ignore, want }) => {
    expect(chainLength(years, end, ignore)).toBe(want);
  });
  it('a gap resets the count', () => {
    expect(chainLength(new Set([2019, 2021, 2022, 2023]), 2023)).toBe(3);
  });
});

describe('the rule set in force and its options (domain-rules §0)', () => {
  it.each([
    ['2023-12-31', 'vn-2017'],
    ['2024-01-01', 'vn-2024'],
    ['2025-06-30', 'vn-2024'],
    ['2025-07-01', 'vn-2025'],
  ])('%s → %s', (date, id) => {
    expect(ruleSetFor(date).id).toBe(id);
  });
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-1-01', '10/12/2024', ''])('refuses %j, which is not a real date', (date) => {
    expect(() => ruleSetFor(date)).toThrow(`referenceDate must be a real date written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  });
  it('2024-02-29 is a real date', () => {
    expect(ruleSetFor('2024-02-29').id).toBe('vn-2024');
  });
  it('every option the campaign sets wins over the default and says where it came from', () => {
    const options = {
      registrationRequired: false,
      cstdcsCapPct: 20,
      ldttCountForCap: 30,
      ttldttLdttShare: { pct: 60, inclusive: false },
      ldttMinTenureMonths: 3,
      ldttExcludesKhienTrach: true,
      disciplinePrinciple: false,
      bangKhenCstdcsRoute: false,
      quotas: { LDTT: { individualsPct: 80, minimum: 0 } },
    };
    const { values, sources } = resolveOptions(ruleSets['vn-2024'], options);
    expect(values).toEqual(options);
    expect(Object.values(sources)).toEqual(Array(9).fill('Cấu hình của phong trào thi đua (RuleOptions).'));
    const none = resolveOptions(ruleSets['vn-2024'], {});
    expect(none.values).toEqual(ruleSets['vn-2024'].defaults);
    expect(none.sources).toEqual(ruleSets['vn-2024'].defaultSources);
  });
});

describe('cmp: code-unit order for every sort of the engine', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['B', 'a', -1],
  ])('cmp(%j, %j) = %d', (a, b, want) => {
    expect(cmp(a, b)).toBe(want);
  });
});

describe('sentences and facts at the less travelled branches', () => {
  const e24 = env('vn-2024', 2024);
  it('the LĐTT share, met and not met (Law 2022 Art 28 [U]; old law "trên 50%")', () => {
    const share = { total: 10, ldtt: 6, nominatedHere: 0, ldttFromCampaign: 0, deferredHere: 0, notNominated: 10, ldttNotNominated: 6, notNominatedSource: 'declared' as const, inconsistent: false };
    expect(ldttShareRule('ttldtt.ldtt-share', e24.rs.cite.ttldttShare, S, share, { pct: 70, inclusive: true }, 'TTLDTT').sentence).toBe(
      'Ông A có 6/10 thành viên đạt danh hiệu “Lao động tiên tiến” (60%), chưa đạt tỷ lệ ít nhất 70% để xét danh hiệu “Tập thể lao động tiên tiến” theo Điều 28 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
    expect(ldttShareRule('ttldtt.ldtt-share', e24.rs.cite.ttldttShare, S, share, { pct: 50, inclusive: false }, 'TTLDTT').sentence).toBe(
      'Ông A có 6/10 thành viên đạt danh hiệu “Lao động tiên tiến” (60%), đạt tỷ lệ trên 50% để xét danh hiệu “Tập thể lao động tiên tiến” theo Điều 28 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
  });
  it('Bằng khen, individual (Law Art 74 via Bắc Ninh Art 3.3): one HTXSNV year with two initiatives is not enough', () => {
    const pool = { usable: [ini('A', '2024-01-02'), ini('B', '2024-02-02')], used: [] };
    const r = bangKhenIndividualRecordRule(e24, S, new Set(), new Set([2024]), pool);
    expect(r.check).toMatchObject({ passed: false, facts: { route: null, htxsnvChain: 1, usableInitiatives: ['A', 'B'] } });
    expect(r.take).toEqual([]);
  });
  it('Bằng khen, individual: of three usable initiatives two are spent, the first in order', () => {
    const pool = { usable: [ini('A', '2024-01-02'), ini('B', '2024-02-02'), ini('C', '2024-03-02')], used: [{ initiative: ini('Z', '2023-05-05'), usedBy: 'x' }] };
    const r = bangKhenIndividualRecordRule(e24, S, new Set(), new Set([2023, 2024]), pool);
    expect(r.take.map((i) => i.id)).toEqual(['A', 'B']);
    expect(r.check.facts).toMatchObject({ route: 'htxsnv-and-initiatives', basis: ['A', 'B'], alreadyUsed: ['Z'] });
  });
  it('chains report their years sorted, whatever order they came in', () => {
    expect(bangKhenCollectiveRecordRule(e24, S, new Set([2024, 2021, 2023, 2022])).facts).toMatchObject({ years: [2021, 2022, 2023, 2024], chain: 4 });
    expect(cstdTinhChainRule(e24, S, new Set([2024, 2021, 2023, 2022]), 'record').facts).toMatchObject({ cstdcsYears: [2021, 2022, 2023, 2024], chain: 4 });
  });
  it('CSTĐ tỉnh initiative (Law Art 22): the used ones are listed in the facts', () => {
    const r = cstdTinhInitiativeRule(e24, S, { usable: [], used: [{ initiative: ini('P', '2024-01-01', 'province'), usedBy: 'n9' }] });
    expect(r.check).toMatchObject({ passed: false, facts: { usable: [], alreadyUsed: ['P'], basis: null } });
  });
  it('a research topic already used is named as such (CV 5007/BNV-TĐKT)', () => {
    const once = initiativeOnceRule(e24, S, [], { usable: [], used: [{ initiative: ini('R', '2024-01-01', 'unit', 'research'), usedBy: 'n2' }] });
    expect(once.sentence).toBe(
      'Đề tài “Sáng kiến R” (đã dùng cho một đề nghị khác trong đợt này) của ông A đã được dùng làm căn cứ khen thưởng, không được sử dụng lại theo Công văn số 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ.',
    );
  });
  it('a discipline without its level is named "kỷ luật"', () => {
    expect(disciplineRule(env('vn-2024', 2024, { disciplinePrinciple: true }), S, { status: 'in-effect' }).sentence).toContain('(hình thức kỷ luật)');
    expect(khienTrachRule(env('vn-2017', 2023), S, { status: 'in-effect' }).sentence).toBe(
      'Ông A bị kỷ luật hình thức kỷ luật trong năm 2023 nên không được xét tặng danh hiệu “Lao động tiên tiến” theo Nghị định số 91/2017/NĐ-CP.',
    );
  });
});
