import { type PastRecords, decideInputs, decideNominations, recordSubjectKey, subjectKeyOf } from '../../../shared/domain/decide';
import { classifyClaim, classifyClaims, indexRecords } from '../../../shared/domain/decision/claims';
import { individualSubject } from '../../../shared/domain/rules/common';
import { CollectiveNominee, IndividualNominee, type Initiative, RuleOptions } from '../../../shared/schemas/nomination';
import type { AwardRecord, RecordCoverage, RecordSubject } from '../../../shared/schemas/record';
import { DATES, collective, decisionOf, nom, person } from '../decide.fixtures';

/**
 * Issue 13: the past titles a nomination declares, checked against the agency's achievement records. Verified (an
 * awarded record cites its decision), contradicted (the agency's finalized campaign decided that title for that year and
 * the nominee is not in its results: the year is not counted), declared (the records predate the claim or cannot say),
 * each with its sentence; then what the engine decides with them (Law 2022 Art 22: 03 consecutive CSTĐCS for CSTĐ tỉnh;
 * Art 74: 02 consecutive CSTĐCS, or for a collective 02 years HTXSNV or TTLĐXS, for a Bằng khen).
 */

const SO = 'Giám đốc Sở Ngoại vụ';
const UBND = 'Chủ tịch Ủy ban nhân dân tỉnh';
const C23 = { campaignId: 'C23', campaignTitle: 'Phong trào thi đua năm 2023' };
const C24 = { campaignId: 'C24', campaignTitle: 'Phong trào thi đua năm 2024' };
const QD23 = { number: '05/QĐ-SNgV', date: '2024-01-10', decidedBy: SO };
const QD24 = { number: '03/QĐ-SNgV', date: '2025-01-09', decidedBy: SO };
const TTR24 = { number: '07/TTr-SNgV', date: '2025-01-09', decidedBy: UBND };

const AN: RecordSubject = { kind: 'individual', personId: 'an', name: 'Nguyễn Văn An', unitId: 'U1' };
const LS: RecordSubject = { kind: 'collective', unitId: 'U2', name: 'Phòng Lãnh sự' };

const record = (subject: RecordSubject, over: Partial<AwardRecord> & Pick<AwardRecord, 'year' | 'title'>): AwardRecord => ({
  agencyId: 'SNGV',
  subject,
  outcome: 'awarded',
  ...C23,
  nominationId: `n-${over.year}-${over.title}`,
  document: QD23,
  recordedAt: '2024-01-10T09:00:00+07:00',
  ...over,
});

/** The agency decided CSTĐCS in its 2023 and 2024 campaigns, and TTLĐXS (proposed up the line) in both. */
const coverage: RecordCoverage[] = [
  { year: 2023, title: 'CSTDCS', ...C23, document: QD23 },
  { year: 2024, title: 'CSTDCS', ...C24, document: QD24 },
  { year: 2023, title: 'TTLDXS', ...C23, document: { number: '02/TTr-SNgV', date: '2024-01-10', decidedBy: UBND } },
  { year: 2024, title: 'TTLDXS', ...C24, document: TTR24 },
];

const anRecords = [record(AN, { year: 2023, title: 'CSTDCS' })];
const lsRecords = [record(LS, { year: 2024, title: 'TTLDXS', outcome: 'proposed', ...C24, document: TTR24 })];
const records = (over: Partial<PastRecords['bySubject']> = {}): PastRecords => ({ bySubject: { 'p:an': anRecords, 'c:U2': lsRecords, ...over } as PastRecords['bySubject'], coverage });

const an = IndividualNominee.parse(person('Nguyễn Văn An', { personId: 'an' }));
const subject = individualSubject(an);
const one = (year: number, title: 'CSTDCS' | 'TTLDXS' | 'BANG_KHEN_TINH', recs: PastRecords = records()) => {
  const index = indexRecords(recs);
  return classifyClaim(index, subject, index.bySubject.get('p:an'), { year, title });
};

describe('one claim against the records (issue 13)', () => {
  it('verified: an awarded record of that year and title, its decision cited', () => {
    expect(one(2023, 'CSTDCS')).toEqual({
      year: 2023,
      title: 'CSTDCS',
      status: 'verified',
      sentence:
        'Ông Nguyễn Văn An đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2023 theo Quyết định số 05/QĐ-SNgV ngày 10/01/2024 của Giám đốc Sở Ngoại vụ (đợt xét khen thưởng “Phong trào thi đua năm 2023”), đã đối chiếu với hồ sơ thành tích của cơ quan.',
      record: { outcome: 'awarded', ...C23, nominationId: 'n-2023-CSTDCS', document: QD23 },
    });
  });
  it('contradicted: the agency decided CSTĐCS for 2024 and the nominee is not in its results', () => {
    expect(one(2024, 'CSTDCS')).toEqual({
      year: 2024,
      title: 'CSTDCS',
      status: 'contradicted',
      sentence:
        'Ông Nguyễn Văn An kê khai đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 nhưng hồ sơ thành tích của cơ quan không ghi nhận: đợt xét khen thưởng “Phong trào thi đua năm 2024” đã xét danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 (Quyết định số 03/QĐ-SNgV ngày 09/01/2025 của Giám đốc Sở Ngoại vụ) và ông Nguyễn Văn An không có tên trong kết quả; thành tích này không được tính làm căn cứ xét khen thưởng.',
      coverage: coverage[1],
    });
  });
  it('declared: the claim predates the records, which say where they begin', () => {
    expect(one(2022, 'CSTDCS')).toEqual({
      year: 2022,
      title: 'CSTDCS',
      status: 'declared',
      reason: 'not-covered',
      sentence:
        'Ông Nguyễn Văn An kê khai đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2022; hồ sơ thành tích của cơ quan chưa có kết quả xét danh hiệu “Chiến sĩ thi đua cơ sở” năm 2022 (hồ sơ bắt đầu từ năm 2023), thành tích được ghi nhận theo kê khai.',
    });
  });
  it('declared: a title the records never covered (a form, "được tặng")', () => {
    expect(one(2024, 'BANG_KHEN_TINH').sentence).toBe(
      'Ông Nguyễn Văn An kê khai được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024; hồ sơ thành tích của cơ quan chưa có kết quả xét Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024, thành tích được ghi nhận theo kê khai.',
    );
  });
  it('declared: only the agency’s proposal up the line is recorded, the superior’s decision is not in the system', () => {
    const index = indexRecords(records());
    const ls = { upper: 'Tập thể Phòng Lãnh sự', lower: 'tập thể Phòng Lãnh sự' };
    expect(classifyClaim(index, ls, index.bySubject.get('c:U2'), { year: 2024, title: 'TTLDXS' })).toEqual({
      year: 2024,
      title: 'TTLDXS',
      status: 'declared',
      reason: 'proposed',
      sentence:
        'Tập thể Phòng Lãnh sự kê khai đạt danh hiệu “Tập thể lao động xuất sắc” năm 2024; cơ quan đã đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng danh hiệu “Tập thể lao động xuất sắc” năm 2024 tại Tờ trình số 07/TTr-SNgV ngày 09/01/2025 (đợt xét khen thưởng “Phong trào thi đua năm 2024”), quyết định của cấp trên chưa có trong hồ sơ thành tích của cơ quan; thành tích được ghi nhận theo kê khai.',
      record: { outcome: 'proposed', ...C24, nominationId: 'n-2024-TTLDXS', document: TTR24 },
    });
  });
  it('declared: a nominee whose achievements the agency does not record (forwarded by another agency), though the year is covered', () => {
    const index = indexRecords(records());
    expect(classifyClaim(index, subject, undefined, { year: 2024, title: 'CSTDCS' })).toMatchObject({
      status: 'declared',
      reason: 'not-tracked',
      sentence: 'Ông Nguyễn Văn An kê khai đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024; thành tích của ông Nguyễn Văn An không thuộc hồ sơ thành tích của cơ quan, được ghi nhận theo kê khai.',
    });
  });
  it('an awarded record wins over a proposal of the same year; the earliest decision is cited', () => {
    const later = record(AN, { year: 2023, title: 'CSTDCS', campaignId: 'C23b', document: { ...QD23, number: '09/QĐ-SNgV', date: '2024-03-01' } });
    const proposal = record(AN, { year: 2023, title: 'CSTDCS', outcome: 'proposed', document: { ...QD23, date: '2023-12-20' } });
    const c = one(2023, 'CSTDCS', records({ 'p:an': [later, proposal, ...anRecords] }));
    expect(c.status).toBe('verified');
    expect(c.record?.document.number).toBe('05/QĐ-SNgV');
  });
  it('documents without a number (results finalized before the register) are named by their kind and date', () => {
    const noNumber = { date: '2024-01-10', decidedBy: SO };
    const recs: PastRecords = {
      bySubject: { 'p:an': [record(AN, { year: 2023, title: 'CSTDCS', document: noNumber })] },
      coverage: [{ year: 2024, title: 'CSTDCS', ...C24, document: { date: '2025-01-09', decidedBy: SO } }],
    };
    expect(one(2023, 'CSTDCS', recs).sentence).toContain('năm 2023 theo quyết định ngày 10/01/2024 của Giám đốc Sở Ngoại vụ (đợt xét');
    expect(one(2024, 'CSTDCS', recs).sentence).toContain('đã xét danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 (kết quả xét khen thưởng ngày 09/01/2025) và ông');
  });
  it('a title declared twice for one year is one claim; claims in year order; only the contradicted are dropped', () => {
    const index = indexRecords(records());
    const declared = [
      { year: 2024, title: 'CSTDCS' as const },
      { year: 2022, title: 'CSTDCS' as const },
      { year: 2023, title: 'CSTDCS' as const },
      { year: 2024, title: 'CSTDCS' as const },
    ];
    const { claims, accepted } = classifyClaims(index, 'p:an', subject, declared);
    expect(claims.map((c) => `${c.year}:${c.status}`)).toEqual(['2022:declared', '2023:verified', '2024:contradicted']);
    expect(accepted).toEqual([
      { year: 2022, title: 'CSTDCS' },
      { year: 2023, title: 'CSTDCS' },
    ]);
  });
  it('a record’s key is the engine’s key of the same nominee', () => {
    expect(recordSubjectKey(AN)).toBe(subjectKeyOf(an));
    expect(recordSubjectKey(LS)).toBe(subjectKeyOf(CollectiveNominee.parse(collective('U2'))));
  });
});

// ------------------------------------------------------------------------------------------------ through the engine

const provinceInitiative: Initiative = { id: 'SK-T', title: 'Số hóa hồ sơ lãnh sự', recognisedBy: 'province', recognisedOn: '2025-06-01', kind: 'initiative' };

/** Nguyễn Văn An, 2025 (vn-2025): CSTĐCS this year (HTXSNV) and CSTĐ tỉnh on a declared chain 2023, 2024. */
const chainNoms = (pastYears: number[]) => {
  const an25 = person('Nguyễn Văn An', { personId: 'an', taskRating: 'HTXSNV', initiatives: [provinceInitiative], pastTitles: pastYears.map((year) => ({ year, title: 'CSTDCS' as const })) });
  return [nom('an-cs', 'CSTDCS', an25), nom('an-tinh', 'CSTD_TINH', an25)];
};

const decide = (noms: ReturnType<typeof chainNoms>, recs?: PastRecords) =>
  decideNominations({ ...DATES.v2025, nominations: noms, unitStandings: [{ unitId: 'U1', rank: 1 }], options: RuleOptions.parse({}), ...(recs ? { records: recs } : {}) });

describe('CSTĐ tỉnh on a CSTĐCS chain (Law 2022 Art 22: 03 consecutive CSTĐCS)', () => {
  it('without records, the declared chain 2023–2025 makes it eligible and no claims are shown (as before issue 13)', () => {
    const d = decisionOf(decide(chainNoms([2023, 2024])), 'an-tinh');
    expect(d.status).toBe('eligible');
    expect(d.claims).toBeUndefined();
  });
  it('a contradicted 2024 breaks the chain: not eligible, the chain rule’s reason then the contradiction', () => {
    const d = decisionOf(decide(chainNoms([2023, 2024]), records()), 'an-tinh');
    expect(d.status).toBe('not-eligible');
    expect(d.claims?.map((c) => `${c.year}:${c.status}`)).toEqual(['2023:verified', '2024:contradicted']);
    const chain = d.checks.find((c) => c.ruleId === 'cstd-tinh.chain');
    expect(chain).toMatchObject({ passed: false, facts: { cstdcsYears: [2023, 2025], chain: 1 } });
    expect(d.summary).toBe(`Ông Nguyễn Văn An chưa đủ điều kiện, tiêu chuẩn danh hiệu “Chiến sĩ thi đua cấp tỉnh”. Lý do: ${chain?.sentence} ${d.claims?.[1]?.sentence} ${d.claims?.[0]?.sentence}`);
    expect(chain?.sentence).toContain('có 1 lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” tính đến năm 2025');
    expect(d.summary).toContain('và ông Nguyễn Văn An không có tên trong kết quả; thành tích này không được tính làm căn cứ xét khen thưởng.');
  });
  it('the same chain with 2024 recorded as awarded is eligible, each year’s decision cited to the Council', () => {
    const recs = records({ 'p:an': [...anRecords, record(AN, { year: 2024, title: 'CSTDCS', ...C24, document: QD24 })] });
    const d = decisionOf(decide(chainNoms([2023, 2024]), recs), 'an-tinh');
    expect(d.status).toBe('eligible');
    expect(d.claims?.map((c) => c.status)).toEqual(['verified', 'verified']);
    expect(d.summary).toBe(`Ông Nguyễn Văn An đủ điều kiện, tiêu chuẩn, đề nghị xét tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh”. ${d.claims?.map((c) => c.sentence).join(' ')}`);
    expect(d.summary).toContain('năm 2024 theo Quyết định số 03/QĐ-SNgV ngày 09/01/2025 của Giám đốc Sở Ngoại vụ');
  });
  it('claims before the records began stand as declared and still count', () => {
    const recs: PastRecords = {
      bySubject: { 'p:an': [] },
      coverage: [{ year: 2025, title: 'CSTDCS', campaignId: 'C25x', campaignTitle: 'Phong trào chuyên đề năm 2025', document: { number: '01/QĐ-SNgV', date: '2025-06-30', decidedBy: SO } }],
    };
    const d = decisionOf(decide(chainNoms([2023, 2024]), recs), 'an-tinh');
    expect(d.status).toBe('eligible');
    expect(d.claims?.map((c) => `${c.year}:${c.status}:${c.reason}`)).toEqual(['2023:declared:not-covered', '2024:declared:not-covered']);
    expect(d.claims?.[0]?.sentence).toContain('(hồ sơ bắt đầu từ năm 2025), thành tích được ghi nhận theo kê khai.');
  });
  it('a decision whose rules read no past title shows no claims (the CSTĐCS of this year)', () => {
    expect(decisionOf(decide(chainNoms([2023, 2024]), records()), 'an-cs').claims).toBeUndefined();
  });
});

describe('Bằng khen on record grounds (Law 2022 Art 74)', () => {
  const bk = (id: string, unitId: string, name: string, pastTitles: { year: number; title: 'TTLDXS' }[]) =>
    nom(id, 'BANG_KHEN_TINH', collective(unitId, { name, taskRating: 'HTXSNV', pastTitles }), { grounds: 'record' });
  const noms = [
    // 2024 was proposed up the line (Tờ trình): declared, counted: 02 consecutive years.
    bk('bk-ls', 'U2', 'Phòng Lãnh sự', [{ year: 2024, title: 'TTLDXS' }]),
    // 2024 covered, no record of this unit: contradicted, the chain is this year alone.
    bk('bk-th', 'U3', 'Phòng Tổng hợp', [{ year: 2024, title: 'TTLDXS' }]),
  ];
  const run = () =>
    decideNominations({
      ...DATES.v2025,
      nominations: noms,
      unitStandings: [],
      options: RuleOptions.parse({}),
      records: records({ 'c:U3': [] }),
    });
  it('a collective whose TTLĐXS was only proposed is eligible, the claim shown as declared with the proposal', () => {
    const d = decisionOf(run(), 'bk-ls');
    expect(d.status).toBe('eligible');
    expect(d.claims).toEqual([expect.objectContaining({ year: 2024, title: 'TTLDXS', status: 'declared', reason: 'proposed' })]);
    expect(d.summary).toContain('cơ quan đã đề nghị Chủ tịch Ủy ban nhân dân tỉnh xét tặng danh hiệu “Tập thể lao động xuất sắc” năm 2024 tại Tờ trình số 07/TTr-SNgV ngày 09/01/2025');
  });
  it('a collective whose TTLĐXS the records contradict has one year, not two: not eligible, the contradiction among the reasons', () => {
    const d = decisionOf(run(), 'bk-th');
    expect(d.status).toBe('not-eligible');
    expect(d.checks.find((c) => c.ruleId === 'bang-khen.record')).toMatchObject({ passed: false, facts: { years: [2025], chain: 1 } });
    expect(d.summary).toContain(
      'Lý do: Tập thể Phòng Tổng hợp có 1 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động xuất sắc” tính đến năm 2025, chưa đủ 02 năm liên tục để xét Bằng khen',
    );
    expect(d.summary).toContain(
      'Tập thể Phòng Tổng hợp kê khai đạt danh hiệu “Tập thể lao động xuất sắc” năm 2024 nhưng hồ sơ thành tích của cơ quan không ghi nhận: đợt xét khen thưởng “Phong trào thi đua năm 2024” đã xét danh hiệu “Tập thể lao động xuất sắc” năm 2024 (Tờ trình số 07/TTr-SNgV ngày 09/01/2025 đề nghị Chủ tịch Ủy ban nhân dân tỉnh) và tập thể Phòng Tổng hợp không có tên trong kết quả; thành tích này không được tính làm căn cứ xét khen thưởng.',
    );
  });
  it('an individual’s Bằng khen on 02 consecutive CSTĐCS, the past one verified', () => {
    const an25 = person('Nguyễn Văn An', { personId: 'an', taskRating: 'HTXSNV', pastTitles: [{ year: 2024, title: 'CSTDCS' }] });
    const recs = records({ 'p:an': [record(AN, { year: 2024, title: 'CSTDCS', ...C24, document: QD24 })] });
    const r = decideNominations({
      ...DATES.v2025,
      nominations: [nom('an-cs', 'CSTDCS', an25), nom('an-bk', 'BANG_KHEN_TINH', an25, { grounds: 'record' })],
      unitStandings: [],
      options: RuleOptions.parse({}),
      records: recs,
    });
    const d = decisionOf(r, 'an-bk');
    expect(d.status).toBe('eligible');
    expect(d.claims).toEqual([expect.objectContaining({ year: 2024, status: 'verified' })]);
    expect(d.summary).toContain('Ông Nguyễn Văn An đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2024 theo Quyết định số 03/QĐ-SNgV ngày 09/01/2025 của Giám đốc Sở Ngoại vụ');
  });
  it('a Bằng khen for the movement reads no past title and shows no claims', () => {
    const r = decideNominations({
      ...DATES.v2025,
      nominations: [nom('mv', 'BANG_KHEN_TINH', collective('U3', { pastTitles: [{ year: 2024, title: 'TTLDXS' }] }), { grounds: 'movement' })],
      unitStandings: [{ unitId: 'U3', rank: 1 }],
      options: RuleOptions.parse({}),
      records: records({ 'c:U3': [] }),
    });
    expect(decisionOf(r, 'mv').claims).toBeUndefined();
  });
});

describe('the input hash covers the records used (a decision is reproducible)', () => {
  const base = { ...DATES.v2025, nominations: chainNoms([2023, 2024]), unitStandings: [{ unitId: 'U1', rank: 1 }], options: RuleOptions.parse({}) };
  it('without records the inputs and hash are those of before issue 13', () => {
    expect(decideInputs(base)).not.toHaveProperty('records');
    expect(decideNominations({ ...base, records: undefined }).inputHash).toBe(decideNominations(base).inputHash);
  });
  it('records change the hash; their order, when they were recorded and the records of subjects not nominated here do not', () => {
    const h = decideNominations({ ...base, records: records() }).inputHash;
    expect(h).not.toBe(decideNominations(base).inputHash);
    const shuffled: PastRecords = {
      bySubject: { 'c:U9': [record({ kind: 'collective', unitId: 'U9' }, { year: 2024, title: 'TTLDXS' })], 'p:an': [...anRecords].reverse() },
      coverage: [...coverage].reverse(),
    };
    expect(decideNominations({ ...base, records: shuffled }).inputHash).toBe(decideNominations({ ...base, records: { bySubject: { 'p:an': anRecords }, coverage } }).inputHash);
    expect(decideNominations({ ...base, records: { bySubject: {}, coverage } }).inputHash).not.toBe(decideNominations({ ...base, records: { bySubject: { 'p:an': [] }, coverage } }).inputHash);
    const rewritten = anRecords.map((r) => ({ ...r, recordedAt: '2026-11-30T08:00:00+07:00' }));
    expect(decideNominations({ ...base, records: { bySubject: { 'p:an': rewritten }, coverage } }).inputHash).toBe(
      decideNominations({ ...base, records: { bySubject: { 'p:an': anRecords }, coverage } }).inputHash,
    );
  });
  it('the same inputs in another order give the same bytes', () => {
    const a = decideNominations({ ...base, records: records() });
    const b = decideNominations({ ...base, nominations: [...base.nominations].reverse(), records: { bySubject: { 'c:U2': lsRecords, 'p:an': anRecords }, coverage: [...coverage].reverse() } });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
