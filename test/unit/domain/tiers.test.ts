import { worksOf } from '../../../shared/domain/decision/state';
import { shareOf, tallyMembers, tallyOf } from '../../../shared/domain/decision/tallies';
import { decideBangKhen, noteBangKhen } from '../../../shared/domain/decision/tiers/bang-khen';
import { decideCoThiDua } from '../../../shared/domain/decision/tiers/co-thi-dua';
import { capCstdcs, decideCstdcs, noteCstdcs } from '../../../shared/domain/decision/tiers/cstdcs';
import { decideCstdTinh } from '../../../shared/domain/decision/tiers/cstd-tinh';
import { decideGiayKhen } from '../../../shared/domain/decision/tiers/giay-khen';
import { decideLdtt, ldttOutcome } from '../../../shared/domain/decision/tiers/ldtt';
import { decideTtldtt } from '../../../shared/domain/decision/tiers/ttldtt';
import { decideTtldxs, noteTtldxs } from '../../../shared/domain/decision/tiers/ttldxs';
import { DecideInput, type Initiative } from '../../../shared/schemas/nomination';
import { DATES, type Run, collective, nom, person } from '../decide.fixtures';
import { checksOf, stateOf as baseState, statusOf, workOf } from './engine.fixtures';

/**
 * Each tier of the decision engine through its own entry point, over a state built for it: what the tier checks,
 * in which order, what it decides and what it leaves for the tiers after it. The whole engine's cited cases are in
 * ../decide.table.test.ts; these pin the steps one at a time (legal sources: domain-rules.md §2).
 */

/**
 * The tiers are pinned with registration and the discipline principle on, as a campaign that turns them on decides:
 * under vn-2017 and vn-2024 both are unverified and off by default (issue 11; ../decide.year.test.ts covers the default).
 */
const stateOf = (r: Run) => baseState({ ...r, options: { registrationRequired: true, disciplinePrinciple: true, ...r.options } });

const ini = (id: string, recognisedOn: string, recognisedBy: Initiative['recognisedBy'] = 'unit'): Initiative => ({ id, title: `Sáng kiến ${id}`, recognisedBy, recognisedOn, kind: 'initiative' });

describe('LĐTT tier (Law 2022 Art 24; §1.4 registration; NĐ 152/2025 Art 4.4)', () => {
  const build = () => {
    const s = stateOf({
      date: DATES.v2024,
      noms: [
        nom('a', 'LDTT', person('Người A', { personId: 'pa' })),
        nom('b', 'LDTT', person('Người B', { personId: 'pb', taskRating: 'HTNV' })),
        nom('c', 'LDTT', person('Người C', { personId: 'pc', discipline: { status: 'pending' } })),
        nom('d', 'LDTT', person('Người D', { personId: 'pd' }), { registered: false }),
        nom('e', 'LDTT', person('Người A', { personId: 'pa' })),
      ],
    });
    decideLdtt(s, worksOf(s, 'LDTT'));
    return s;
  };
  it('checks registration, discipline, then the criteria', () => {
    const s = build();
    expect(checksOf(s, 'a')).toEqual(['registration:true', 'discipline:true', 'ldtt.rating:true', 'ldtt.tenure:true']);
    expect(statusOf(s, 'a')).toBe('eligible');
  });
  it.each([
    ['b', 'not-eligible', 'not-met'],
    ['c', 'deferred', 'deferred'],
    ['d', 'not-eligible', 'not-met'],
  ])('%s is %s; the person is noted %s for the collectives', (id, status, ldtt) => {
    const s = build();
    expect(statusOf(s, id)).toBe(status);
    expect(s.persons.get(`p${id}`)?.ldtt).toEqual({ status: ldtt, by: id });
  });
  it('a second identical proposal is refused (Law Art 5.2.c); the person stays met by the first', () => {
    const s = build();
    expect(checksOf(s, 'e').at(-1)).toBe('achievement.once:false');
    expect(statusOf(s, 'e')).toBe('not-eligible');
    expect(s.persons.get('pa')?.ldtt).toEqual({ status: 'met', by: 'a' });
  });
  it('ldttOutcome reads only the LĐTT criteria, registration and discipline', () => {
    const c = (ruleId: string, passed: boolean, outcome?: 'defer') => ({ ruleId, passed, outcome, citation: { document: 'x', confidence: 'V' as const }, facts: {}, sentence: '' });
    expect(ldttOutcome([c('ldtt.rating', true), c('cstdcs.basis', false)], new Set(['ldtt.rating']))).toBe('met');
    expect(ldttOutcome([c('ldtt.rating', true), c('registration', false)], new Set(['ldtt.rating']))).toBe('not-met');
    expect(ldttOutcome([c('discipline.pending', false, 'defer')], new Set())).toBe('deferred');
    expect(ldttOutcome([c('discipline.pending', false, 'defer'), c('ldtt.rating', false)], new Set(['ldtt.rating']))).toBe('not-met');
  });
});

describe('CSTĐCS tier (Law 2022 Art 23; NĐ 91/2017 Art 9.3 [S] before 2024)', () => {
  const noms = [
    nom('l1', 'LDTT', person('Người Một', { personId: 'p1' })),
    nom('c1', 'CSTDCS', person('Người Một', { personId: 'p1', taskRating: 'HTXSNV' })),
    nom('c2', 'CSTDCS', person('Người Hai', { personId: 'p2', initiatives: [ini('S2', '2023-05-01')] })),
    nom('c3', 'CSTDCS', person('Người Ba', { personId: 'p3' })),
  ];
  it('vn-2024: HTXSNV suffices and spends nothing; an initiative is spent; neither refuses', () => {
    const s = stateOf({ date: DATES.v2024same, noms });
    decideLdtt(s, worksOf(s, 'LDTT'));
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    expect(checksOf(s, 'c1')).toEqual(['registration:true', 'discipline:true', 'ldtt.rating:true', 'ldtt.tenure:true', 'cstdcs.ldtt:true', 'cstdcs.basis:true']);
    expect(workOf(s, 'c1').decision.dependsOn).toEqual(['l1']);
    expect(workOf(s, 'c2').decision.initiativesUsed).toEqual(['S2']);
    expect(s.ledger.get('S2')).toBe('c2');
    expect(checksOf(s, 'c2')).toContain('initiative.once:true');
    expect(statusOf(s, 'c3')).toBe('not-eligible');
    // Art 23.1: a CSTĐCS nominee meeting LĐTT counts as LĐTT.
    expect(s.persons.get('p2')?.ldtt).toEqual({ status: 'met', by: 'c2' });
  });
  it('vn-2017: the initiative is required (HTXSNV alone is not enough)', () => {
    const s = stateOf({ date: DATES.v2017, noms });
    decideLdtt(s, worksOf(s, 'LDTT'));
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    expect(statusOf(s, 'c1')).toBe('not-eligible');
    expect(statusOf(s, 'c2')).toBe('eligible');
  });
  it("a CSTĐCS depends on the person's LĐTT nomination only when that one was met", () => {
    const s = stateOf({
      date: DATES.v2024same,
      noms: [nom('l1', 'LDTT', person('Người Một', { personId: 'p1' }), { registered: false }), nom('c1', 'CSTDCS', person('Người Một', { personId: 'p1', taskRating: 'HTXSNV' }))],
    });
    decideLdtt(s, worksOf(s, 'LDTT'));
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    expect(workOf(s, 'c1').decision.dependsOn).toBeUndefined();
    expect(s.persons.get('p1')?.ldtt).toEqual({ status: 'met', by: 'c1' });
  });
  it('an initiative already used elsewhere is named when it was the only way', () => {
    const s = stateOf({ date: DATES.v2024same, noms, used: ['S2'] });
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    expect(checksOf(s, 'c2').slice(-2)).toEqual(['cstdcs.basis:false', 'initiative.once:false']);
  });
  it('the cap (vn-2017: 15% of the LĐTT in the campaign) cuts by standing; noteCstdcs keeps who is left', () => {
    const crowd = Array.from({ length: 7 }, (_, i) => nom(`L${i}`, 'LDTT', person(`Người L${i}`, { personId: `L${i}`, unitId: 'U9' })));
    const s = stateOf({
      date: DATES.v2017,
      noms: [
        ...crowd,
        nom('c1', 'CSTDCS', person('Người Một', { personId: 'p1', initiatives: [ini('S1', '2023-04-01')] })),
        nom('c2', 'CSTDCS', person('Người Hai', { personId: 'p2', unitId: 'U9', initiatives: [ini('S2', '2023-05-01')] })),
        nom('c3', 'CSTDCS', person('Người Ba', { personId: 'p3' })),
      ],
      standings: [
        { unitId: 'U1', rank: 1 },
        { unitId: 'U9', rank: 2 },
      ],
    });
    decideLdtt(s, worksOf(s, 'LDTT'));
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    capCstdcs(s, worksOf(s, 'CSTDCS'));
    noteCstdcs(s, worksOf(s, 'CSTDCS'));
    // 7 LĐTT + 3 CSTĐCS nominees meeting the LĐTT criteria (c3 lacks only the initiative) = 10; 15% of 10 = 1.
    expect(s.quotas).toHaveLength(1);
    expect(s.quotas[0]).toMatchObject({ id: 'CSTDCS:cap', base: 10, limit: 1, baseSource: 'ldtt-in-campaign', candidates: 2, confirmed: 1, overQuota: 1 });
    expect(statusOf(s, 'c1')).toBe('eligible');
    expect(statusOf(s, 'c2')).toBe('over-quota');
    // Over quota: the initiative is released for another award.
    expect(s.ledger.has('S2')).toBe(false);
    expect(workOf(s, 'c2').decision.initiativesUsed).toBeUndefined();
    expect(s.persons.get('p1')?.cstdcs).toEqual({ by: 'c1' });
    expect(s.persons.get('p2')?.cstdcs).toBeUndefined();
  });
  it('no cap under vn-2024 unless the campaign sets one; a declared base is used as given', () => {
    const s = stateOf({ date: DATES.v2024same, noms });
    capCstdcs(s, worksOf(s, 'CSTDCS'));
    expect(s.quotas).toEqual([]);
    const t = stateOf({ date: DATES.v2024same, noms, options: { cstdcsCapPct: 50, ldttCountForCap: 4 } });
    decideCstdcs(t, worksOf(t, 'CSTDCS'));
    capCstdcs(t, worksOf(t, 'CSTDCS'));
    expect(t.quotas[0]).toMatchObject({ base: 4, limit: 2, baseSource: 'option' });
  });
});

describe('CSTĐ tỉnh tier (Law 2022 Art 22: 03 consecutive CSTĐCS and a province-scope initiative)', () => {
  const chain = (over = {}) =>
    person('Trần Văn Chín', {
      personId: 'tvc',
      taskRating: 'HTXSNV',
      pastTitles: [
        { year: 2022, title: 'CSTDCS' },
        { year: 2023, title: 'CSTDCS' },
      ],
      initiatives: [ini('P1', '2024-03-01', 'province')],
      ...over,
    });
  it("this year's CSTĐCS from the campaign completes the chain and is a dependency", () => {
    const s = stateOf({ date: DATES.v2024, noms: [nom('c', 'CSTDCS', chain()), nom('t', 'CSTD_TINH', chain())] });
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    noteCstdcs(s, worksOf(s, 'CSTDCS'));
    decideCstdTinh(s, worksOf(s, 'CSTD_TINH'));
    expect(checksOf(s, 't')).toEqual(['registration:true', 'discipline:true', 'cstd-tinh.chain:true', 'cstd-tinh.initiative:true', 'initiative.once:true']);
    expect(workOf(s, 't').decision).toMatchObject({ status: 'eligible', initiativesUsed: ['P1'], dependsOn: ['c'] });
    expect(workOf(s, 't').checks[2]?.facts).toMatchObject({ chain: 3, currentYearFrom: 'campaign' });
  });
  it("without this year's CSTĐCS the chain is 0 (it must end this year)", () => {
    const s = stateOf({ date: DATES.v2024, noms: [nom('t', 'CSTD_TINH', chain())] });
    decideCstdTinh(s, worksOf(s, 'CSTD_TINH'));
    expect(checksOf(s, 't')[2]).toBe('cstd-tinh.chain:false');
    expect(workOf(s, 't').checks[2]?.facts).toMatchObject({ chain: 0, currentYearFrom: null });
  });
  it('a discipline served during the campaign year ignores the years before it; other titles are not CSTĐCS', () => {
    const p = chain({
      pastTitles: [
        { year: 2022, title: 'CSTDCS' },
        { year: 2023, title: 'LDTT' },
        { year: 2024, title: 'CSTDCS' },
      ],
      discipline: { status: 'served', level: 'khien-trach', endedOn: '2024-03-31' },
    });
    const s = stateOf({ date: DATES.v2024, noms: [nom('t', 'CSTD_TINH', p)] });
    decideCstdTinh(s, worksOf(s, 'CSTD_TINH'));
    expect(workOf(s, 't').checks[2]?.facts).toMatchObject({ cstdcsYears: [2022, 2024], chain: 1, ignoredUpToYear: 2023, currentYearFrom: 'record' });
  });
  it('a recorded CSTĐCS of this year counts; a discipline served in 2023 cuts the years up to 2023', () => {
    const recorded = chain({
      pastTitles: [
        { year: 2022, title: 'CSTDCS' },
        { year: 2023, title: 'CSTDCS' },
        { year: 2024, title: 'CSTDCS' },
      ],
    });
    const s = stateOf({
      date: DATES.v2024,
      noms: [nom('t', 'CSTD_TINH', recorded), nom('u', 'CSTD_TINH', { ...recorded, personId: 'x', discipline: { status: 'served', level: 'khien-trach', endedOn: '2023-06-30' } })],
    });
    decideCstdTinh(s, worksOf(s, 'CSTD_TINH'));
    expect(workOf(s, 't').checks[2]?.facts).toMatchObject({ chain: 3, currentYearFrom: 'record', ignoredUpToYear: null });
    expect(workOf(s, 'u').checks[2]?.facts).toMatchObject({ chain: 1, ignoredUpToYear: 2023 });
    // Only one of the two may spend P1 (CV 5007): the second is told it is used.
    expect(checksOf(s, 'u').slice(-2)).toEqual(['cstd-tinh.initiative:false', 'initiative.once:false']);
  });
});

describe("member tallies (TTLĐTT Art 28, TTLĐXS Art 27): the campaign's members, declared counts for the rest", () => {
  const members = [
    nom('m1', 'LDTT', person('TV Một', { personId: 'm1', memberOf: 'U5' })),
    nom('m2', 'LDTT', person('TV Hai', { personId: 'm2', memberOf: 'U5', discipline: { status: 'pending' } })),
    nom('m3', 'LDTT', person('TV Ba', { personId: 'm3', memberOf: 'U5', taskRating: 'KHTNV', discipline: { status: 'in-effect', level: 'canh-cao' } })),
    nom('m4', 'GIAY_KHEN', person('TV Bốn', { personId: 'm4', memberOf: 'U5', discipline: { status: 'served', level: 'giang-chuc', endedOn: '2024-02-01' } })),
    nom('m5', 'GIAY_KHEN', person('TV Năm', { personId: 'm5', memberOf: 'U5', discipline: { status: 'served', level: 'canh-cao', endedOn: '2023-12-31' } })),
    nom('m6', 'GIAY_KHEN', person('TV Sáu', { personId: 'm6', memberOf: 'U5', discipline: { status: 'in-effect', level: 'khien-trach' } })),
    nom('m7', 'GIAY_KHEN', person('TV Bảy', { personId: 'm7', memberOf: 'U5', taskRating: 'HTXSNV', discipline: { status: 'served', level: 'canh-cao', endedOn: '2024-01-01' } })),
  ];
  const build = () => {
    const s = stateOf({ date: DATES.v2024, noms: members });
    decideLdtt(s, worksOf(s, 'LDTT'));
    tallyMembers(s);
    return s;
  };
  it('a person counts in the collective of their first nomination by id', () => {
    const s = stateOf({ date: DATES.v2024, noms: [nom('a2', 'LDTT', person('TV', { personId: 'q', memberOf: 'U8' })), nom('a1', 'GIAY_KHEN', person('TV', { personId: 'q', memberOf: 'U7' }))] });
    expect(s.persons.get('q')).toMatchObject({ collective: 'U7' });
  });
  it('counts LĐTT met, deferred, KHTNV and cảnh cáo or above during the year', () => {
    const s = build();
    // m4 (giáng chức, ended 01/02) and m7 (cảnh cáo, ended 01/01 of the year) count; m5 ended the year before; m6 is khiển trách.
    // Only LĐTT and CSTĐCS nominees count as nominated here (m1–m3): m7's HTXSNV is left to the declared ratings.
    expect(tallyOf(s, 'U5')).toEqual({ nominated: 3, ldttMet: 1, ldttBy: ['m1'], deferred: 1, atLeastGood: 2, khtnv: 1, canhCaoPlus: 3, cstdcs: 0, cstdcsBy: [] });
    expect(tallyOf(s, 'U6')).toMatchObject({ nominated: 0, ldttBy: [] });
  });
  it.each([
    { name: 'declared LĐTT among the 7 not nominated', members: { total: 10, ldtt: 5, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 2, KHTNV: 0 } }, ldtt: 6, source: 'declared', notNominated: 7 },
    {
      name: 'from the declared ratings, less the nominated ones rated HTTNV or better',
      members: { total: 10, byRating: { HTXSNV: 2, HTTNV: 6, HTNV: 1, KHTNV: 1 } },
      ldtt: 7,
      source: 'ratings',
      notNominated: 7,
    },
    { name: 'never more than the members not nominated', members: { total: 4, ldtt: 4, byRating: { HTXSNV: 0, HTTNV: 4, HTNV: 0, KHTNV: 0 } }, ldtt: 2, source: 'declared', notNominated: 1 },
  ])('$name', ({ members: m, ldtt, source, notNominated }) => {
    const s = build();
    const { share, by } = shareOf(s, { ...collective('U5'), members: { women: 0, ...m } } as never);
    expect(share).toMatchObject({ ldtt, notNominatedSource: source, notNominated, ldttFromCampaign: 1, deferredHere: 1, inconsistent: false });
    expect(by).toEqual(['m1']);
  });
  it('exactly as many nominated as declared members is consistent', () => {
    const s = build();
    const { share } = shareOf(s, { ...collective('U5'), members: { total: 3, women: 0, byRating: { HTXSNV: 0, HTTNV: 3, HTNV: 0, KHTNV: 0 } } } as never);
    expect(share).toMatchObject({ inconsistent: false, notNominated: 0, ldttNotNominated: 0, ldtt: 1 });
  });
  it('more nominated than declared members is inconsistent', () => {
    const s = build();
    const { share } = shareOf(s, { ...collective('U5'), members: { total: 2, women: 0, byRating: { HTXSNV: 0, HTTNV: 2, HTNV: 0, KHTNV: 0 } } } as never);
    expect(share).toMatchObject({ inconsistent: true, notNominated: 0, ldttNotNominated: 0 });
  });
});

describe('collective tiers', () => {
  const base = [nom('m1', 'LDTT', person('TV Một', { personId: 'm1', memberOf: 'U5' })), nom('m2', 'CSTDCS', person('TV Hai', { personId: 'm2', memberOf: 'U5', taskRating: 'HTXSNV' }))];
  const u5 = (over = {}) => collective('U5', { taskRating: 'HTXSNV', members: { total: 10, byRating: { HTXSNV: 3, HTTNV: 6, HTNV: 1, KHTNV: 0 }, women: 5, ldtt: 6 }, ...over });
  const upTo = (noms: ReturnType<typeof nom>[], date: Run['date'] = DATES.v2024) => {
    const s = stateOf({ date, noms });
    decideLdtt(s, worksOf(s, 'LDTT'));
    decideCstdcs(s, worksOf(s, 'CSTDCS'));
    noteCstdcs(s, worksOf(s, 'CSTDCS'));
    tallyMembers(s);
    return s;
  };

  it('TTLĐTT (Art 28: ≥ 70% LĐTT, no member at cảnh cáo or above): 8/10, one cảnh cáo declared', () => {
    const s = upTo([...base, nom('t', 'TTLDTT', u5({ disciplinedMembers: { khienTrach: 2, canhCao: 1, higher: 0 } }))]);
    decideTtldtt(s, worksOf(s, 'TTLDTT'));
    expect(checksOf(s, 't')).toEqual(['registration:true', 'discipline:true', 'ttldtt.rating:true', 'ttldtt.ldtt-share:true', 'ttldtt.discipline:false']);
    expect(workOf(s, 't').checks[3]?.facts).toMatchObject({ ldtt: 8, total: 10 });
    expect(workOf(s, 't').decision.dependsOn).toEqual(['m1', 'm2']);
  });
  it('TTLĐTT: a member disciplined above cảnh cáo counts too (Art 28)', () => {
    const s = upTo([...base, nom('t', 'TTLDTT', u5({ disciplinedMembers: { khienTrach: 0, canhCao: 0, higher: 1 } }))]);
    decideTtldtt(s, worksOf(s, 'TTLDTT'));
    expect(workOf(s, 't').checks.at(-1)).toMatchObject({ ruleId: 'ttldtt.discipline', passed: false, facts: { declaredCanhCaoOrAbove: 1 } });
  });
  it('TTLĐXS (Art 27): HTXSNV, nobody KHTNV, ≥ 70% LĐTT, a CSTĐCS from the campaign; noteTtldxs keeps it for Bằng khen', () => {
    const s = upTo([...base, nom('x', 'TTLDXS', u5())]);
    decideTtldxs(s, worksOf(s, 'TTLDXS'));
    expect(checksOf(s, 'x')).toEqual(['registration:true', 'discipline:true', 'ttldxs.rating:true', 'ttldxs.all-members:true', 'ttldxs.ldtt-share:true', 'ttldxs.cstdcs:true']);
    expect(workOf(s, 'x').decision.dependsOn).toEqual(['m1', 'm2']);
    noteTtldxs(s, worksOf(s, 'TTLDXS'));
    expect(s.ttldxsThisYear.get('c:U5')?.entry.id).toBe('x');
  });
  it("TTLĐXS depends on the members' LĐTT and on their CSTĐCS, each by its own nomination", () => {
    const s = upTo([...base, nom('l2', 'LDTT', person('TV Hai', { personId: 'm2', memberOf: 'U5', taskRating: 'HTXSNV' })), nom('x', 'TTLDXS', u5())]);
    expect(tallyOf(s, 'U5')).toMatchObject({ ldttBy: ['l2', 'm1'], cstdcsBy: ['m2'] });
    decideTtldxs(s, worksOf(s, 'TTLDXS'));
    expect(workOf(s, 'x').decision.dependsOn).toEqual(['l2', 'm1', 'm2']);
  });
  it("TTLĐXS under the old law also checks members' discipline (old Art 27)", () => {
    const s = upTo([...base, nom('x', 'TTLDXS', u5({ disciplinedMembers: { khienTrach: 0, canhCao: 0, higher: 1 } }))], DATES.v2017);
    decideTtldxs(s, worksOf(s, 'TTLDXS'));
    expect(checksOf(s, 'x').at(-1)).toBe('ttldxs.discipline:false');
  });
  it('Cờ thi đua (Art 26): HTXSNV, led its cụm/khối, exceeded every target', () => {
    const s = stateOf({ date: DATES.v2024, noms: [nom('f', 'CO_THI_DUA_TINH', u5({ ledCluster: true, exceededTargets: false }))] });
    decideCoThiDua(s, worksOf(s, 'CO_THI_DUA_TINH'));
    expect(checksOf(s, 'f')).toEqual(['registration:true', 'discipline:true', 'co-thi-dua.rating:true', 'co-thi-dua.led-cluster:true', 'co-thi-dua.exceeded-targets:false']);
    expect(statusOf(s, 'f')).toBe('not-eligible');
  });
});

describe('Bằng khen and Giấy khen tiers (Law 2022 Art 74, 75; Art 5.2.c)', () => {
  it('movement grounds: the unit must be ranked', () => {
    const s = stateOf({
      date: DATES.v2024,
      noms: [
        nom('b1', 'BANG_KHEN_TINH', person('Người Một', { personId: 'p1' }), { grounds: 'movement' }),
        nom('b2', 'BANG_KHEN_TINH', person('Người Hai', { personId: 'p2', unitId: 'U2' }), { grounds: 'movement' }),
      ],
      standings: [{ unitId: 'U1', rank: 3 }],
    });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(checksOf(s, 'b1')).toEqual(['discipline:true', 'bang-khen.movement:true']);
    expect(checksOf(s, 'b2')).toEqual(['discipline:true', 'bang-khen.movement:false']);
  });
  it('record, individual: 02 years HTXSNV with 02 initiatives of those years spends them', () => {
    const p = person('Người Một', {
      personId: 'p1',
      taskRating: 'HTXSNV',
      pastRatings: [{ year: 2023, rating: 'HTXSNV' }],
      initiatives: [ini('A', '2022-12-31'), ini('B', '2023-01-01'), ini('C', '2024-02-01')],
    });
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', p)] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(checksOf(s, 'b')).toEqual(['discipline:true', 'bang-khen.record:true', 'initiative.once:true']);
    expect(workOf(s, 'b').decision.initiativesUsed).toEqual(['B', 'C']);
  });
  it('record, individual: with one initiative left, the used one is named', () => {
    const p = person('Người Một', { personId: 'p1', taskRating: 'HTXSNV', pastRatings: [{ year: 2023, rating: 'HTXSNV' }], initiatives: [ini('B', '2023-01-01'), ini('C', '2024-02-01')] });
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', p)], used: ['C'] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(checksOf(s, 'b')).toEqual(['discipline:true', 'bang-khen.record:false', 'initiative.once:false']);
  });
  it('record, individual: one HTXSNV year only, no initiative check', () => {
    const p = person('Người Một', { personId: 'p1', taskRating: 'HTXSNV', initiatives: [ini('B', '2023-01-01')] });
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', p)], used: ['B'] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(checksOf(s, 'b')).toEqual(['discipline:true', 'bang-khen.record:false']);
  });
  it('record, individual: two HTXSNV years but one initiative and none used elsewhere: refused, no initiative check', () => {
    const p = person('Người Một', { personId: 'p1', taskRating: 'HTXSNV', pastRatings: [{ year: 2023, rating: 'HTXSNV' }], initiatives: [ini('B', '2023-01-01')] });
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', p)] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(checksOf(s, 'b')).toEqual(['discipline:true', 'bang-khen.record:false']);
  });
  it('record, individual: only HTXSNV years count in the chain, not HTTNV ones', () => {
    const p = person('Người Một', { personId: 'p1', taskRating: 'HTXSNV', pastRatings: [{ year: 2023, rating: 'HTTNV' }], initiatives: [ini('B', '2023-01-01'), ini('C', '2024-01-01')] });
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', p)] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(workOf(s, 'b').checks[1]?.facts).toMatchObject({ htxsnvChain: 1 });
    expect(statusOf(s, 'b')).toBe('not-eligible');
  });
  it('record, collective: only HTXSNV ratings and TTLĐXS titles count, not TTLĐTT', () => {
    const c = collective('U5', { taskRating: 'HTXSNV', pastTitles: [{ year: 2023, title: 'TTLDTT' }], pastRatings: [{ year: 2022, rating: 'HTTNV' }] });
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', c)] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(workOf(s, 'b').checks[1]?.facts).toMatchObject({ years: [2024], chain: 1 });
  });
  it("record, collective: last year's TTLĐXS and this year's from the campaign make 02 years", () => {
    const c = collective('U5', { taskRating: 'HTTNV', pastTitles: [{ year: 2023, title: 'TTLDXS' }] });
    const s = stateOf({ date: DATES.v2024, noms: [nom('x', 'TTLDXS', c), nom('b', 'BANG_KHEN_TINH', c)] });
    s.ttldxsThisYear.set('c:U5', workOf(s, 'x'));
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(checksOf(s, 'b')).toEqual(['discipline:true', 'bang-khen.record:true']);
    expect(workOf(s, 'b').decision.dependsOn).toEqual(['x']);
    const t = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', c)] });
    decideBangKhen(t, worksOf(t, 'BANG_KHEN_TINH'));
    expect(checksOf(t, 'b')).toEqual(['discipline:true', 'bang-khen.record:false']);
  });
  it('Giấy khen yields to an eligible Bằng khen of the same nominee (Art 5.2.c); waits while the council chooses', () => {
    const p = person('Người Một', { personId: 'p1' });
    const s = stateOf({
      date: DATES.v2024,
      noms: [nom('b', 'BANG_KHEN_TINH', p, { grounds: 'movement' }), nom('g', 'GIAY_KHEN', p), nom('h', 'GIAY_KHEN', person('Người Hai', { personId: 'p2', taskRating: 'HTNV' }))],
      standings: [{ unitId: 'U1', rank: 1 }],
    });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    noteBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    decideGiayKhen(s, worksOf(s, 'GIAY_KHEN'));
    expect(checksOf(s, 'g')).toEqual(['discipline:true', 'giay-khen.rating:true', 'achievement.once:false']);
    expect(checksOf(s, 'h')).toEqual(['discipline:true', 'giay-khen.rating:false']);

    const t = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', p, { grounds: 'movement' }), nom('g', 'GIAY_KHEN', p)], standings: [{ unitId: 'U1', rank: 1 }] });
    decideBangKhen(t, worksOf(t, 'BANG_KHEN_TINH'));
    workOf(t, 'b').decision.needsCouncilVote = true;
    noteBangKhen(t, worksOf(t, 'BANG_KHEN_TINH'));
    decideGiayKhen(t, worksOf(t, 'GIAY_KHEN'));
    expect(checksOf(t, 'g').at(-1)).toBe('achievement.once:true');
    expect(workOf(t, 'g').decision).toMatchObject({ status: 'eligible', dependsOn: ['b'] });
  });
  it('noteBangKhen keeps only eligible ones', () => {
    const s = stateOf({ date: DATES.v2024, noms: [nom('b', 'BANG_KHEN_TINH', person('Người Một', { personId: 'p1' }), { grounds: 'movement' })] });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    noteBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    expect(s.bangKhenOf.size).toBe(0);
  });
});

it("the fixtures go through the edge schema, as the engine's callers do", () => {
  expect(() => DecideInput.parse({ ...DATES.v2024, nominations: [nom('a', 'LDTT', person('A'))], unitStandings: [], options: {} })).not.toThrow();
});
