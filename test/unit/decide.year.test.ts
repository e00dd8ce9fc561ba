import { assessmentYearOf } from '../../shared/domain/campaign';
import { todayInVietnam } from '../../shared/domain/vn-date';
import type { Initiative } from '../../shared/schemas/nomination';
import { collective, decisionOf, nom, person, run } from './decide.fixtures';

/**
 * Issue 11: the year under review (năm đánh giá) and the date whose law applies (ngày xét) are different things. Each
 * case names the rule and its source; sentences are tested as text, since the Council reads them aloud.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ini = (id: string, recognisedOn: string): Initiative => ({ id, title: `Sáng kiến ${id}`, recognisedBy: 'unit', recognisedOn, kind: 'initiative' });
const sentence = (res: ReturnType<typeof run>, id: string, ruleId: string) => decisionOf(res, id).checks.find((c) => c.ruleId === ruleId)?.sentence;

describe('the assessment year across a change of regime (Law 06/2022 Art 94 [V]; NĐ 152/2025 Art 59 [V])', () => {
  const campaign2023 = { date: '2023-02-15', deadlines: { reports: '2023-12-20T17:00:00+07:00', nominations: '2024-01-10T17:00:00+07:00' } };
  const campaign2025 = { date: '2025-02-10', deadlines: { nominations: '2026-01-12T17:00:00+07:00' } };

  it.each([
    { name: 'the letter’s year', c: campaign2023, year: 2023 },
    { name: 'the campaign’s own year wins', c: { ...campaign2023, assessmentYear: 2022 }, year: 2022 },
    { name: 'without a letter date: the final reports’ deadline (Vietnam time)', c: { deadlines: { reports: '2023-12-31T18:00:00+07:00', nominations: '2024-01-10T17:00:00+07:00' } }, year: 2023 },
    { name: 'without either: the nomination deadline', c: { deadlines: { nominations: '2026-01-12T17:00:00+07:00' } }, year: 2026 },
  ])('assessmentYearOf: $name', ({ c, year }) => {
    expect(assessmentYearOf(c, todayInVietnam)).toBe(year);
  });

  // The two cases: a 2023 review decided on 10/01/2024, under the 2022 law, judged as 2023.
  const review2023 = () =>
    run({
      date: { referenceDate: '2024-01-10', campaignYear: assessmentYearOf(campaign2023, todayInVietnam) },
      noms: [
        nom('l1', 'LDTT', person('Nguyễn Văn Tuyển', { personId: 'nvt', hireDate: '2023-05-01' })),
        nom('b1', 'BANG_KHEN_TINH', person('Lê Thị Chuỗi', { personId: 'ltc', gender: 'female', pastTitles: [{ year: 2022, title: 'CSTDCS' }, { year: 2023, title: 'CSTDCS' }] })),
      ],
    });

  it('2023 review on 10/01/2024: vn-2024 decides, tenure counted to the end of 2023 (TT 01/2024 [S], 06 months)', () => {
    const res = review2023();
    expect(res).toMatchObject({ ruleSet: 'vn-2024', campaignYear: 2023 });
    expect(decisionOf(res, 'l1').status).toBe('eligible');
    expect(sentence(res, 'l1', 'ldtt.tenure')).toBe(
      'Ông Nguyễn Văn Tuyển được tuyển dụng ngày 01/5/2023, có 8 tháng công tác tính đến hết năm 2023, đủ thời gian tối thiểu 6 tháng để xét danh hiệu “Lao động tiên tiến” theo Thông tư số 01/2024/TT-BNV.',
    );
  });

  it('2023 review on 10/01/2024: CSTĐCS 2022 and 2023 are 02 consecutive for Bằng khen (Law 2022 Art 74 [V]; Art 95 keeps the titles awarded before)', () => {
    const res = review2023();
    expect(decisionOf(res, 'b1').status).toBe('eligible');
    expect(sentence(res, 'b1', 'bang-khen.record')).toBe(
      'Bà Lê Thị Chuỗi có 2 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (các năm 2022, 2023), đạt tiêu chuẩn Bằng khen theo Điều 74 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
    expect(res.regime).toMatchObject({ ruleSet: 'vn-2024', ruleSetAtYearEnd: 'vn-2017', assessmentYear: 2023, decidedLater: true, crossed: true });
    expect(res.regime.citations.map((c) => `${c.article ?? ''} ${c.document} [${c.confidence}]`)).toEqual([
      'Điều 94 Luật Thi đua, khen thưởng số 06/2022/QH15 [V]',
      ' Nghị định số 98/2023/NĐ-CP [S]',
      ' Nghị định số 152/2025/NĐ-CP [U]',
      'Điều 95 Luật Thi đua, khen thưởng số 06/2022/QH15 [V]',
    ]);
    expect(res.regime.sentence).toBe(
      'Xét thành tích năm 2023 (năm đánh giá) vào ngày 10/01/2024 (ngày xét): áp dụng Luật Thi đua, khen thưởng số 06/2022/QH15 (có hiệu lực từ ngày 01/01/2024 theo khoản 1 Điều 94 Luật Thi đua, khen thưởng số 06/2022/QH15) và Nghị định số 98/2023/NĐ-CP (có hiệu lực từ ngày 01/01/2024), là văn bản có hiệu lực tại ngày xét; năm đánh giá dùng để tính thời gian công tác, số năm liên tục và sáng kiến. Năm đánh giá thuộc thời kỳ của bộ quy tắc vn-2017; hồ sơ được xét theo văn bản có hiệu lực tại ngày xét (điều khoản chuyển tiếp về hồ sơ đã tiếp nhận chưa được đối chiếu). Danh hiệu, hình thức khen thưởng đã được tặng trước ngày 01/01/2024 tiếp tục được công nhận và được tính vào số năm liên tục theo Điều 95 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
  });

  it('the bug it replaces: the reference date’s year (2024) judged the 2023 facts as year 2024', () => {
    const wrong = run({ date: { referenceDate: '2024-01-10', campaignYear: 2024 }, noms: review2023Noms() });
    expect(sentence(wrong, 'b1', 'bang-khen.record')).toContain('0 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở”');
    expect(sentence(wrong, 'l1', 'ldtt.tenure')).toContain('tính đến hết năm 2024');
  });
  const review2023Noms = () => [
    nom('l1', 'LDTT', person('Nguyễn Văn Tuyển', { personId: 'nvt', hireDate: '2023-05-01' })),
    nom('b1', 'BANG_KHEN_TINH', person('Lê Thị Chuỗi', { personId: 'ltc', gender: 'female', pastTitles: [{ year: 2022, title: 'CSTDCS' }, { year: 2023, title: 'CSTDCS' }] })),
  ];

  it('2025 review on 12/01/2026: vn-2025 both at the year’s end and on the day, no transition (NĐ 152/2025 Art 59 [V])', () => {
    const res = run({
      date: { referenceDate: '2026-01-12', campaignYear: assessmentYearOf(campaign2025, todayInVietnam) },
      noms: [nom('l1', 'LDTT', person('Trần Văn Năm', { personId: 'tvn', hireDate: '2025-07-01' })), nom('l2', 'LDTT', person('Trần Văn Sáu', { personId: 'tvs', hireDate: '2025-07-02' }))],
    });
    expect(res).toMatchObject({ ruleSet: 'vn-2025', campaignYear: 2025, regime: { crossed: false, decidedLater: true, ruleSetAtYearEnd: 'vn-2025' } });
    expect(res.regime.citations.map((c) => c.article)).toEqual(['Điều 94', 'Điều 59']);
    // Hired 01/7/2025: exactly 06 months to 31/12/2025; one day later: 5.
    expect(decisionOf(res, 'l1').status).toBe('eligible');
    expect(decisionOf(res, 'l2').status).toBe('not-eligible');
    expect(sentence(res, 'l2', 'ldtt.tenure')).toBe(
      'Ông Trần Văn Sáu được tuyển dụng ngày 02/7/2025, mới có 5 tháng công tác tính đến hết năm 2025, chưa đủ 6 tháng nên chưa được xét danh hiệu “Lao động tiên tiến” theo Thông tư số 15/2025/TT-BNV.',
    );
  });
});

describe('initiatives ground their own year, the assessment year first (issue 11; CV 5007/BNV-TĐKT [S])', () => {
  it('the 2023 CSTĐCS spends the 2023 initiative, leaving the 2022 one', () => {
    const res = run({
      date: { referenceDate: '2023-12-10', campaignYear: 2023 },
      noms: [nom('c1', 'CSTDCS', person('Phan Văn Sáng', { personId: 'pvs', initiatives: [ini('SK-2022', '2022-05-01'), ini('SK-2023', '2023-05-01')] }))],
      options: { cstdcsCapPct: null },
    });
    expect(decisionOf(res, 'c1')).toMatchObject({ status: 'eligible', initiativesUsed: ['SK-2023'] });
  });
});

describe('unverified rules are the campaign’s choice (issue 11)', () => {
  const disciplined = () => person('Vũ Văn Kỷ', { personId: 'vvk', discipline: { status: 'pending' } });

  it('vn-2017: the NĐ 152/2025 Art 4.4 principle does not decide, and the sentence says so', () => {
    const res = run({ date: { referenceDate: '2023-12-10', campaignYear: 2023 }, noms: [nom('g1', 'GIAY_KHEN', disciplined())] });
    const d = decisionOf(res, 'g1');
    expect(d.status).toBe('eligible');
    expect(sentence(res, 'g1', 'discipline.not-applied')).toBe(
      'Ông Vũ Văn Kỷ đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư; nguyên tắc chưa khen thưởng khi đang xem xét kỷ luật và chỉ tính thành tích từ khi chấp hành xong kỷ luật chưa được đối chiếu trong Nghị định số 91/2017/NĐ-CP và phong trào không áp dụng (tùy chọn disciplinePrinciple), nên không dùng để xét hồ sơ này; đề nghị Hội đồng lưu ý.',
    );
    expect(res.unverified).toEqual([]);
  });

  it('vn-2017 with the option on: deferred, and the option is listed as unverified in force', () => {
    const res = run({ date: { referenceDate: '2023-12-10', campaignYear: 2023 }, noms: [nom('g1', 'GIAY_KHEN', disciplined())], options: { disciplinePrinciple: true } });
    expect(decisionOf(res, 'g1').status).toBe('deferred');
    expect(res.unverified.map((u) => u.option)).toEqual(['disciplinePrinciple']);
    expect(res.unverified[0]?.sentence).toBe('Tùy chọn disciplinePrinciple = bật: Cấu hình của phong trào thi đua (RuleOptions).');
  });

  it('vn-2017: the Bằng khen route of 02 consecutive CSTĐCS is the 2022 law’s: off by default, the campaign’s citation when on', () => {
    const chain = () => [nom('b1', 'BANG_KHEN_TINH', person('Đinh Văn Hai', { personId: 'dvh', pastTitles: [{ year: 2022, title: 'CSTDCS' }, { year: 2023, title: 'CSTDCS' }] }))];
    const off = run({ date: { referenceDate: '2023-12-10', campaignYear: 2023 }, noms: chain() });
    expect(decisionOf(off, 'b1').status).toBe('not-eligible');
    expect(sentence(off, 'b1', 'bang-khen.record')).toBe(
      'Ông Đinh Văn Hai có 0 năm liên tục hoàn thành xuất sắc nhiệm vụ tính đến năm 2023, chưa đạt tiêu chuẩn Bằng khen (02 năm liên tục hoàn thành xuất sắc nhiệm vụ có 02 sáng kiến) theo Nghị định số 91/2017/NĐ-CP.',
    );
    const on = run({ date: { referenceDate: '2023-12-10', campaignYear: 2023 }, noms: chain(), options: { bangKhenCstdcsRoute: true } });
    const check = decisionOf(on, 'b1').checks.find((c) => c.ruleId === 'bang-khen.record');
    expect(check).toMatchObject({ passed: true, citation: { document: 'Kế hoạch tổ chức phong trào thi đua', confidence: 'U' } });
    expect(on.rules['bang-khen.record']?.note).toContain('Điều 74 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(on.unverified.map((u) => u.option)).toContain('bangKhenCstdcsRoute');
  });
});

describe('every sentence names the rule that decided it, and people, never ids (issue 11)', () => {
  const id = (n: number) => `2fc9f089-0000-4000-8000-00000000000${n}`;

  it('a quota seat given to a woman of equal standing: the man’s summary cites NĐ 152/2025 Art 4.6, not the ranking', () => {
    const res = run({
      date: { referenceDate: '2025-12-10', campaignYear: 2025 },
      noms: [
        nom(id(1), 'BANG_KHEN_TINH', person('Hà Văn Nam', { personId: 'hvn', unitId: 'U1' }), { grounds: 'movement' }),
        nom(id(2), 'BANG_KHEN_TINH', person('Hà Thị Nữ', { personId: 'htn', unitId: 'U2', gender: 'female' }), { grounds: 'movement' }),
      ],
      standings: [
        { unitId: 'U1', rank: 1, tie: true },
        { unitId: 'U2', rank: 1, tie: true },
      ],
      options: { quotas: { BANG_KHEN_TINH: { individualsPct: 50, individualsBase: 2 } } },
    });
    expect(decisionOf(res, id(2)).status).toBe('eligible');
    const man = decisionOf(res, id(1));
    expect(man.status).toBe('over-quota');
    expect(man.summary).toBe(
      'Ông Hà Văn Nam đủ điều kiện, tiêu chuẩn Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh nhưng nằm ngoài chỉ tiêu (1 trường hợp theo Kế hoạch tổ chức phong trào thi đua): đồng hạng với trường hợp khác tại vị trí giới hạn chỉ tiêu (đơn vị cùng xếp hạng thứ 1), suất còn lại dành cho cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên theo khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP.',
    );
    expect(man.summary).not.toContain('theo thứ tự xếp hạng');
  });

  it('over the quota by rank: the unit’s rank and the quota’s source', () => {
    const res = run({
      date: { referenceDate: '2025-12-10', campaignYear: 2025 },
      noms: [nom('a', 'GIAY_KHEN', person('Một', { personId: 'a', unitId: 'U1' })), nom('b', 'GIAY_KHEN', person('Hai', { personId: 'b', unitId: 'U2' }))],
      standings: [
        { unitId: 'U1', rank: 1 },
        { unitId: 'U2', rank: 2 },
      ],
      options: { quotas: { GIAY_KHEN: { individualsPct: 50, individualsBase: 2, source: 'Quyết định số 10/2024/QĐ-UBND' } } },
    });
    expect(decisionOf(res, 'b').summary).toBe(
      'Ông Hai đủ điều kiện, tiêu chuẩn Giấy khen nhưng nằm ngoài chỉ tiêu (1 trường hợp theo Quyết định số 10/2024/QĐ-UBND) theo thứ tự xếp hạng của đơn vị (đơn vị xếp hạng thứ 2 trong phong trào thi đua).',
    );
  });

  it('an initiative spent by another nomination names that award and its nominee; a repeated award names no dossier', () => {
    const shared = [ini('SK-1', '2025-03-01')];
    const res = run({
      date: { referenceDate: '2025-12-10', campaignYear: 2025 },
      noms: [
        nom(id(1), 'CSTDCS', person('Lý Văn Đầu', { personId: 'lvd', initiatives: shared })),
        nom(id(2), 'CSTDCS', person('Lý Văn Sau', { personId: 'lvs', initiatives: shared })),
        nom(id(3), 'LDTT', person('Lý Văn Đầu', { personId: 'lvd' })),
        nom(id(4), 'LDTT', person('Lý Văn Đầu', { personId: 'lvd' })),
      ],
    });
    expect(sentence(res, id(2), 'initiative.once')).toBe(
      'Sáng kiến “Sáng kiến SK-1” (đã dùng làm căn cứ đề nghị danh hiệu “Chiến sĩ thi đua cơ sở” của ông Lý Văn Đầu trong đợt này) của ông Lý Văn Sau đã được dùng làm căn cứ khen thưởng, không được sử dụng lại theo Công văn số 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ.',
    );
    expect(sentence(res, id(4), 'achievement.once')).toBe(
      'Ông Lý Văn Đầu đã được đề nghị danh hiệu “Lao động tiên tiến” cho cùng thành tích trong đợt này; không khen thưởng nhiều lần, nhiều hình thức cho một thành tích theo điểm c khoản 2 Điều 5 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    );
    for (const d of res.decisions) {
      expect(d.summary).not.toMatch(UUID);
      for (const c of d.checks) expect(c.sentence).not.toMatch(UUID);
    }
  });

  it('every check of every decision cites a document', () => {
    const res = review2023Like();
    for (const d of res.decisions) for (const c of d.checks) expect(c.citation.document.length).toBeGreaterThan(0);
  });
  const review2023Like = () =>
    run({
      date: { referenceDate: '2024-01-10', campaignYear: 2023 },
      noms: [nom('t1', 'TTLDTT', collective('U5')), nom('l1', 'LDTT', person('Một', { personId: 'x' }))],
    });
});

describe('the ties the Council decides (issue 11)', () => {
  it('a standings tie and a quota-edge tie, each with the chain that failed', () => {
    const res = run({
      date: { referenceDate: '2024-12-10', campaignYear: 2024 },
      noms: [
        nom('a', 'GIAY_KHEN', person('Ông A', { personId: 'a', unitId: 'U1' })),
        nom('b', 'GIAY_KHEN', person('Ông B', { personId: 'b', unitId: 'U2' })),
        nom('c', 'GIAY_KHEN', person('Ông C', { personId: 'c', unitId: 'U3' })),
      ],
      standings: [
        { unitId: 'U1', rank: 1, tie: true },
        { unitId: 'U2', rank: 1, tie: true },
        { unitId: 'U3', rank: 3 },
      ],
      options: { quotas: { GIAY_KHEN: { individualsPct: 34, individualsBase: 3 } } },
    });
    expect(res.ties.map((t) => ({ id: t.id, kind: t.kind, seats: t.seats, contenders: t.contenders.map((c) => c.id) }))).toEqual([
      { id: 'standings:1', kind: 'standings', seats: null, contenders: ['U1', 'U2'] },
      { id: 'GIAY_KHEN:individuals', kind: 'quota', seats: 1, contenders: ['a', 'b'] },
    ]);
    const quotaTie = res.ties[1];
    expect(quotaTie?.chain).toEqual(['thứ hạng của đơn vị trong kết quả chấm điểm của phong trào (tổng điểm, rồi các tiêu chí phụ của thang điểm)']);
    expect(quotaTie?.sentence).toBe(
      'Giấy khen: Ông A, Ông B cùng đủ điều kiện, tiêu chuẩn tại vị trí giới hạn chỉ tiêu 1 trường hợp theo Kế hoạch tổ chức phong trào thi đua, còn 1 suất cho 2 trường hợp; thứ hạng của đơn vị trong kết quả chấm điểm của phong trào (tổng điểm, rồi các tiêu chí phụ của thang điểm) không phân biệt được; đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn.',
    );
    expect(res.ties[0]?.sentence).toContain('U1, U2 đồng hạng 1 trong kết quả chấm điểm của phong trào: tổng điểm, các tiêu chí phụ của thang điểm đều bằng nhau');
  });
});

describe('each summary path, as text (the minutes; decision/summary.ts)', () => {
  const res = run({
    date: { referenceDate: '2025-12-10', campaignYear: 2025 },
    noms: [
      nom('e', 'LDTT', person('Đào Văn Đạt', { personId: 'e' })),
      nom('n', 'LDTT', person('Đào Văn Chưa', { personId: 'n', taskRating: 'HTNV' })),
      nom('d', 'LDTT', person('Đào Văn Hoãn', { personId: 'd', discipline: { status: 'pending' } })),
    ],
  });
  it.each([
    ['e', 'Ông Đào Văn Đạt đủ điều kiện, tiêu chuẩn, đề nghị xét tặng danh hiệu “Lao động tiên tiến”.'],
    [
      'n',
      'Ông Đào Văn Chưa chưa đủ điều kiện, tiêu chuẩn danh hiệu “Lao động tiên tiến”. Lý do: Ông Đào Văn Chưa được đánh giá Hoàn thành nhiệm vụ, chưa đạt mức hoàn thành tốt nhiệm vụ trở lên để xét danh hiệu “Lao động tiên tiến” theo điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15.',
    ],
    [
      'd',
      'Chưa xét danh hiệu “Lao động tiên tiến” đối với ông Đào Văn Hoãn. Ông Đào Văn Hoãn đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư; chưa xét khen thưởng theo khoản 4 Điều 4 Nghị định số 152/2025/NĐ-CP.',
    ],
  ])('%s', (id, text) => {
    expect(decisionOf(res, id).summary).toBe(text);
  });
});

describe('the unverified options in force, as the Council reads them', () => {
  it('vn-2024 defaults: the unverified rules are off, only the 70% share (a figure, not a rule one can turn off) takes part', () => {
    const res = run({ date: { referenceDate: '2024-12-10', campaignYear: 2024 }, noms: [] });
    expect(res.options).toMatchObject({ registrationRequired: false, disciplinePrinciple: false });
    expect(res.unverified.map((u) => u.sentence.split(':')[0])).toEqual(['Tùy chọn ttldttLdttShare = ít nhất 70%']);
  });
  it('vn-2024, the campaign turns registration and the discipline principle on: both listed, with the campaign as their source', () => {
    const res = run({ date: { referenceDate: '2024-12-10', campaignYear: 2024 }, noms: [], options: { registrationRequired: true, disciplinePrinciple: true } });
    expect(res.unverified.map((u) => u.sentence)).toEqual([
      'Tùy chọn registrationRequired = bật: Cấu hình của phong trào thi đua (RuleOptions).',
      'Tùy chọn ttldttLdttShare = ít nhất 70%: Ít nhất 70% (Luật 2022 Điều 28 theo QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 2) [U].',
      'Tùy chọn disciplinePrinciple = bật: Cấu hình của phong trào thi đua (RuleOptions).',
    ]);
  });
  it('vn-2025 keeps the verified principle (NĐ 152/2025 Art 4.4) on by default, not listed as unverified', () => {
    const res = run({ date: { referenceDate: '2026-01-10', campaignYear: 2025 }, noms: [] });
    expect(res.options).toMatchObject({ registrationRequired: false, disciplinePrinciple: true });
    expect(res.unverified.map((u) => u.option)).not.toContain('disciplinePrinciple');
  });
});
