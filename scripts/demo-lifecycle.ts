/**
 * `npm run demo:lifecycle` (with `npm start` running): a year of emulation in one province on the local twin.
 *
 * The platform operator creates the province (UBND tỉnh Lạng Sơn) and two of its departments, the seed's Sở Ngoại vụ
 * and a Sở Tư pháp (docs/agencies.md). Each department's Office runs its campaign from its letter for this year:
 * directory, scoring table, registrations, reports (acknowledged by email), standings, nominations, the close, the
 * proposal decided under the law in force, the Council's ballot, the results and their emails. The Sở Ngoại vụ's Council
 * also votes a Bằng khen of the Chủ tịch UBND tỉnh, which a Sở may not award (Law 2022 Art 80.1): it comes out
 * `proposed`, and the Sở forwards it to the province's campaign (the line of submission), where the province's Council
 * votes and the province finalizes, mailing its result back to the department.
 *
 * Every run makes its own agencies (ids end in a mark of the run), so it can run again on the same twin. What it prints
 * is for people: Vietnamese, one short line per step.
 */
import { seedDirectory } from '../seed/launch-letter-2023';
import { provinceDirectory, provinceLetter, soTuPhapDirectory, soTuPhapLetter, soTuPhapReport, soTuPhapTable } from '../seed/demo-province';
import type { LetterInput } from '../seed/minimal-letter';
import { soNgoaiVuReport, soNgoaiVuTable } from '../seed/scoring-table-so-ngoai-vu';
import { thisYearLetter } from '../seed/this-year-letter';
import { DECISION_STATUS_LABEL, OUTCOME_LABEL } from '../shared/domain/results';
import { citeText } from '../shared/domain/rules/documents';
import { TITLE_LABEL } from '../shared/domain/rules/labels';
import type { ScoringTable, UnitReport } from '../shared/schemas/scoring';
import { API_URL, request, SES_URL, sleep } from './api-client';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace('Z', '+00:00');
const id = (s: string) => encodeURIComponent(s);
const points = (hundredths: number) => (hundredths / 100).toFixed(2).replace('.', ',');
const pad = (s: string, n: number) => s.padEnd(n);

/** Today in Vietnam, `YYYY-MM-DD`: the letters' day, and the reference date whose law decides (so its year is theirs). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const year = Number(today.slice(0, 4));
/** A mark of this run: the agencies' ids and the letters' numbers differ from one run to the next. */
const MARK = Date.now().toString(36);
const number = (symbol: string, offset: number) => `${((Math.floor(Date.now() / 1000) + offset) % 900) + 100}/${symbol}`;

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`quá thời gian chờ ${what}`);
    await sleep(300);
  }
}

/** A token from the twin's identity provider, for a person of `agencyId` (none for the platform operator). */
async function token(sub: string, groups: string[], agencyId?: string, unitId?: string): Promise<string> {
  const { token } = await request<{ token: string }>('POST', '/local/token', { body: { sub, groups, ...(agencyId ? { agencyId } : {}), ...(unitId ? { unitId } : {}) } });
  return token;
}

/** Waits until the mails of `eventType` are all settled (sent, or failed for good), and answers them. */
async function mailed(admin: string, campaignId: string, eventType: string) {
  return until(`thư ${eventType}`, async () => {
    const { items } = await request<{ items: { eventType: string; status: string; address?: string }[] }>('GET', `/campaigns/${id(campaignId)}/deliveries`, { token: admin });
    const rows = items.filter((d) => d.eventType === eventType);
    return rows.length > 0 && rows.every((d) => !['pending', 'claimed', 'sending'].includes(d.status)) ? rows : undefined;
  });
}

interface Person {
  name: string;
  unitId: string;
  gender: 'female' | 'male';
  rating: 'HTXSNV' | 'HTTNV';
  /** Registered (đăng ký thi đua) at the start of the year. */
  registers: string[];
  /** Nominated for, at the year's end. */
  titles: string[];
  /** What the nominee's file adds: past years' ratings, initiatives. */
  file?: Record<string, unknown>;
  achievement: string;
}

interface Department {
  agencyId: string;
  name: string;
  /** Where the province's directory writes to it (its Office). */
  email: string;
  directory: typeof seedDirectory;
  letter: LetterInput;
  symbol: string;
  table: ScoringTable;
  report: (unitId: string, over: Partial<UnitReport['values']>) => UnitReport;
  /** Plan tasks done, of 20, by the units that report. */
  tasksDone: Record<string, number>;
  people: Person[];
  /** Yes votes of the Council (9 members) per title; 9 when not named. */
  yes?: Partial<Record<string, number>>;
}

const line = (s = '') => console.log(s);

/** One department's year, from its directory to its results; answers its campaign and results. */
async function departmentYear(d: Department) {
  line(`\n── ${d.name} (${d.agencyId}) ──`);
  const admin = await token(`van-phong-${d.agencyId}`, ['admin'], d.agencyId);
  for (const { code, ...g } of d.directory.groups) await request('PUT', `/recipient-groups/${id(code)}`, { token: admin, body: g });
  for (const { unitId, ...u } of d.directory.units) await request('PUT', `/units/${id(unitId)}`, { token: admin, body: u });
  const documentNumber = number(d.symbol, d.agencyId.length);
  const campaign = await request<{ id: string }>('POST', '/campaigns', {
    token: admin,
    body: {
      ...d.letter,
      documentNumber,
      scoringTable: d.table,
      councilGroup: 'HDTDKT_SO',
      officeGroup: 'LANH_DAO_SO',
      referenceDate: today,
      deadlines: { registration: inHours(24), reports: inHours(48), nominations: inHours(72) },
    },
  });
  const c = id(campaign.id);
  await request('POST', `/campaigns/${c}/issue`, { token: admin });
  line(`✓ Văn phòng Sở lập danh bạ (${d.directory.units.length} đơn vị), ban hành Kế hoạch ${documentNumber}, gửi thư tới Nơi nhận`);

  const units = Object.keys(d.tasksDone);
  const reporters = Object.fromEntries(await Promise.all(units.map(async (u) => [u, await token(`bao-cao-${u}-${d.agencyId}`, ['unit'], d.agencyId, u)] as const)));
  for (const u of units) {
    await request('POST', `/campaigns/${c}/registrations`, { token: reporters[u], body: { unitId: u, registrant: { kind: 'unit' }, targets: ['Hoàn thành xuất sắc nhiệm vụ'], titles: ['TTLDTT'] } });
    await request('POST', `/campaigns/${c}/reports`, { token: reporters[u], body: d.report(u, { kh: { numerator: d.tasksDone[u] ?? 0, denominator: 20 } }) });
  }
  line(`✓ ${units.length} đơn vị đăng ký thi đua và gửi báo cáo (mỗi báo cáo có thư xác nhận)`);

  const standings = await request<{ rows: { unitId: string; rank: number; total: number; tie?: unknown }[] }>('GET', `/campaigns/${c}/standings`, { token: admin });
  line(`  Xếp hạng: ${standings.rows.map((r) => `${r.rank}. ${r.unitId} ${points(r.total)}${r.tie ? ' (bằng điểm)' : ''}`).join(' · ')}`);

  for (const p of d.people) {
    const reporter = reporters[p.unitId] ?? admin;
    await request('POST', `/campaigns/${c}/registrations`, {
      token: reporter,
      body: { unitId: p.unitId, registrant: { kind: 'individual', name: p.name }, targets: ['Hoàn thành tốt nhiệm vụ'], titles: p.registers },
    });
    for (const title of p.titles) {
      await request('POST', `/campaigns/${c}/nominations`, {
        token: reporter,
        body: { title, achievementSummary: p.achievement, nominee: { kind: 'individual', name: p.name, gender: p.gender, unitId: p.unitId, hireDate: '2014-09-01', taskRating: p.rating, ...p.file } },
      });
    }
  }
  await request('POST', `/campaigns/${c}/close-nominations`, { token: admin });
  const proposal = await until('bản đề xuất', () => request<any>('GET', `/campaigns/${c}/proposal`, { token: admin }));
  line(`✓ Hết hạn đề nghị khen thưởng; hệ thống xét ${proposal.decisions.length} hồ sơ theo quy định hiện hành (${proposal.ruleSet}):`);
  for (const x of proposal.decisions)
    line(`  ${pad(DECISION_STATUS_LABEL[x.status as keyof typeof DECISION_STATUS_LABEL], 19)} ${pad(x.nominee.name, 16)} ${TITLE_LABEL[x.title as keyof typeof TITLE_LABEL]}`);

  const votes = proposal.decisions.filter((x: any) => x.status === 'eligible').map((x: any) => ({ nominationId: x.nominationId, title: x.title, yes: d.yes?.[x.title] ?? 9 }));
  const tally = await request<any>('POST', `/campaigns/${c}/council-votes`, { token: admin, body: { membersTotal: 9, present: 8, writtenVotes: 1, votes } });
  line(`✓ Hội đồng TĐKT Sở họp (${tally.quorum.met ? 'đủ' : 'không đủ'} số thành viên), biểu quyết: ${tally.results.filter((r: any) => r.passed).length}/${tally.results.length} nội dung đạt`);
  const results = await request<any>('POST', `/campaigns/${c}/results/finalize`, { token: admin });
  line('✓ Văn phòng chốt kết quả:');
  for (const o of results.outcomes) {
    line(`  ${pad(OUTCOME_LABEL[o.outcome as keyof typeof OUTCOME_LABEL], 26)} ${pad(o.nominee.name, 16)} ${o.titleLabel}`);
    // Beyond the head of a Sở (Law 2022 Art 80.1): the Council's vote makes it a proposal to the one who decides.
    if (o.outcome === 'proposed') line(`  ${' '.repeat(26)} ngoài thẩm quyền Giám đốc Sở (${citeText(o.proposedTo.agencyPower)}): trình ${o.proposedTo.label}`);
  }
  await mailed(admin, campaign.id, 'ResultsFinalized');
  line('✓ Thư kết quả đã gửi tới Nơi nhận và các đơn vị đề nghị');
  return { admin, campaignId: campaign.id, documentNumber, results };
}

async function main() {
  line('Thi đua, khen thưởng trên một nền tảng: một tỉnh, hai sở');
  line(`API ${API_URL} · thư (SES giả lập) ${SES_URL}/`);

  // The platform operator: creates agencies, and reads nothing inside them.
  const platform = await token(`van-hanh-${MARK}`, ['platform']);
  const province = { id: `lang-son-${MARK}`, name: 'Ủy ban nhân dân tỉnh Lạng Sơn' };
  const sngv = { agencyId: `so-ngoai-vu-${MARK}`, name: 'Sở Ngoại vụ tỉnh Lạng Sơn', email: 'vanthu.songoaivu@example.org' };
  const stp = { agencyId: `so-tu-phap-${MARK}`, name: 'Sở Tư pháp tỉnh Lạng Sơn', email: 'vanthu.sotuphap@example.org' };
  await request('PUT', `/agencies/${province.id}`, { token: platform, body: { name: province.name, level: 'province', place: 'Lạng Sơn' } });
  for (const d of [sngv, stp]) await request('PUT', `/agencies/${d.agencyId}`, { token: platform, body: { name: d.name, level: 'department', place: 'Lạng Sơn', parentAgencyId: province.id } });
  line('\n── Người vận hành nền tảng ──');
  line(`✓ Tạo cơ quan: ${province.name} (${province.id}), cấp tỉnh`);
  line(`✓ Tạo ${sngv.name} và ${stp.name}, cấp sở, cấp trên: ${province.name}`);

  // The province's Office (the Ban TĐKT of Sở Nội vụ, standing body of the provincial council) goes first: its
  // campaign must be open when the departments forward. Its directory lists the departments as its units.
  line(`\n── ${province.name} (${province.id}) ──`);
  const provAdmin = await token(`ban-tdkt-${MARK}`, ['admin'], province.id);
  const provDir = provinceDirectory([sngv, stp]);
  for (const { code, ...g } of provDir.groups) await request('PUT', `/recipient-groups/${id(code)}`, { token: provAdmin, body: g });
  for (const { unitId, ...u } of provDir.units) await request('PUT', `/units/${id(unitId)}`, { token: provAdmin, body: u });
  const provNumber = number('KH-UBND', 0);
  const provCampaign = await request<{ id: string }>('POST', '/campaigns', {
    token: provAdmin,
    body: {
      ...provinceLetter(year),
      documentNumber: provNumber,
      participatingUnits: [sngv.agencyId, stp.agencyId],
      councilGroup: 'HDTDKT_TINH',
      officeGroup: 'BAN_TDKT_SNV',
      referenceDate: today,
      deadlines: { nominations: inHours(96) },
    },
  });
  await request('POST', `/campaigns/${id(provCampaign.id)}/issue`, { token: provAdmin });
  line('✓ Ban TĐKT (Sở Nội vụ) lập danh bạ: hai sở là đơn vị của tỉnh');
  line(`✓ Ban hành Kế hoạch ${provNumber}: phong trào thi đua năm ${year} của tỉnh, nhận hồ sơ đề nghị của các sở`);

  // Sở Ngoại vụ: the seed's letter for this year, its three reporting units tied at second place, and a Bằng khen of
  // the Chủ tịch UBND tỉnh (two years of HTXSNV and two initiatives the Sở recognised, Law 2022 Art 74) that its
  // Council votes but its head may not award.
  const recognisedLately = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const a = await departmentYear({
    ...sngv,
    directory: seedDirectory,
    letter: thisYearLetter(year),
    symbol: 'KH-SNgV',
    table: soNgoaiVuTable,
    report: soNgoaiVuReport,
    tasksDone: { VP: 19, TTR: 17, QLBG: 17 },
    people: [
      { name: 'Hoàng Thị Thảo', unitId: 'VP', gender: 'female', rating: 'HTXSNV', registers: ['LDTT', 'CSTDCS'], titles: ['LDTT', 'CSTDCS'], achievement: 'Hoàn thành xuất sắc nhiệm vụ được giao.' },
      { name: 'Nguyễn Văn Hùng', unitId: 'TTR', gender: 'male', rating: 'HTTNV', registers: ['LDTT', 'CSTDCS'], titles: ['LDTT', 'CSTDCS'], achievement: 'Hoàn thành tốt nhiệm vụ được giao.' },
      {
        name: 'Vi Thị Hồng',
        unitId: 'QLBG',
        gender: 'female',
        rating: 'HTXSNV',
        registers: ['LDTT'],
        titles: ['LDTT', 'BANG_KHEN_TINH'],
        achievement: `Hai năm liên tục (${year - 1}, ${year}) hoàn thành xuất sắc nhiệm vụ, có 02 sáng kiến về quản lý biên giới được Sở công nhận.`,
        file: {
          personId: 'qlbg-04',
          pastRatings: [{ year: year - 1, rating: 'HTXSNV' }],
          initiatives: [
            { id: 'sk-cua-khau', title: 'Quy trình phối hợp tiếp nhận thông tin tại các cửa khẩu', recognisedBy: 'unit', recognisedOn: `${year - 1}-09-15`, kind: 'initiative' },
            { id: 'sk-so-hoa-moc', title: 'Số hóa hồ sơ mốc quốc giới', recognisedBy: 'unit', recognisedOn: recognisedLately, kind: 'initiative' },
          ],
        },
      },
    ],
    // CSTĐCS needs 80% of the whole Council (8 of 9): 7 is short, and the results say why.
    yes: { CSTDCS: 7 },
  });

  await departmentYear({
    ...stp,
    directory: soTuPhapDirectory,
    letter: soTuPhapLetter(year),
    symbol: 'KH-STP',
    table: soTuPhapTable,
    report: soTuPhapReport,
    tasksDone: { HCTP: 20, BTTP: 18, TGPL: 17 },
    people: [
      { name: 'Chu Văn Bình', unitId: 'HCTP', gender: 'male', rating: 'HTXSNV', registers: ['LDTT', 'CSTDCS'], titles: ['LDTT', 'CSTDCS'], achievement: 'Hoàn thành xuất sắc nhiệm vụ được giao.' },
      { name: 'Nông Thị Duyên', unitId: 'TGPL', gender: 'female', rating: 'HTTNV', registers: ['LDTT'], titles: ['LDTT', 'GIAY_KHEN'], achievement: 'Hoàn thành tốt nhiệm vụ trợ giúp pháp lý.' },
    ],
  });

  // The line of submission: what the Sở Ngoại vụ proposed goes up to the province's campaign.
  line(`\n── ${sngv.name} trình cấp trên ──`);
  const proposed = a.results.outcomes.filter((o: any) => o.outcome === 'proposed');
  const sent = await request<any>('POST', `/campaigns/${id(a.campaignId)}/submissions`, { token: a.admin, body: { parentCampaignId: provCampaign.id } });
  for (const n of sent.nominations) line(`✓ Trình ${n.nominee}, ${TITLE_LABEL[n.title as keyof typeof TITLE_LABEL]}, vào phong trào ${provNumber} của tỉnh`);
  if (sent.nominations.length !== proposed.length) throw new Error(`${proposed.length} hồ sơ đề nghị cấp trên nhưng trình được ${sent.nominations.length}`);

  // The province decides under its own authority.
  line(`\n── ${province.name} xét ──`);
  const { items } = await request<{ items: any[] }>('GET', `/campaigns/${id(provCampaign.id)}/nominations`, { token: provAdmin });
  for (const n of items) {
    const o = n.origin;
    line(`  Hồ sơ của ${o.agencyName} (Kế hoạch ${o.documentNumber}): ${n.nominee.name}, ${TITLE_LABEL[n.title as keyof typeof TITLE_LABEL]}`);
    line(`  Hội đồng TĐKT Sở đã biểu quyết ${o.vote.yes}/${o.vote.membersTotal}; ${o.checks.length} điều kiện đã kiểm tra`);
  }
  const pc = id(provCampaign.id);
  await request('POST', `/campaigns/${pc}/close-nominations`, { token: provAdmin });
  const provProposal = await until('bản đề xuất của tỉnh', () => request<any>('GET', `/campaigns/${pc}/proposal`, { token: provAdmin }));
  line('✓ Hết hạn nhận hồ sơ; hệ thống xét lại từng hồ sơ theo thẩm quyền của tỉnh:');
  for (const x of provProposal.decisions)
    line(`  ${pad(DECISION_STATUS_LABEL[x.status as keyof typeof DECISION_STATUS_LABEL], 19)} ${pad(x.nominee.name, 16)} ${TITLE_LABEL[x.title as keyof typeof TITLE_LABEL]}`);
  const provVotes = provProposal.decisions.filter((x: any) => x.status === 'eligible').map((x: any) => ({ nominationId: x.nominationId, title: x.title, yes: 10 }));
  const provTally = await request<any>('POST', `/campaigns/${pc}/council-votes`, { token: provAdmin, body: { membersTotal: 11, present: 10, writtenVotes: 0, votes: provVotes } });
  line(`✓ Hội đồng TĐKT tỉnh biểu quyết: ${provTally.results.filter((r: any) => r.passed).length}/${provTally.results.length} nội dung đạt`);
  const provResults = await request<any>('POST', `/campaigns/${pc}/results/finalize`, { token: provAdmin });
  line('✓ Ban TĐKT chốt kết quả, trình Chủ tịch UBND tỉnh ký quyết định:');
  for (const o of provResults.outcomes) line(`  ${pad(OUTCOME_LABEL[o.outcome as keyof typeof OUTCOME_LABEL], 26)} ${pad(o.nominee.name, 16)} ${o.titleLabel}`);
  const rows = await mailed(provAdmin, provCampaign.id, 'ResultsFinalized');
  const toDept = rows.filter((r) => r.address === sngv.email && r.status === 'sent');
  line(`✓ Thư kết quả của tỉnh đã gửi${toDept.length ? ` tới ${sngv.name} (${sngv.email})` : ''} và Nơi nhận`);

  line('\nĐọc thư (thư phát động, xác nhận báo cáo, đề xuất, kết quả) như người nhận:');
  line(`  ${SES_URL}/`);
  line(`Kết quả của tỉnh dạng bảng tính (CSV, với token của Ban TĐKT): ${API_URL}/campaigns/${provCampaign.id}/results?format=csv`);
}

main().catch((e) => {
  console.error(`✗ ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
