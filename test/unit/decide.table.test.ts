import { DECIDE_ENGINE_VERSION, type DecisionStatus } from '../../shared/domain/decide';
import { DomainError } from '../../shared/domain/errors';
import { ruleSetFor, type RuleSetId } from '../../shared/domain/rules';
import { DecideInput, type Initiative } from '../../shared/schemas/nomination';
import { DATES, collective, decisionOf, ldttCrowd, nom, person, run, type Run } from './decide.fixtures';

/**
 * The decision engine, case by case. Each case names the rule it exercises (the ruleId of the check that decides
 * it) and its legal source as the research notes give it (docs/legal-sources.md). The contrasts the
 * issue asks for decide the SAME facts (the 2023 review) on 10/12/2023 (vn-2017) and 15/01/2024 (vn-2024).
 */

interface Expect {
  status: DecisionStatus;
  /** The check (by ruleId) and whether it passed; `absent` = the rule set has no such rule here. */
  check?: { ruleId: string; passed?: boolean; absent?: true };
  council?: boolean;
  used?: string[];
}

interface Case extends Run {
  name: string;
  rule: string;
  source: string;
  ruleSet: RuleSetId;
  expect: Record<string, Expect>;
}

const ini = (id: string, recognisedOn: string, recognisedBy: Initiative['recognisedBy'] = 'unit'): Initiative => ({
  id,
  title: `Sáng kiến ${id}`,
  recognisedBy,
  recognisedOn,
  kind: 'initiative',
});

const ttldxsU5 = collective('U5', {
  taskRating: 'HTXSNV',
  members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 8, cstdcs: 1 },
  disciplinedMembers: { khienTrach: 0, canhCao: 1, higher: 0 },
});

const capCase = (date: Run['date']): Run => ({
  date,
  noms: [
    ...ldttCrowd('L', 7),
    nom('c1', 'CSTDCS', person('Cán bộ Một', { personId: 'c1', unitId: 'U1', initiatives: [ini('SK-C1', '2023-06-01')] })),
    nom('c2', 'CSTDCS', person('Cán bộ Hai', { personId: 'c2', unitId: 'U2', initiatives: [ini('SK-C2', '2023-06-01')] })),
    nom('c3', 'CSTDCS', person('Cán bộ Ba', { personId: 'c3', unitId: 'U3', initiatives: [ini('SK-C3', '2023-06-01')] })),
  ],
  standings: [
    { unitId: 'U1', rank: 1 },
    { unitId: 'U2', rank: 2 },
    { unitId: 'U3', rank: 3 },
  ],
});

const chainPerson = (over: Parameters<typeof person>[1] = {}) =>
  person('Trần Văn Chín', { personId: 'tvc', taskRating: 'HTXSNV', pastTitles: [{ year: 2022, title: 'CSTDCS' }, { year: 2023, title: 'CSTDCS' }], ...over });

const ttldttMembers = (pendingThird: boolean): Run['noms'] => [
  nom('m1', 'LDTT', person('Thành viên Một', { personId: 'm1', memberOf: 'U5' })),
  nom('m2', 'LDTT', person('Thành viên Hai', { personId: 'm2', memberOf: 'U5' })),
  nom('m3', 'LDTT', person('Thành viên Ba', { personId: 'm3', memberOf: 'U5', discipline: pendingThird ? { status: 'pending' } : { status: 'none' } })),
  nom('m4', 'LDTT', person('Thành viên Bốn', { personId: 'm4', memberOf: 'U5', taskRating: 'HTNV' })),
  nom('t5', 'TTLDTT', collective('U5', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 7, HTNV: 2, KHTNV: 0 }, women: 5, ldtt: 4 } })),
];

const quotaPeople = (femaleB3: boolean): Run['noms'] => [
  nom('b1', 'BANG_KHEN_TINH', person('Người Một', { personId: 'b1', unitId: 'U1' }), { grounds: 'movement' }),
  nom('b2', 'BANG_KHEN_TINH', person('Người Hai', { personId: 'b2', unitId: 'U2' }), { grounds: 'movement' }),
  nom('b3', 'BANG_KHEN_TINH', person('Người Ba', { personId: 'b3', unitId: 'U3', gender: femaleB3 ? 'female' : 'male' }), { grounds: 'movement' }),
  nom('b4', 'BANG_KHEN_TINH', person('Người Bốn', { personId: 'b4', unitId: 'U4' }), { grounds: 'movement' }),
];
const tiedStandings = [
  { unitId: 'U1', rank: 1 },
  { unitId: 'U2', rank: 2, tie: true },
  { unitId: 'U3', rank: 2, tie: true },
  { unitId: 'U4', rank: 4 },
];
const twentyUnits = (tieAt2 = false) =>
  Array.from({ length: 20 }, (_, i) => ({ unitId: `R${String(i + 1).padStart(2, '0')}`, rank: tieAt2 && i === 2 ? 2 : i + 1 }));

const cases: Case[] = [
  // ---------------------------------------------------------------- the contrasts: same facts, vn-2017 vs vn-2024
  {
    name: 'hired 01/5/2023: 8 months by year end, under 10',
    rule: 'ldtt.tenure',
    source: 'NĐ 91/2017/NĐ-CP: no LĐTT under 10 months [S]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('n1', 'LDTT', person('Nguyễn Văn A', { hireDate: '2023-05-01' }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'ldtt.tenure', passed: false } } },
  },
  {
    name: 'same facts on 15/01/2024: 8 months, at least 6',
    rule: 'ldtt.tenure',
    source: 'TT 01/2024/TT-BNV: 06 months [S]',
    ruleSet: 'vn-2024',
    date: DATES.v2024same,
    noms: [nom('n1', 'LDTT', person('Nguyễn Văn A', { hireDate: '2023-05-01' }))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'ldtt.tenure', passed: true } } },
  },
  {
    name: 'CSTĐCS rated HTXSNV without an initiative',
    rule: 'cstdcs.basis',
    source: 'NĐ 91/2017 Điều 9 khoản 3 điểm b; old Law Art 23: an initiative is required [S]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('n1', 'CSTDCS', person('Trần Thị B', { gender: 'female', taskRating: 'HTXSNV' }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'cstdcs.basis', passed: false } } },
  },
  {
    name: 'same facts on 15/01/2024: HTXSNV suffices',
    rule: 'cstdcs.basis',
    source: 'Luật 06/2022/QH15 Điều 23 khoản 2 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024same,
    noms: [nom('n1', 'CSTDCS', person('Trần Thị B', { gender: 'female', taskRating: 'HTXSNV' }))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'cstdcs.basis', passed: true }, used: [] } },
  },
  {
    name: '3 CSTĐCS among 10 LĐTT: 15% cap = 1 seat, the best-ranked unit keeps it',
    rule: 'cstdcs.cap',
    source: 'NĐ 91/2017/NĐ-CP Điều 9 khoản 3: ≤ 15% of LĐTT [S]',
    ruleSet: 'vn-2017',
    ...capCase(DATES.v2017),
    expect: {
      c1: { status: 'eligible', check: { ruleId: 'cstdcs.cap', passed: true }, used: ['SK-C1'] },
      c2: { status: 'over-quota', check: { ruleId: 'cstdcs.cap', passed: false } },
      c3: { status: 'over-quota', check: { ruleId: 'cstdcs.cap', passed: false } },
    },
  },
  {
    name: 'same facts on 15/01/2024: no cap',
    rule: 'cstdcs.cap',
    source: 'Luật 06/2022/QH15 Điều 23, NĐ 98/2023: no cap [S]',
    ruleSet: 'vn-2024',
    ...capCase(DATES.v2024same),
    expect: {
      c1: { status: 'eligible', check: { ruleId: 'cstdcs.cap', absent: true } },
      c2: { status: 'eligible', check: { ruleId: 'cstdcs.cap', absent: true } },
      c3: { status: 'eligible' },
    },
  },
  {
    name: 'TTLĐTT with 6/10 LĐTT: more than 50%',
    rule: 'ttldtt.ldtt-share',
    source: 'Luật TĐKT 2003 Điều 28 "trên 50%" [V]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('t1', 'TTLDTT', collective('U5', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 7, HTNV: 2, KHTNV: 0 }, women: 3, ldtt: 6 } }))],
    expect: { t1: { status: 'eligible', check: { ruleId: 'ttldtt.ldtt-share', passed: true } } },
  },
  {
    name: 'same facts on 15/01/2024: 60% is under 70%',
    rule: 'ttldtt.ldtt-share',
    source: 'Luật 06/2022/QH15 Điều 28 via Bắc Ninh QĐ 86/2025 Điều 4 khoản 2 [U]',
    ruleSet: 'vn-2024',
    date: DATES.v2024same,
    noms: [nom('t1', 'TTLDTT', collective('U5', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 7, HTNV: 2, KHTNV: 0 }, women: 3, ldtt: 6 } }))],
    expect: { t1: { status: 'not-eligible', check: { ruleId: 'ttldtt.ldtt-share', passed: false } } },
  },
  {
    name: 'exactly 5/10 LĐTT: "trên 50%" is strict',
    rule: 'ttldtt.ldtt-share',
    source: 'Luật TĐKT 2003 Điều 28 [V]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('t1', 'TTLDTT', collective('U5', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 7, HTNV: 2, KHTNV: 0 }, women: 3, ldtt: 5 } }))],
    expect: { t1: { status: 'not-eligible', check: { ruleId: 'ttldtt.ldtt-share', passed: false } } },
  },
  {
    name: 'exactly 7/10 LĐTT: "ít nhất 70%" is inclusive',
    rule: 'ttldtt.ldtt-share',
    source: 'Luật 06/2022/QH15 Điều 28 [U]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('t1', 'TTLDTT', collective('U5', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 7, HTNV: 2, KHTNV: 0 }, women: 3, ldtt: 7 } }))],
    expect: { t1: { status: 'eligible', check: { ruleId: 'ttldtt.ldtt-share', passed: true } } },
  },
  {
    name: 'khiển trách served until 31/3/2023: disciplined in the year',
    rule: 'ldtt.khien-trach',
    source: 'NĐ 91/2017/NĐ-CP: no LĐTT when disciplined at khiển trách or above [S]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('n1', 'LDTT', person('Phạm Văn D', { discipline: { status: 'served', level: 'khien-trach', endedOn: '2023-03-31' } }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'ldtt.khien-trach', passed: false } } },
  },
  {
    name: 'same facts on 15/01/2024: counts from 01/4/2023, 9 months ≥ 6',
    rule: 'discipline.served',
    source: 'NĐ 98/2023 (principle kept as NĐ 152/2025 Điều 4 khoản 4) [U]; TT 01/2024 06 months [S]',
    ruleSet: 'vn-2024',
    date: DATES.v2024same,
    noms: [nom('n1', 'LDTT', person('Phạm Văn D', { discipline: { status: 'served', level: 'khien-trach', endedOn: '2023-03-31' } }))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'ldtt.khien-trach', absent: true } } },
  },
  {
    name: 'TTLĐXS with a member at cảnh cáo',
    rule: 'ttldxs.discipline',
    source: 'Luật TĐKT 2003 Điều 27 (old explicit clause) [U]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('x1', 'TTLDXS', ttldxsU5)],
    expect: { x1: { status: 'not-eligible', check: { ruleId: 'ttldxs.discipline', passed: false } } },
  },
  {
    name: 'same facts on 15/01/2024: the 2022 text has no such clause',
    rule: 'ttldxs.discipline',
    source: 'Luật 06/2022/QH15 Điều 27 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024same,
    noms: [nom('x1', 'TTLDXS', ttldxsU5)],
    expect: { x1: { status: 'eligible', check: { ruleId: 'ttldxs.discipline', absent: true } } },
  },

  // ---------------------------------------------------------------- LĐTT
  {
    name: 'rated HTNV',
    rule: 'ldtt.rating',
    source: 'Luật 06/2022/QH15 Điều 24 khoản 1 điểm a [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'LDTT', person('Nguyễn Văn E', { taskRating: 'HTNV' }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'ldtt.rating', passed: false } } },
  },
  {
    name: 'rated HTTNV',
    rule: 'ldtt.rating',
    source: 'Luật 06/2022/QH15 Điều 24 khoản 1 điểm a [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'LDTT', person('Nguyễn Văn E'))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'ldtt.rating', passed: true } } },
  },
  {
    name: 'hired 01/7/2025: exactly 6 months',
    rule: 'ldtt.tenure',
    source: 'TT 01/2024/TT-BNV [S], kept by TT 15/2025 [U]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('n1', 'LDTT', person('Lê Thị G', { gender: 'female', hireDate: '2025-07-01' }))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'ldtt.tenure', passed: true } } },
  },
  {
    name: 'hired 02/7/2025: 5 complete months',
    rule: 'ldtt.tenure',
    source: 'TT 01/2024/TT-BNV [S], kept by TT 15/2025 [U]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('n1', 'LDTT', person('Lê Thị G', { gender: 'female', hireDate: '2025-07-02' }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'ldtt.tenure', passed: false } } },
  },
  {
    name: 'a campaign configures 6 months under the old regime',
    rule: 'ldtt.tenure',
    source: '[U] configurable: RuleOptions.ldttMinTenureMonths',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [nom('n1', 'LDTT', person('Nguyễn Văn A', { hireDate: '2023-05-01' }))],
    options: { ldttMinTenureMonths: 6 },
    expect: { n1: { status: 'eligible', check: { ruleId: 'ldtt.tenure', passed: true } } },
  },
  {
    name: 'discipline being considered',
    rule: 'discipline.pending',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 4 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('n1', 'LDTT', person('Hoàng Văn H', { discipline: { status: 'pending' } }))],
    expect: { n1: { status: 'deferred', check: { ruleId: 'discipline.pending', passed: false } } },
  },
  {
    name: 'discipline in effect',
    rule: 'discipline.in-effect',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 4 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('n1', 'LDTT', person('Hoàng Văn H', { discipline: { status: 'in-effect', level: 'canh-cao' } }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'discipline.in-effect', passed: false } } },
  },
  {
    name: 'served until 30/9/2025: 3 months counted',
    rule: 'discipline.served',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 4 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('n1', 'LDTT', person('Hoàng Văn H', { discipline: { status: 'served', level: 'khien-trach', endedOn: '2025-09-30' } }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'discipline.served', passed: false } } },
  },
  {
    name: 'served until 30/6/2024: the whole of 2025 counts',
    rule: 'discipline.served',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 4 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('n1', 'LDTT', person('Hoàng Văn H', { discipline: { status: 'served', level: 'khien-trach', endedOn: '2024-06-30' } }))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'discipline.served', passed: true } } },
  },
  {
    name: 'not registered, the campaign turns the rule on',
    rule: 'registration',
    source: '[U] old-regime principle, the campaign option (registrationRequired, issue 11: off by default)',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'LDTT', person('Đỗ Văn I'), { registered: false })],
    options: { registrationRequired: true },
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'registration', passed: false } } },
  },
  {
    name: 'not registered, the rule off by default (unverified)',
    rule: 'registration',
    source: '[U] configurable: RuleOptions.registrationRequired',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'LDTT', person('Đỗ Văn I'), { registered: false })],
    expect: { n1: { status: 'eligible', check: { ruleId: 'registration', absent: true } } },
  },
  {
    name: 'Giấy khen is a form, not a title: registration does not gate it',
    rule: 'giay-khen.rating',
    source: 'Luật 06/2022/QH15 Điều 75 via Bắc Ninh Điều 4 khoản 3 [V]; registration rule covers titles only',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('g1', 'GIAY_KHEN', person('Đỗ Văn I'), { registered: false })],
    expect: { g1: { status: 'eligible', check: { ruleId: 'giay-khen.rating', passed: true } } },
  },
  {
    name: 'the same person nominated twice for LĐTT',
    rule: 'achievement.once',
    source: 'Luật 06/2022/QH15 Điều 5 khoản 2 điểm c [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'LDTT', person('Đỗ Văn I')), nom('n2', 'LDTT', person('Đỗ Văn I'))],
    expect: { n1: { status: 'eligible' }, n2: { status: 'not-eligible', check: { ruleId: 'achievement.once', passed: false } } },
  },

  // ---------------------------------------------------------------- CSTĐCS and initiatives
  {
    name: 'HTXSNV but hired 01/10/2024: not LĐTT this year',
    rule: 'cstdcs.ldtt',
    source: 'Luật 06/2022/QH15 Điều 23 khoản 1 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'CSTDCS', person('Vũ Văn K', { taskRating: 'HTXSNV', hireDate: '2024-10-01' }))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'cstdcs.ldtt', passed: false } } },
  },
  {
    name: 'HTTNV without an initiative',
    rule: 'cstdcs.basis',
    source: 'Luật 06/2022/QH15 Điều 23 khoản 2 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'CSTDCS', person('Vũ Văn K'))],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'cstdcs.basis', passed: false } } },
  },
  {
    name: 'HTTNV with an initiative recognised by the unit',
    rule: 'cstdcs.basis',
    source: 'Luật 06/2022/QH15 Điều 23 khoản 2 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'CSTDCS', person('Vũ Văn K', { initiatives: [ini('SK-1', '2024-05-01')] }))],
    expect: { n1: { status: 'eligible', check: { ruleId: 'cstdcs.basis', passed: true }, used: ['SK-1'] } },
  },
  {
    name: 'the only initiative was used in an earlier campaign',
    rule: 'initiative.once',
    source: 'CV 5007/BNV-TĐKT (2023) [S]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('n1', 'CSTDCS', person('Vũ Văn K', { initiatives: [ini('SK-OLD', '2023-05-01')] }))],
    used: ['SK-OLD'],
    expect: { n1: { status: 'not-eligible', check: { ruleId: 'initiative.once', passed: false } } },
  },
  {
    name: 'one initiative claimed by two nominees: the first by id uses it',
    rule: 'initiative.once',
    source: 'CV 5007/BNV-TĐKT (2023) [S]; Luật 06/2022/QH15 Điều 5 khoản 2 điểm c [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom('k1', 'CSTDCS', person('Người Thứ Nhất', { personId: 'a1', initiatives: [ini('SK-X', '2024-04-01')] })),
      nom('k2', 'CSTDCS', person('Người Thứ Hai', { personId: 'a2', initiatives: [ini('SK-X', '2024-04-01')] })),
    ],
    expect: {
      k1: { status: 'eligible', check: { ruleId: 'initiative.once', passed: true }, used: ['SK-X'] },
      k2: { status: 'not-eligible', check: { ruleId: 'initiative.once', passed: false } },
    },
  },
  {
    name: 'CSTĐCS spends the unit-level initiative, leaving the province-level one for CSTĐ tỉnh',
    rule: 'initiative.once',
    source: 'CV 5007/BNV-TĐKT [S]; Luật 06/2022/QH15 Điều 22, 23 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom('k1', 'CSTDCS', chainPerson({ taskRating: 'HTTNV', initiatives: [ini('SK-P', '2024-01-15', 'province'), ini('SK-U', '2024-02-01')] })),
      nom('k2', 'CSTD_TINH', chainPerson({ taskRating: 'HTTNV', initiatives: [ini('SK-P', '2024-01-15', 'province'), ini('SK-U', '2024-02-01')] })),
    ],
    expect: { k1: { status: 'eligible', used: ['SK-U'] }, k2: { status: 'eligible', check: { ruleId: 'initiative.once', passed: true }, used: ['SK-P'] } },
  },
  {
    name: '4 CSTĐCS among 20 LĐTT: 3 seats, the line falls inside two units tied at rank 3',
    rule: 'cstdcs.cap',
    source: 'NĐ 91/2017/NĐ-CP Điều 9 khoản 3 [S]; ties go to the council (domain-rules §3.1.5)',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [
      ...ldttCrowd('L', 16),
      ...[1, 2, 3, 4].map((i) => nom(`d${i}`, 'CSTDCS', person(`Ứng viên ${i}`, { personId: `d${i}`, unitId: `U${i}`, initiatives: [ini(`SK-D${i}`, '2023-06-01')] }))),
    ],
    standings: [
      { unitId: 'U1', rank: 1 },
      { unitId: 'U2', rank: 2 },
      { unitId: 'U3', rank: 3, tie: true },
      { unitId: 'U4', rank: 3, tie: true },
    ],
    expect: {
      d1: { status: 'eligible', council: false },
      d2: { status: 'eligible', council: false },
      d3: { status: 'eligible', council: true, check: { ruleId: 'cstdcs.cap', passed: false } },
      d4: { status: 'eligible', council: true, check: { ruleId: 'cstdcs.cap', passed: false } },
    },
  },
  {
    name: 'a province sets a 15% cap after 2024; tie at the line broken for the woman',
    rule: 'tie.women-preference',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 6 [V]; cap configurable [U]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [
      ...ldttCrowd('L', 11),
      nom('e1', 'CSTDCS', person('Ứng viên Một', { personId: 'e1', unitId: 'U1', taskRating: 'HTXSNV' })),
      nom('e2', 'CSTDCS', person('Ứng viên Hai', { personId: 'e2', unitId: 'U2', taskRating: 'HTXSNV' })),
      nom('e3', 'CSTDCS', person('Ứng viên Ba', { personId: 'e3', unitId: 'U3', taskRating: 'HTXSNV', gender: 'female' })),
    ],
    standings: [
      { unitId: 'U1', rank: 1 },
      { unitId: 'U2', rank: 2, tie: true },
      { unitId: 'U3', rank: 2, tie: true },
    ],
    options: { cstdcsCapPct: 15 },
    expect: {
      e1: { status: 'eligible', council: false },
      e2: { status: 'over-quota', check: { ruleId: 'tie.women-preference', passed: false } },
      e3: { status: 'eligible', council: false, check: { ruleId: 'tie.women-preference', passed: true } },
    },
  },

  // ---------------------------------------------------------------- CSTĐ tỉnh: chains
  {
    name: 'CSTĐCS 2022, 2023 and 2024 (decided here), a province-level initiative',
    rule: 'cstd-tinh.chain',
    source: 'Luật 06/2022/QH15 Điều 22 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('k1', 'CSTDCS', chainPerson({ initiatives: [ini('SK-P', '2024-05-01', 'province')] })), nom('k2', 'CSTD_TINH', chainPerson({ initiatives: [ini('SK-P', '2024-05-01', 'province')] }))],
    expect: { k1: { status: 'eligible', used: [] }, k2: { status: 'eligible', check: { ruleId: 'cstd-tinh.chain', passed: true }, used: ['SK-P'] } },
  },
  {
    name: 'CSTĐCS 2021, 2023, 2024: the chain is broken in 2022',
    rule: 'cstd-tinh.chain',
    source: 'Luật 06/2022/QH15 Điều 22 "03 lần liên tục" [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom('k1', 'CSTDCS', chainPerson({ pastTitles: [{ year: 2021, title: 'CSTDCS' }, { year: 2023, title: 'CSTDCS' }] })),
      nom('k2', 'CSTD_TINH', chainPerson({ pastTitles: [{ year: 2021, title: 'CSTDCS' }, { year: 2023, title: 'CSTDCS' }], initiatives: [ini('SK-P', '2024-05-01', 'province')] })),
    ],
    expect: { k1: { status: 'eligible' }, k2: { status: 'not-eligible', check: { ruleId: 'cstd-tinh.chain', passed: false } } },
  },
  {
    name: 'CSTĐCS 2023, 2024, 2025 but discipline served until 30/6/2023: 2023 does not count',
    rule: 'cstd-tinh.chain',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 4 [V]; Luật 06/2022/QH15 Điều 22 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [
      nom('k1', 'CSTDCS', chainPerson({ pastTitles: [{ year: 2023, title: 'CSTDCS' }, { year: 2024, title: 'CSTDCS' }], discipline: { status: 'served', level: 'khien-trach', endedOn: '2023-06-30' } })),
      nom(
        'k2',
        'CSTD_TINH',
        chainPerson({
          pastTitles: [{ year: 2023, title: 'CSTDCS' }, { year: 2024, title: 'CSTDCS' }],
          discipline: { status: 'served', level: 'khien-trach', endedOn: '2023-06-30' },
          initiatives: [ini('SK-P', '2025-03-01', 'province')],
        }),
      ),
    ],
    expect: { k1: { status: 'eligible' }, k2: { status: 'not-eligible', check: { ruleId: 'cstd-tinh.chain', passed: false } } },
  },
  {
    name: 'an unbroken chain but only a unit-level initiative',
    rule: 'cstd-tinh.initiative',
    source: 'Luật 06/2022/QH15 Điều 22 (province-wide scope) [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('k1', 'CSTDCS', chainPerson({ initiatives: [ini('SK-U', '2024-05-01')] })), nom('k2', 'CSTD_TINH', chainPerson({ initiatives: [ini('SK-U', '2024-05-01')] }))],
    expect: { k2: { status: 'not-eligible', check: { ruleId: 'cstd-tinh.initiative', passed: false } } },
  },

  // ---------------------------------------------------------------- collectives
  {
    name: 'member share from this campaign: 3 of 4 members pass LĐTT, 4 of the other 6 declared',
    rule: 'ttldtt.ldtt-share',
    source: 'Luật 06/2022/QH15 Điều 28 [U: 70%]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: ttldttMembers(false),
    expect: { m4: { status: 'not-eligible' }, t5: { status: 'eligible', check: { ruleId: 'ttldtt.ldtt-share', passed: true } } },
  },
  {
    name: 'a member deferred (discipline pending) does not count: 6/10',
    rule: 'ttldtt.ldtt-share',
    source: 'Luật 06/2022/QH15 Điều 28 [U]; NĐ 98/2023 deferral [U], turned on by the campaign',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: ttldttMembers(true),
    options: { disciplinePrinciple: true },
    expect: { m3: { status: 'deferred' }, t5: { status: 'not-eligible', check: { ruleId: 'ttldtt.ldtt-share', passed: false } } },
  },
  {
    name: 'a member disciplined at cảnh cáo',
    rule: 'ttldtt.discipline',
    source: 'Luật 06/2022/QH15 Điều 28 via Bắc Ninh QĐ 86/2025 Điều 4 khoản 2 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('t1', 'TTLDTT', collective('U5', { members: { total: 10, byRating: { HTXSNV: 1, HTTNV: 8, HTNV: 1, KHTNV: 0 }, women: 3, ldtt: 9 }, disciplinedMembers: { khienTrach: 0, canhCao: 1, higher: 0 } }))],
    expect: { t1: { status: 'not-eligible', check: { ruleId: 'ttldtt.discipline', passed: false } } },
  },
  {
    name: 'TTLĐXS with a member rated KHTNV',
    rule: 'ttldxs.all-members',
    source: 'Luật 06/2022/QH15 Điều 27 (100% hoàn thành nhiệm vụ) [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [
      nom('x1', 'TTLDXS', collective('U5', { taskRating: 'HTXSNV', members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 0, KHTNV: 1 }, women: 5, ldtt: 9, cstdcs: 1 } })),
    ],
    expect: { x1: { status: 'not-eligible', check: { ruleId: 'ttldxs.all-members', passed: false } } },
  },
  {
    name: 'TTLĐXS whose member is CSTĐCS in this campaign',
    rule: 'ttldxs.cstdcs',
    source: 'Luật 06/2022/QH15 Điều 27 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom('m1', 'CSTDCS', person('Thành viên Một', { personId: 'm1', memberOf: 'U5', taskRating: 'HTXSNV' })),
      nom('x1', 'TTLDXS', collective('U5', { taskRating: 'HTXSNV', members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 7 } })),
    ],
    expect: { m1: { status: 'eligible' }, x1: { status: 'eligible', check: { ruleId: 'ttldxs.cstdcs', passed: true } } },
  },
  {
    name: 'TTLĐXS without any CSTĐCS',
    rule: 'ttldxs.cstdcs',
    source: 'Luật 06/2022/QH15 Điều 27 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('x1', 'TTLDXS', collective('U5', { taskRating: 'HTXSNV', members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 8 } }))],
    expect: { x1: { status: 'not-eligible', check: { ruleId: 'ttldxs.cstdcs', passed: false } } },
  },
  {
    name: "the member's CSTĐCS falls outside the 15% cap, so TTLĐXS has no CSTĐCS",
    rule: 'ttldxs.cstdcs',
    source: 'NĐ 91/2017 Điều 9 khoản 3 [S]; Luật TĐKT 2003 Điều 27 [U]',
    ruleSet: 'vn-2017',
    date: DATES.v2017,
    noms: [
      ...ldttCrowd('L', 9),
      nom('x0', 'CSTDCS', person('Ứng viên Đầu', { personId: 'x0', unitId: 'U1', initiatives: [ini('SK-X0', '2023-06-01')] })),
      nom('m1', 'CSTDCS', person('Thành viên Một', { personId: 'm1', unitId: 'U5', initiatives: [ini('SK-M1', '2023-06-01')] })),
      nom('x1', 'TTLDXS', collective('U5', { taskRating: 'HTXSNV', members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 7 } })),
    ],
    standings: [
      { unitId: 'U1', rank: 1 },
      { unitId: 'U5', rank: 3 },
    ],
    expect: { x0: { status: 'eligible' }, m1: { status: 'over-quota' }, x1: { status: 'not-eligible', check: { ruleId: 'ttldxs.cstdcs', passed: false } } },
  },
  {
    name: 'Cờ thi đua: HTXSNV, leads its cluster, exceeded every target',
    rule: 'co-thi-dua.led-cluster',
    source: 'Luật 06/2022/QH15 Điều 26 via Bắc Ninh QĐ 86/2025 Điều 3 khoản 1 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('f1', 'CO_THI_DUA_TINH', collective('S1', { taskRating: 'HTXSNV', ledCluster: true, exceededTargets: true }))],
    expect: { f1: { status: 'eligible', check: { ruleId: 'co-thi-dua.led-cluster', passed: true } } },
  },
  {
    name: 'Cờ thi đua for a unit that did not lead its cluster',
    rule: 'co-thi-dua.led-cluster',
    source: 'Luật 06/2022/QH15 Điều 26 via Bắc Ninh QĐ 86/2025 Điều 3 khoản 1 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('f1', 'CO_THI_DUA_TINH', collective('S1', { taskRating: 'HTXSNV', ledCluster: false, exceededTargets: true }))],
    expect: { f1: { status: 'not-eligible', check: { ruleId: 'co-thi-dua.led-cluster', passed: false } } },
  },

  // ---------------------------------------------------------------- Bằng khen, Giấy khen, quotas
  {
    name: 'Bằng khen: CSTĐCS 2023 and 2024 (decided here)',
    rule: 'bang-khen.record',
    source: 'Luật 06/2022/QH15 Điều 74 via Bắc Ninh QĐ 86/2025 Điều 3 khoản 3 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom('k1', 'CSTDCS', person('Ngô Văn L', { personId: 'nvl', taskRating: 'HTXSNV', pastTitles: [{ year: 2023, title: 'CSTDCS' }] })),
      nom('k2', 'BANG_KHEN_TINH', person('Ngô Văn L', { personId: 'nvl', taskRating: 'HTXSNV', pastTitles: [{ year: 2023, title: 'CSTDCS' }] })),
    ],
    expect: { k2: { status: 'eligible', check: { ruleId: 'bang-khen.record', passed: true }, used: [] } },
  },
  {
    name: 'Bằng khen: HTXSNV 2023 and 2024 with two initiatives',
    rule: 'bang-khen.record',
    source: 'Luật 06/2022/QH15 Điều 74 via Bắc Ninh QĐ 86/2025 Điều 3 khoản 3 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom(
        'k1',
        'BANG_KHEN_TINH',
        person('Ngô Văn L', { taskRating: 'HTXSNV', pastRatings: [{ year: 2023, rating: 'HTXSNV' }], initiatives: [ini('SK-A', '2023-06-01'), ini('SK-B', '2024-03-01')] }),
      ),
    ],
    expect: { k1: { status: 'eligible', check: { ruleId: 'bang-khen.record', passed: true }, used: ['SK-A', 'SK-B'] } },
  },
  {
    name: 'Bằng khen: one of the two initiatives already backed an award',
    rule: 'initiative.once',
    source: 'CV 5007/BNV-TĐKT (2023) [S]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom(
        'k1',
        'BANG_KHEN_TINH',
        person('Ngô Văn L', { taskRating: 'HTXSNV', pastRatings: [{ year: 2023, rating: 'HTXSNV' }], initiatives: [ini('SK-A', '2023-06-01'), ini('SK-B', '2024-03-01')] }),
      ),
    ],
    used: ['SK-A'],
    expect: { k1: { status: 'not-eligible', check: { ruleId: 'initiative.once', passed: false } } },
  },
  {
    name: 'Bằng khen for a collective: TTLĐXS 2024 and HTXSNV 2025',
    rule: 'bang-khen.record',
    source: 'Luật 06/2022/QH15 Điều 74 via Bắc Ninh QĐ 86/2025 Điều 3 khoản 3 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('k1', 'BANG_KHEN_TINH', collective('U5', { taskRating: 'HTXSNV', pastTitles: [{ year: 2024, title: 'TTLDXS' }] }))],
    expect: { k1: { status: 'eligible', check: { ruleId: 'bang-khen.record', passed: true } } },
  },
  {
    name: 'Bằng khen for a collective: HTXSNV 2023 and 2025, broken in 2024',
    rule: 'bang-khen.record',
    source: 'Luật 06/2022/QH15 Điều 74 "02 năm liên tục" [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('k1', 'BANG_KHEN_TINH', collective('U5', { taskRating: 'HTXSNV', pastRatings: [{ year: 2023, rating: 'HTXSNV' }, { year: 2024, rating: 'HTTNV' }] }))],
    expect: { k1: { status: 'not-eligible', check: { ruleId: 'bang-khen.record', passed: false } } },
  },
  {
    name: 'Bằng khen for the movement: the unit is not in the standings',
    rule: 'bang-khen.movement',
    source: 'Luật 06/2022/QH15 Điều 74 via Bắc Ninh QĐ 86/2025 Điều 3 khoản 3 [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [nom('b1', 'BANG_KHEN_TINH', person('Người Một', { unitId: 'U7' }), { grounds: 'movement' })],
    standings: [{ unitId: 'U1', rank: 1 }],
    expect: { b1: { status: 'not-eligible', check: { ruleId: 'bang-khen.movement', passed: false } } },
  },
  {
    name: '≤ 5% of 40 individuals = 2; the line falls inside two units tied at rank 2',
    rule: 'quota.BANG_KHEN_TINH',
    source: 'Cần Thơ QĐ 10/2024/QĐ-UBND Điều 9 khoản 2 điểm a [V], as a campaign quota',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: quotaPeople(false),
    standings: tiedStandings,
    options: { quotas: { BANG_KHEN_TINH: { individualsPct: 5, individualsBase: 40, source: 'Quyết định số 10/2024/QĐ-UBND của UBND thành phố Cần Thơ' } } },
    expect: {
      b1: { status: 'eligible', council: false, check: { ruleId: 'quota.BANG_KHEN_TINH', passed: true } },
      b2: { status: 'eligible', council: true },
      b3: { status: 'eligible', council: true },
      b4: { status: 'over-quota', check: { ruleId: 'quota.BANG_KHEN_TINH', passed: false } },
    },
  },
  {
    name: 'same quota under NĐ 152: the woman at the tied rank is preferred',
    rule: 'tie.women-preference',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 6 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: quotaPeople(true),
    standings: tiedStandings,
    options: { quotas: { BANG_KHEN_TINH: { individualsPct: 5, individualsBase: 40 } } },
    expect: {
      b1: { status: 'eligible', council: false },
      b2: { status: 'over-quota', check: { ruleId: 'tie.women-preference', passed: false } },
      b3: { status: 'eligible', council: false, check: { ruleId: 'tie.women-preference', passed: true } },
      b4: { status: 'over-quota' },
    },
  },
  {
    name: '≤ 10% of 20 participating collectives = 2',
    rule: 'quota.BANG_KHEN_TINH',
    source: 'Cần Thơ QĐ 10/2024/QĐ-UBND Điều 9 khoản 2 điểm a [V], as a campaign quota',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: ['R01', 'R02', 'R03'].map((u) => nom(`k${u}`, 'BANG_KHEN_TINH', collective(u), { grounds: 'movement' })),
    standings: twentyUnits(),
    options: { quotas: { BANG_KHEN_TINH: { collectivesPct: 10 } } },
    expect: { kR01: { status: 'eligible' }, kR02: { status: 'eligible' }, kR03: { status: 'over-quota', check: { ruleId: 'quota.BANG_KHEN_TINH', passed: false } } },
  },
  {
    name: 'a collective with 70% women is preferred at a tie',
    rule: 'tie.women-preference',
    source: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 6 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [
      nom('kR01', 'BANG_KHEN_TINH', collective('R01'), { grounds: 'movement' }),
      nom('kR02', 'BANG_KHEN_TINH', collective('R02', { members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 2, KHTNV: 0 }, women: 6 } }), { grounds: 'movement' }),
      nom('kR03', 'BANG_KHEN_TINH', collective('R03', { members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 2, KHTNV: 0 }, women: 7 } }), { grounds: 'movement' }),
    ],
    standings: twentyUnits(true),
    options: { quotas: { BANG_KHEN_TINH: { collectivesPct: 10 } } },
    expect: {
      kR01: { status: 'eligible' },
      kR02: { status: 'over-quota', check: { ruleId: 'tie.women-preference', passed: false } },
      kR03: { status: 'eligible', check: { ruleId: 'tie.women-preference', passed: true } },
    },
  },
  {
    name: 'default base: 5% of the 20 individuals nominated = 1',
    rule: 'quota.BANG_KHEN_TINH',
    source: 'campaign quota; base = individuals nominated in the campaign (engine decision)',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [...ldttCrowd('L', 18), ...quotaPeople(false).slice(0, 2)],
    standings: tiedStandings,
    options: { quotas: { BANG_KHEN_TINH: { individualsPct: 5 } } },
    expect: { b1: { status: 'eligible' }, b2: { status: 'over-quota' } },
  },
  {
    name: 'Bằng khen and Giấy khen for one achievement: the higher form is kept',
    rule: 'achievement.once',
    source: 'Luật 06/2022/QH15 Điều 5 khoản 2 điểm c [V]',
    ruleSet: 'vn-2024',
    date: DATES.v2024,
    noms: [
      nom('k1', 'CSTDCS', person('Ngô Văn L', { personId: 'nvl', taskRating: 'HTXSNV', pastTitles: [{ year: 2023, title: 'CSTDCS' }] })),
      nom('k2', 'BANG_KHEN_TINH', person('Ngô Văn L', { personId: 'nvl', taskRating: 'HTXSNV', pastTitles: [{ year: 2023, title: 'CSTDCS' }] })),
      nom('k3', 'GIAY_KHEN', person('Ngô Văn L', { personId: 'nvl', taskRating: 'HTXSNV', pastTitles: [{ year: 2023, title: 'CSTDCS' }] })),
    ],
    expect: { k2: { status: 'eligible' }, k3: { status: 'not-eligible', check: { ruleId: 'achievement.once', passed: false } } },
  },
  {
    name: 'Giấy khen for someone rated HTNV',
    rule: 'giay-khen.rating',
    source: 'Luật 06/2022/QH15 Điều 75 via Bắc Ninh QĐ 86/2025 Điều 4 khoản 3 [V]',
    ruleSet: 'vn-2025',
    date: DATES.v2025,
    noms: [nom('g1', 'GIAY_KHEN', person('Đinh Văn M', { taskRating: 'HTNV' }))],
    expect: { g1: { status: 'not-eligible', check: { ruleId: 'giay-khen.rating', passed: false } } },
  },
];

describe('decideNominations: table of cases (rule, source)', () => {
  it('has at least 40 cases across the three rule sets', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const rs of ['vn-2017', 'vn-2024', 'vn-2025'] as const) expect(cases.filter((c) => c.ruleSet === rs).length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [`${c.ruleSet} ${c.rule} [${c.source}]: ${c.name}`, c] as const))('%s', (_label, c) => {
    const res = run(c);
    expect(res.ruleSet).toBe(c.ruleSet);
    for (const [id, want] of Object.entries(c.expect)) {
      const d = decisionOf(res, id);
      expect({ id, status: d.status }).toEqual({ id, status: want.status });
      if (want.council !== undefined) expect({ id, council: d.needsCouncilVote === true }).toEqual({ id, council: want.council });
      if (want.used !== undefined) expect({ id, used: d.initiativesUsed ?? [] }).toEqual({ id, used: want.used });
      if (want.check) {
        const found = d.checks.filter((x) => x.ruleId === want.check!.ruleId);
        if (want.check.absent) expect(found).toEqual([]);
        else {
          expect(found.length).toBeGreaterThan(0);
          expect({ id, rule: want.check.ruleId, passed: found.some((x) => x.passed) }).toEqual({ id, rule: want.check.ruleId, passed: want.check.passed });
        }
      }
      // Every check is explained: a citation with its confidence tag, the facts it read, a sentence.
      for (const x of d.checks) {
        expect(x.citation.document.length).toBeGreaterThan(0);
        expect(['V', 'S', 'U']).toContain(x.citation.confidence);
        expect(x.sentence).toMatch(/\.$/);
        expect(typeof x.facts).toBe('object');
      }
      expect(d.summary.length).toBeGreaterThan(0);
    }
  });
});

describe('sentences a clerk can paste into the minutes', () => {
  it('LĐTT, vn-2024: rating, law and article', () => {
    const res = run({ date: DATES.v2024, noms: [nom('n1', 'LDTT', person('Nguyễn Văn A'))] });
    const rating = decisionOf(res, 'n1').checks.find((c) => c.ruleId === 'ldtt.rating');
    expect(rating?.sentence).toBe(
      'Ông Nguyễn Văn A được đánh giá Hoàn thành tốt nhiệm vụ, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ trở lên của danh hiệu “Lao động tiên tiến” theo điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
    expect(rating?.citation).toMatchObject({ document: 'Luật Thi đua, khen thưởng số 06/2022/QH15', article: 'Điều 24', clause: 'khoản 1', confidence: 'V' });
    expect(decisionOf(res, 'n1').summary).toBe('Ông Nguyễn Văn A đủ điều kiện, tiêu chuẩn, đề nghị xét tặng danh hiệu “Lao động tiên tiến”.');
  });

  it('the CSTĐCS cap cites NĐ 91/2017 Điều 9 khoản 3 and the tenure failure gives the dates', () => {
    const res = run({ ...capCase(DATES.v2017) });
    expect(decisionOf(res, 'c2').checks.find((c) => c.ruleId === 'cstdcs.cap')?.sentence).toBe(
      'Ông Cán bộ Hai (đơn vị xếp hạng thứ 2) nằm ngoài chỉ tiêu 1 cá nhân (15% của 10 cá nhân đạt danh hiệu “Lao động tiên tiến”) theo khoản 3 Điều 9 Nghị định số 91/2017/NĐ-CP.',
    );
    const t = run({ date: DATES.v2017, noms: [nom('n1', 'LDTT', person('Nguyễn Văn A', { hireDate: '2023-05-01' }))] });
    expect(decisionOf(t, 'n1').summary).toContain('được tuyển dụng ngày 01/5/2023, mới có 8 tháng công tác tính đến hết năm 2023, chưa đủ 10 tháng');
  });

  it('a deferred decision says why it is not decided yet, citing NĐ 152 Art 4.4', () => {
    const res = run({ date: DATES.v2025, noms: [nom('n1', 'LDTT', person('Lê Thị G', { gender: 'female', discipline: { status: 'pending' } }))] });
    expect(decisionOf(res, 'n1').summary).toBe(
      'Chưa xét danh hiệu “Lao động tiên tiến” đối với bà Lê Thị G. Bà Lê Thị G đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư; chưa xét khen thưởng theo khoản 4 Điều 4 Nghị định số 152/2025/NĐ-CP.',
    );
  });

  it('the quota report states the base, the limit and the council seats', () => {
    const res = run({ date: DATES.v2024, noms: quotaPeople(false), standings: tiedStandings, options: { quotas: { BANG_KHEN_TINH: { individualsPct: 5, individualsBase: 40 } } } });
    expect(res.quotas).toEqual([
      expect.objectContaining({ id: 'BANG_KHEN_TINH:individuals', base: 40, baseSource: 'option', limit: 2, candidates: 4, confirmed: 1, councilSeats: 1, councilContenders: 2, overQuota: 1 }),
    ]);
    expect(decisionOf(res, 'b2').quota).toEqual({ id: 'BANG_KHEN_TINH:individuals', limit: 2, outcome: 'council-vote', unitRank: 2, seats: 1, contenders: 2 });
    expect(decisionOf(res, 'b2').summary).toContain('còn 1 suất cho 2 trường hợp');
  });
});

describe('rule set by reference date (domain-rules §0)', () => {
  it.each([
    ['2017-09-15', 'vn-2017'],
    ['2023-12-31', 'vn-2017'],
    ['2024-01-01', 'vn-2024'],
    ['2025-06-30', 'vn-2024'],
    ['2025-07-01', 'vn-2025'],
    ['2026-12-31', 'vn-2025'],
  ] as const)('%s → %s', (date, id) => {
    expect(ruleSetFor(date).id).toBe(id);
  });

  it('refuses a date that is not a real YYYY-MM-DD', () => {
    expect(() => ruleSetFor('2024-02-30')).toThrow(DomainError);
    expect(() => ruleSetFor('10/12/2023')).toThrow(DomainError);
  });

  it('states the default of every configurable rule and its source, and which values the campaign set', () => {
    const res = run({ date: DATES.v2017, noms: [], options: { ldttMinTenureMonths: 6 } });
    expect(res.options).toEqual({
      // Issue 11: unverified rules are off unless the campaign turns them on.
      registrationRequired: false,
      cstdcsCapPct: 15,
      ttldttLdttShare: { pct: 50, inclusive: false },
      ldttMinTenureMonths: 6,
      ldttExcludesKhienTrach: true,
      // Issue 11: the two rules of the later law that vn-2017 applied under an unverified citation are off by default.
      disciplinePrinciple: false,
      bangKhenCstdcsRoute: false,
      quotas: {},
    });
    expect(res.optionSources.cstdcsCapPct).toContain('NĐ 91/2017/NĐ-CP Điều 9 khoản 3');
    expect(res.optionSources.ldttMinTenureMonths).toBe('Cấu hình của phong trào thi đua (RuleOptions).');
    expect(run({ date: DATES.v2025, noms: [] }).options).toMatchObject({ cstdcsCapPct: null, ttldttLdttShare: { pct: 70, inclusive: true }, ldttMinTenureMonths: 6, ldttExcludesKhienTrach: false });
  });
});

describe('the proposal record', () => {
  const base: Run = { ...capCase(DATES.v2017) };

  it('carries the rule set, the engine version and a sha256 of its inputs', () => {
    const res = run(base);
    expect(res).toMatchObject({ ruleSet: 'vn-2017', engineVersion: DECIDE_ENGINE_VERSION, referenceDate: '2023-12-10', campaignYear: 2023 });
    expect(res.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.legalBasis).toEqual(['Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)', 'Nghị định số 91/2017/NĐ-CP', 'Thông tư số 12/2019/TT-BNV']);
  });

  it('the hash changes with any input and not with the order of the nominations', () => {
    const h = run(base).inputHash;
    expect(run({ ...base, noms: [...base.noms].reverse() }).inputHash).toBe(h);
    expect(run({ ...base, options: { cstdcsCapPct: 10 } }).inputHash).not.toBe(h);
    expect(run({ ...base, used: ['SK-C9'] }).inputHash).not.toBe(h);
    expect(run({ ...base, date: DATES.v2024same }).inputHash).not.toBe(h);
  });

  it('gives each rule its full citation once, with the note the checks leave out', () => {
    const res = run(base);
    expect(res.rules['cstdcs.cap']).toMatchObject({ document: 'Nghị định số 91/2017/NĐ-CP', article: 'Điều 9', clause: 'khoản 3', confidence: 'S' });
    expect(res.rules['cstdcs.cap']?.note).toContain('15%');
    expect(decisionOf(res, 'c1').checks.find((c) => c.ruleId === 'cstdcs.cap')?.citation.note).toBeUndefined();
  });

  it('refuses two nominations with one id', () => {
    const n = nom('n1', 'LDTT', person('Nguyễn Văn A'));
    expect(() => run({ date: DATES.v2024, noms: [n, n] })).toThrow(DomainError);
  });

  it("accepts the scoring core's standings rows as they are (tie object, extra fields)", () => {
    const parsed = DecideInput.parse({
      referenceDate: '2024-12-10',
      campaignYear: 2024,
      nominations: [],
      unitStandings: [{ unitId: 'U1', rank: 1, total: 9720, tie: { with: ['U2'], note: 'tie: needs council vote', explanation: '…' } }, { unitId: 'U3', rank: 3 }],
    });
    expect(parsed.unitStandings).toEqual([{ unitId: 'U1', rank: 1, tie: true }, { unitId: 'U3', rank: 3 }]);
  });
});
