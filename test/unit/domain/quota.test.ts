import { applyQuota, applyTitleQuota, isPreferred, quotaSentence } from '../../../shared/domain/decision/quota';
import { worksOf } from '../../../shared/domain/decision/state';
import { ruleCitations, summarise } from '../../../shared/domain/decision/summary';
import { decideBangKhen } from '../../../shared/domain/decision/tiers/bang-khen';
import { DATES, collective, nom, person } from '../decide.fixtures';
import { checksOf, stateOf, statusOf, workOf } from './engine.fixtures';

/**
 * The quota cut (decision/quota.ts) on its own: candidates by their unit's standing; a rank group the line falls
 * inside goes to the council's vote (never cut silently); under vn-2025, NĐ 152/2025 Art 4.6 [V] prefers women and
 * collectives with ≥ 70% women inside that group. Quotas come from the campaign (e.g. Cần Thơ QĐ 10/2024/QĐ-UBND
 * Art 9.2.a [V]: ≤ 10% of collectives, ≤ 5% of individuals, domain-rules §2.3).
 */

const SRC = 'Quyết định số 10/2024/QĐ-UBND của Ủy ban nhân dân thành phố Cần Thơ, điểm a khoản 2 Điều 9';
const people = (n: number, over: (i: number) => object = () => ({})) =>
  Array.from({ length: n }, (_, i) => nom(`b${i + 1}`, 'BANG_KHEN_TINH', person(`Người ${i + 1}`, { personId: `p${i + 1}`, unitId: `U${i + 1}`, ...over(i + 1) }), { grounds: 'movement' }));
const decided = (date: (typeof DATES)[keyof typeof DATES], noms: ReturnType<typeof people>, standings: { unitId: string; rank: number }[], quota: object) => {
  const s = stateOf({ date, noms, standings, options: { quotas: { BANG_KHEN_TINH: { source: SRC, ...quota } } } });
  decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
  applyTitleQuota(s, 'BANG_KHEN_TINH');
  return s;
};

describe('the cut by standing', () => {
  const standings = [1, 2, 2, 4].map((rank, i) => ({ unitId: `U${i + 1}`, rank }));
  it('the line inside a rank group the chain could not separate: the group goes to the council, the rest is over', () => {
    // 50% of the 4 individuals nominated = 2 seats: U1 within, U2 and U3 tied at rank 2 for the last seat, U4 over.
    const s = decided(DATES.v2024, people(4), standings, { individualsPct: 50 });
    expect(['b1', 'b2', 'b3', 'b4'].map((id) => [statusOf(s, id), workOf(s, id).decision.quota?.outcome, workOf(s, id).decision.needsCouncilVote ?? false])).toEqual([
      ['eligible', 'within', false],
      ['eligible', 'council-vote', true],
      ['eligible', 'council-vote', true],
      ['over-quota', 'over', false],
    ]);
    expect(workOf(s, 'b2').decision.quota).toEqual({ id: 'BANG_KHEN_TINH:individuals', limit: 2, outcome: 'council-vote', unitRank: 2, seats: 1, contenders: 2 });
    expect(s.quotas[0]).toMatchObject({ limit: 2, base: 4, baseSource: 'individuals-nominated', candidates: 4, confirmed: 1, councilSeats: 1, councilContenders: 2, overQuota: 1 });
    expect(s.quotas[0]?.sentence).toBe(
      `Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: tối đa 2 cá nhân (50% của 4 cá nhân được đề nghị trong đợt) theo ${SRC}; 4 trường hợp đủ tiêu chuẩn: 1 trường hợp trong chỉ tiêu, 2 trường hợp đồng hạng chờ Hội đồng bỏ phiếu chọn 1, 1 trường hợp ngoài chỉ tiêu.`,
    );
    expect(workOf(s, 'b2').checks.at(-1)?.sentence).toBe(
      `Ông Người 2 (đơn vị xếp hạng thứ 2) đồng hạng với 1 trường hợp khác tại vị trí giới hạn chỉ tiêu 2 cá nhân (50% của 4 cá nhân được đề nghị trong đợt): còn 1 suất cho 2 trường hợp, đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn theo ${SRC}.`,
    );
    expect(workOf(s, 'b1').checks.at(-1)?.sentence).toBe(`Ông Người 1 (đơn vị xếp hạng thứ 1) nằm trong chỉ tiêu 2 cá nhân (50% của 4 cá nhân được đề nghị trong đợt) theo ${SRC}.`);
    expect(workOf(s, 'b4').checks.at(-1)?.sentence).toBe(`Ông Người 4 (đơn vị xếp hạng thứ 4) nằm ngoài chỉ tiêu 2 cá nhân (50% của 4 cá nhân được đề nghị trong đợt) theo ${SRC}.`);
    expect(summarise(workOf(s, 'b2'))).toBe(
      'Ông Người 2 đủ điều kiện, tiêu chuẩn, đề nghị xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh. Trường hợp này đồng hạng tại vị trí giới hạn chỉ tiêu (còn 1 suất cho 2 trường hợp), đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn.',
    );
    expect(summarise(workOf(s, 'b4'))).toBe(
      'Ông Người 4 đủ điều kiện, tiêu chuẩn Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh nhưng nằm ngoài chỉ tiêu (2 trường hợp theo Quyết định số 10/2024/QĐ-UBND của Ủy ban nhân dân thành phố Cần Thơ, điểm a khoản 2 Điều 9) theo thứ tự xếp hạng của đơn vị (đơn vị xếp hạng thứ 4 trong phong trào thi đua).',
    );
  });
  it('a group that fits exactly is within; the limit is floor(pct × base / 100), at least the minimum', () => {
    const s = decided(DATES.v2024, people(4), standings, { individualsPct: 75 });
    expect(['b1', 'b2', 'b3', 'b4'].map((id) => workOf(s, id).decision.quota?.outcome)).toEqual(['within', 'within', 'within', 'over']);
    const t = decided(DATES.v2024, people(4), standings, { individualsPct: 10, minimum: 1 });
    expect(t.quotas[0]).toMatchObject({ limit: 1, minimum: 1, confirmed: 1, overQuota: 3 });
    const z = decided(DATES.v2024, people(4), standings, { individualsPct: 10 });
    expect(z.quotas[0]).toMatchObject({ limit: 0, confirmed: 0, overQuota: 4 });
    expect(z.quotas[0]?.sentence).toContain('4 trường hợp đủ tiêu chuẩn: 0 trường hợp trong chỉ tiêu, 4 trường hợp ngoài chỉ tiêu.');
  });
  it('an unranked unit comes after the ranked ones, said so', () => {
    const s = stateOf({ date: DATES.v2024, noms: people(3), standings: [{ unitId: 'U3', rank: 5 }] });
    const spec = {
      id: 'BANG_KHEN_TINH:individuals',
      title: 'BANG_KHEN_TINH' as const,
      scope: 'individuals' as const,
      pct: 50,
      base: 2,
      baseSource: 'option' as const,
      minimum: 0,
      citation: { document: SRC, confidence: 'V' as const },
      ruleId: 'quota.BANG_KHEN_TINH',
    };
    applyQuota(s, spec, worksOf(s, 'BANG_KHEN_TINH'));
    expect(s.quotas[0]).toMatchObject({ limit: 1, confirmed: 1, overQuota: 2, councilContenders: 0 });
    expect(workOf(s, 'b3').decision.quota).toMatchObject({ outcome: 'within', unitRank: 5 });
    // The two unranked ones share the last place: one group, after the line, both over.
    expect(workOf(s, 'b1').decision.quota).toMatchObject({ outcome: 'over', unitRank: null });
    expect(workOf(s, 'b1').checks.at(-1)?.sentence).toBe(`Ông Người 1 (đơn vị chưa có kết quả xếp hạng) nằm ngoài chỉ tiêu 1 cá nhân (50% của 2 cá nhân theo số liệu của phong trào) theo ${SRC}.`);
  });
  it('an over-quota award releases the initiatives it would have spent', () => {
    const s = stateOf({ date: DATES.v2024, noms: people(1), standings: [{ unitId: 'U1', rank: 1 }] });
    const w = workOf(s, 'b1');
    w.take = [{ id: 'S1', title: 'S1', recognisedBy: 'unit', recognisedOn: '2024-01-01', kind: 'initiative' }];
    s.ledger.set('S1', 'b1');
    s.ledger.set('S2', 'other');
    w.decision.initiativesUsed = ['S1'];
    applyQuota(
      s,
      { id: 'X:individuals', title: 'BANG_KHEN_TINH', scope: 'individuals', pct: 0, base: 1, baseSource: 'option', minimum: 0, citation: { document: 'D', confidence: 'V' }, ruleId: 'quota.X' },
      [w],
    );
    expect(w.decision.status).toBe('over-quota');
    expect(w.decision.initiativesUsed).toBeUndefined();
    expect([...s.ledger]).toEqual([['S2', 'other']]);
  });
});

describe('NĐ 152/2025 Art 4.6: women first inside the group the line falls in (vn-2025 only)', () => {
  const standings = [1, 2, 2, 4].map((rank, i) => ({ unitId: `U${i + 1}`, rank }));
  const female3 = (i: number) => (i === 3 ? { gender: 'female' } : {});
  it('vn-2025: the woman of the tied pair takes the seat; both are told why', () => {
    const s = decided(DATES.v2025, people(4, female3), standings, { individualsPct: 50 });
    expect(['b1', 'b2', 'b3', 'b4'].map((id) => statusOf(s, id))).toEqual(['eligible', 'over-quota', 'eligible', 'over-quota']);
    expect(checksOf(s, 'b3').slice(-2)).toEqual(['tie.women-preference:true', 'quota.BANG_KHEN_TINH:true']);
    expect(workOf(s, 'b3').checks.at(-2)?.facts).toEqual({ gender: 'female', preferred: true });
    expect(workOf(s, 'b3').checks.at(-2)?.sentence).toBe('Bà Người 3 là cá nhân nữ, được ưu tiên lựa chọn khi cùng đủ điều kiện, tiêu chuẩn theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP.');
    expect(workOf(s, 'b2').checks.at(-2)?.sentence).toBe(
      'Ông Người 2 không phải là cá nhân nữ, không thuộc diện ưu tiên (cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên) khi cùng đủ điều kiện, tiêu chuẩn theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP.',
    );
  });
  it('vn-2024: no preference, the council chooses', () => {
    const s = decided(DATES.v2024, people(4, female3), standings, { individualsPct: 50 });
    expect(checksOf(s, 'b3')).not.toContain('tie.women-preference:true');
    expect(workOf(s, 'b3').decision.needsCouncilVote).toBe(true);
  });
  it('vn-2025, the whole group preferred: nothing to prefer, the council chooses', () => {
    const s = decided(
      DATES.v2025,
      people(4, () => ({ gender: 'female' })),
      standings,
      { individualsPct: 50 },
    );
    expect(checksOf(s, 'b2').some((c) => c.startsWith('tie.'))).toBe(false);
    expect(workOf(s, 'b2').decision.needsCouncilVote).toBe(true);
  });
  it('vn-2025, nobody in the group preferred: nothing to prefer, the council chooses', () => {
    const s = decided(DATES.v2025, people(4), standings, { individualsPct: 50 });
    expect(checksOf(s, 'b2').some((c) => c.startsWith('tie.'))).toBe(false);
    expect(workOf(s, 'b3').decision.needsCouncilVote).toBe(true);
  });
  it('vn-2025: a group that fits is not sorted by gender', () => {
    const s = decided(DATES.v2025, people(4, female3), standings, { individualsPct: 75 });
    expect(checksOf(s, 'b3').some((c) => c.startsWith('tie.'))).toBe(false);
  });
  it.each([
    [7, 10, true],
    [6, 10, false],
    [7, 11, false],
  ])('a collective with %i women of %i members is preferred: %s (≥ 70%)', (women, total, preferred) => {
    const c = collective('U1', { members: { total, women, byRating: { HTXSNV: 0, HTTNV: total, HTNV: 0, KHTNV: 0 } } });
    const s = stateOf({ date: DATES.v2025, noms: [nom('c', 'BANG_KHEN_TINH', c, { grounds: 'movement' })] });
    expect(isPreferred(workOf(s, 'c'))).toBe(preferred);
  });
  it('collectives: the sentence gives the share of women', () => {
    const c = (id: string, unitId: string, women: number) =>
      nom(id, 'BANG_KHEN_TINH', collective(unitId, { members: { total: 10, women, byRating: { HTXSNV: 0, HTTNV: 10, HTNV: 0, KHTNV: 0 } } }), { grounds: 'movement' });
    const s = stateOf({
      date: DATES.v2025,
      noms: [c('c1', 'U1', 8), c('c2', 'U2', 3)],
      standings: [
        { unitId: 'U1', rank: 1 },
        { unitId: 'U2', rank: 1 },
      ],
      options: { quotas: { BANG_KHEN_TINH: { collectivesPct: 50, source: SRC } } },
    });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    applyTitleQuota(s, 'BANG_KHEN_TINH');
    expect(s.quotas[0]).toMatchObject({ id: 'BANG_KHEN_TINH:collectives', base: 2, baseSource: 'collectives-participating', limit: 1, confirmed: 1, overQuota: 1 });
    expect(workOf(s, 'c1').checks.at(-2)?.facts).toEqual({ women: 8, total: 10, thresholdPct: 70, preferred: true });
    expect(workOf(s, 'c2').checks.at(-2)?.facts).toEqual({ women: 3, total: 10, thresholdPct: 70, preferred: false });
    expect(workOf(s, 'c1').checks.at(-2)?.sentence).toBe(
      'Tập thể Phòng U1 có 8/10 thành viên là nữ (80%), được ưu tiên lựa chọn khi cùng đủ điều kiện, tiêu chuẩn theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP.',
    );
    expect(workOf(s, 'c2').checks.at(-1)?.sentence).toBe(`Tập thể Phòng U2 (đơn vị xếp hạng thứ 1) nằm ngoài chỉ tiêu 1 tập thể (50% của 2 tập thể tham gia phong trào) theo ${SRC}.`);
  });
});

describe('applyTitleQuota', () => {
  it('only the eligible of its own title, each scope with its own candidates; none without a quota', () => {
    const noms = [...people(2), nom('k', 'BANG_KHEN_TINH', collective('U9'), { grounds: 'movement' })];
    const s = stateOf({ date: DATES.v2024, noms, standings: [{ unitId: 'U1', rank: 1 }], options: { quotas: { BANG_KHEN_TINH: { individualsPct: 100, collectivesPct: 100 } } } });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    applyTitleQuota(s, 'BANG_KHEN_TINH');
    applyTitleQuota(s, 'GIAY_KHEN');
    // b2 and k are not ranked: movement grounds refuse them, so only b1 is a candidate.
    expect(s.quotas.map((q) => [q.id, q.candidates, q.limit, q.citation.document])).toEqual([
      ['BANG_KHEN_TINH:individuals', 1, 2, 'Kế hoạch tổ chức phong trào thi đua'],
      ['BANG_KHEN_TINH:collectives', 0, 2, 'Kế hoạch tổ chức phong trào thi đua'],
    ]);
    expect(s.quotas[0]?.citation.note).toBe('Chỉ tiêu do phong trào thi đua khai báo (RuleOptions.quotas).');
  });
  it('the CSTĐCS cap names its base as the LĐTT of the campaign', () => {
    expect(
      quotaSentence({
        id: 'CSTDCS:cap',
        title: 'CSTDCS',
        scope: 'individuals',
        pct: 15,
        base: 20,
        baseSource: 'ldtt-in-campaign',
        limit: 3,
        minimum: 0,
        candidates: 3,
        confirmed: 3,
        councilSeats: 0,
        councilContenders: 0,
        overQuota: 0,
        citation: { document: 'Nghị định số 91/2017/NĐ-CP', article: 'Điều 9', clause: 'khoản 3', confidence: 'S' },
      }),
    ).toBe(
      'Danh hiệu “Chiến sĩ thi đua cơ sở”: tối đa 3 cá nhân (15% của 20 cá nhân đạt danh hiệu “Lao động tiên tiến”) theo khoản 3 Điều 9 Nghị định số 91/2017/NĐ-CP; 3 trường hợp đủ tiêu chuẩn: 3 trường hợp trong chỉ tiêu.',
    );
  });
  it('a collectives base declared by the campaign is named so', () => {
    expect(
      quotaSentence({
        id: 'X',
        title: 'CO_THI_DUA_TINH',
        scope: 'collectives',
        pct: 10,
        base: 30,
        baseSource: 'option',
        limit: 3,
        minimum: 0,
        candidates: 1,
        confirmed: 1,
        councilSeats: 0,
        councilContenders: 0,
        overQuota: 0,
        citation: { document: 'D', confidence: 'V' },
      }),
    ).toBe('Cờ thi đua của Ủy ban nhân dân tỉnh: tối đa 3 tập thể (10% của 30 tập thể theo số liệu của phong trào) theo D; 1 trường hợp đủ tiêu chuẩn: 1 trường hợp trong chỉ tiêu.');
  });
});

describe('summaries and citations (the last steps)', () => {
  const build = () => {
    const s = stateOf({
      date: DATES.v2024,
      options: { disciplinePrinciple: true },
      noms: [
        nom('a', 'BANG_KHEN_TINH', person('Người A', { personId: 'pa' }), { grounds: 'movement' }),
        nom('b', 'BANG_KHEN_TINH', person('Người B', { personId: 'pb', unitId: 'U2', discipline: { status: 'pending' } }), { grounds: 'movement' }),
        nom('c', 'BANG_KHEN_TINH', person('Người C', { personId: 'pc', unitId: 'U3' }), { grounds: 'movement' }),
      ],
      standings: [
        { unitId: 'U1', rank: 1 },
        { unitId: 'U2', rank: 2 },
      ],
    });
    decideBangKhen(s, worksOf(s, 'BANG_KHEN_TINH'));
    return s;
  };
  it.each([
    ['a', 'Ông Người A đủ điều kiện, tiêu chuẩn, đề nghị xét tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh.'],
    [
      'b',
      'Chưa xét Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh đối với ông Người B. Ông Người B đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư; chưa xét khen thưởng theo Nghị định số 98/2023/NĐ-CP.',
    ],
    [
      'c',
      'Ông Người C chưa đủ điều kiện, tiêu chuẩn Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh. Lý do: Đơn vị của ông Người C không có trong kết quả xếp hạng của phong trào thi đua nên chưa có căn cứ đề nghị Bằng khen về thành tích trong phong trào theo Điều 74 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    ],
  ])('%s', (id, sentence) => {
    expect(summarise(workOf(build(), id))).toBe(sentence);
  });
  it('refused and deferred at once: refused, the deferral is not given as a reason', () => {
    const t = stateOf({ date: DATES.v2024, noms: [nom('d', 'BANG_KHEN_TINH', person('Người D', { personId: 'pd', unitId: 'U9', discipline: { status: 'pending' } }), { grounds: 'movement' })] });
    decideBangKhen(t, worksOf(t, 'BANG_KHEN_TINH'));
    expect(statusOf(t, 'd')).toBe('not-eligible');
    expect(summarise(workOf(t, 'd'))).toBe(
      'Ông Người D chưa đủ điều kiện, tiêu chuẩn Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh. Lý do: Đơn vị của ông Người D không có trong kết quả xếp hạng của phong trào thi đua nên chưa có căn cứ đề nghị Bằng khen về thành tích trong phong trào theo Điều 74 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
  });
  it("each rule's note once, by ruleId in order; the checks keep the citation without it", () => {
    const s = build();
    const rules = ruleCitations(s);
    expect(Object.keys(rules)).toEqual(['bang-khen.movement', 'discipline', 'discipline.pending']);
    expect(rules['bang-khen.movement']?.note).toContain('Thành tích xuất sắc trong phong trào thi đua');
    expect(workOf(s, 'a').checks.every((c) => c.citation.note === undefined)).toBe(true);
    expect(workOf(s, 'a').checks[1]?.citation).toEqual({ document: 'Luật Thi đua, khen thưởng số 06/2022/QH15', article: 'Điều 74', confidence: 'V' });
  });
});
