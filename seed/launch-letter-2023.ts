import type { z } from 'zod';
import type { CampaignInput } from '../shared/schemas/campaign';
import type { RecipientGroupInput, UnitInput } from '../shared/schemas/directory';

/**
 * The seed: Sở Ngoại vụ Lạng Sơn's 2023 launch letter (docs/launch-letter-2023.txt)
 * as data, and a directory to send it to. The letter's text is quoted verbatim, its slips included
 * ("sáng tạo bút phá" for "bứt phá", "phát động phát động", "thi đua -khen thưởng"): it is the
 * agency's document, not ours to correct. Only the markdown emphasis of the scan is dropped; the
 * renderer puts the slogan back in bold. Every address is an example.org address.
 */

export type SeedGroup = { code: string } & z.input<typeof RecipientGroupInput>;
export type SeedUnit = { unitId: string } & z.input<typeof UnitInput>;

/** The slogan as the letter quotes it (twice), typo included. */
const SLOGAN = 'Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bút phá';

export const seedDirectory: { groups: SeedGroup[]; units: SeedUnit[] } = {
  // The eight Nơi nhận entries, in the letter's order. People on two lists on purpose: the Director
  // (Lãnh đạo Sở, and chair of the Hội đồng TĐKT Sở) with a differently cased, padded copy; a Deputy
  // Director on both too; the Office head on the Hội đồng and among the phòng CM, NV (and in the
  // VP unit below). One letter per person is what the outbox must deliver.
  groups: [
    {
      code: 'HDTDKT_TINH',
      name: 'Hội đồng TĐKT tỉnh',
      kind: 'email',
      emails: ['thuky.hdtdkt.tinh@example.org', 'vanthu.hdtdkt.tinh@example.org'],
    },
    {
      code: 'BAN_TDKT_SNV',
      name: 'Ban TĐKT - Sở Nội vụ',
      kind: 'email',
      emails: ['ban.tdkt@example.org', 'phong.tdkt.snv@example.org'],
    },
    {
      code: 'CUM_TDTMTH',
      name: 'Các đơn vị thành viên Cụm TĐTMTH',
      kind: 'email',
      emails: ['vanthu.socongthuong@example.org', 'vanthu.sokhdt@example.org', 'vanthu.sotaichinh@example.org', 'vanthu.cuchaiquan@example.org'],
    },
    {
      code: 'LANH_DAO_SO',
      name: 'Lãnh đạo Sở',
      kind: 'email',
      emails: ['mai.tt@example.org', 'hung.nv@example.org', 'lan.pt@example.org'],
    },
    {
      code: 'HDTDKT_SO',
      name: 'Hội đồng TĐKT Sở',
      kind: 'email',
      emails: [' Mai.TT@Example.org', 'Hung.NV@example.org ', 'thao.ht@example.org', 'cuong.dv@example.org', 'ha.lt@example.org'],
    },
    {
      code: 'PHONG_CM_NV',
      name: 'Các phòng CM, NV thuộc Sở và Trung tâm',
      kind: 'email',
      emails: ['THAO.HT@example.org', 'thanhtra@example.org', 'qlbg@example.org', 'htqt@example.org', 'ttdv@example.org'],
    },
    {
      code: 'TRANG_TTDT',
      name: 'Trang thông tin điện tử của Sở',
      kind: 'publication',
      purpose: 'để đăng tin',
    },
    {
      code: 'LUU_VT_VP',
      // The letter prints "Lưu VT, VP."; NĐ 30/2020 writes the archive line "Lưu: VT, <unit>".
      name: 'Lưu: VT, VP',
      kind: 'archive',
    },
  ],
  units: [
    { unitId: 'VP', name: 'Văn phòng Sở', emails: ['vanphong@example.org', 'Thao.HT@example.org'] },
    { unitId: 'TTR', name: 'Thanh tra Sở', emails: ['thanhtra@example.org'] },
    { unitId: 'QLBG', name: 'Phòng Quản lý biên giới', emails: ['qlbg@example.org', 'truongphong.qlbg@example.org'] },
    { unitId: 'HTQT', name: 'Phòng Hợp tác quốc tế', emails: ['htqt@example.org'] },
    { unitId: 'TTDV', name: 'Trung tâm Dịch vụ đối ngoại', emails: ['ttdv@example.org', 'giamdoc.ttdv@example.org'] },
  ],
};

export const seedCampaign: z.input<typeof CampaignInput> = {
  // The letter's own number and symbol are not in the copy we have (its header was lost); "15" is a
  // stand-in, and "SNgV" is the usual abbreviation for Sở Ngoại vụ (docs/legal-sources.md §5.1, unverified).
  documentNumber: '15/KH-SNgV',
  title: 'Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023',
  issuingBody: 'SỞ NGOẠI VỤ',
  parentBody: 'UBND TỈNH LẠNG SƠN',
  place: 'Lạng Sơn',
  // Also not in the copy: a date after its latest citation (Chỉ thị 02/CT-UBND, 13/01/2023).
  date: '2023-03-05',
  // Section I, verbatim.
  theme:
    'Nhằm đẩy mạnh các phong trào thi đua yêu nước, góp phần thực hiện thắng lợi các mục tiêu nhiệm vụ chính trị, phát triển kinh tế - xã hội năm 2023 và giai đoạn tiếp theo gắn với công tác đối ngoại của tỉnh Lạng Sơn triển khai thích ứng với tình hình mới theo chủ đề hành động năm 2023 của ngành ngoại giao: "Đoàn kết, kỷ cương, bản lĩnh, sáng tạo, vượt mọi thách thức, phát huy vai trò tiên phong của công tác đối ngoại trong giai đoạn phát triển mới của đất nước" và chủ đề của năm 2023: "' +
    SLOGAN +
    '", phấn đấu thực hiện thắng lợi các nhiệm vụ năm 2023.',
  slogan: SLOGAN,
  // The opening paragraph, split at its semicolons: one căn cứ per paragraph.
  legalBases: [
    'Thực hiện Kế hoạch số 252/KH-UBND ngày 21/12/2022 của UBND tỉnh Lạng Sơn về công tác thi đua, khen thưởng năm 2022;',
    'Chỉ thị số 02/CT-UBND ngày 13/01/2023 của UBND tỉnh phát động thi đua thực hiện thắng lợi mục tiêu, nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh năm 2023;',
    'Hưởng ứng phương châm hành động năm 2023 của UBND tỉnh "' +
      SLOGAN +
      '", nhằm động viên công chức, viên chức, lao động phát huy truyền thống thi đua yêu nước, tiếp tục nỗ lực, vượt qua khó khăn, tranh thủ thời cơ, bám sát thực tiễn, hành động quyết liệt, đoàn kết, đổi mới, sáng tạo, phấn đấu thực hiện thắng lợi nhiệm vụ chính trị năm 2023, Sở Ngoại vụ phát động phong trào thi đua yêu nước năm 2023 như sau:',
  ],
  goals: [
    'Tăng cường kỷ luật, kỷ cương hành chính, phát huy trách nhiệm của người đứng đầu cơ quan, đơn vị, tạo sự chuyển biến, hiệu quả thực chất rõ nét trong công tác tham mưu hoạt động đối ngoại và quản lý biên giới lãnh thổ quốc gia, trong nhận thức về đạo đức công vụ, văn hóa công sở và ý thức trách nhiệm của cán bộ, công chức, viên chức Sở Ngoại vụ gắn với tinh thần, thái độ phục vụ người dân và doanh nghiệp. Nâng cao hiệu quả hoạt động đối ngoại, hội nhập quốc tế, trọng tâm là ngoại giao kinh tế, giữ vững ổn định chính trị và trật tự an toàn xã hội, bảo vệ vững chắc độc lập, chủ quyền, toàn vẹn lãnh thổ và an ninh quốc gia.',
  ],
  // Section III. The letter numbers "3." twice; as an ordered list the renderer numbers them 1–5.
  contents: [
    'Tuyên truyền, quán triệt thực hiện nghiêm túc Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị (khóa XI); Chỉ thị số 30-CT/TU ngày 18/11/2014 của Ban Thường vụ Tỉnh ủy Lạng Sơn về “Tiếp tục đổi mới công tác thi đua, khen thưởng”; Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về “Phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội lần thứ XIII của Đảng”; phổ biến, quán triệt tư tưởng về thi đua ái quốc của Chủ tịch Hồ Chí Minh và các chủ trương, chính sách của Đảng, Nhà nước về công tác thi đua, khen thưởng; chú trọng đổi mới cả nội dung, hình thức và phương pháp tổ chức các phong trào thi đua, hướng công tác thi đua vào thực hiện các nhiệm vụ trọng tâm, tập trung giải quyết những nhiệm vụ khó của Ngành gắn với thực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW “Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”.',
    'Chủ động xây dựng kế hoạch và tổ chức triển khai thực hiện có hiệu quả các nhiệm vụ được giao trong năm 2023, nhất là các nhiệm vụ trọng tâm được UBND tỉnh giao trong năm 2023 và các nhiệm vụ phát sinh do UBND tỉnh, Chủ tịch UBND tỉnh giao.',
    'Tập trung lãnh đạo, chỉ đạo nâng cao chất lượng công tác tham mưu, tổng hợp, thực hiện tốt chức năng quản lý nhà nước thuộc lĩnh vực phụ trách của cơ quan.',
    'Thi đua cùng chung tay tạo bước đột phá về chuyển đổi số, cải cách hành chính với mục tiêu lấy người dân và doanh nghiệp làm trung tâm. Nâng cao hiệu quả ứng dụng công nghệ thông tin phục vụ công tác chuyên môn. Thực hiện đồng bộ các giải pháp xây dựng chính quyền số, cải thiện và nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI), chỉ số quản trị và hành chính công (PAPI), chỉ số hài lòng của người dân, tổ chức với sự phục vụ của cơ quan hành chính nhà nước (SIPAS), chỉ số cải cách hành chính (PAR INDEX).',
    // The copy breaks a page after "thi đua, khen" (a "thưởng" was probably lost there); joined as it stands.
    'Triển khai và thực hiện có hiệu quả các phong trào thi đua do Thủ tướng Chính phủ và Chủ tịch UBND tỉnh phát động phát động: “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới”, “Lạng Sơn cùng cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau”, “Doanh nghiệp Lạng Sơn hội nhập và phát triển”, “Cán bộ, công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở”... Đồng thời thực hiện đổi mới nội dung, phương thức tổ chức các phong trào thi đua với hình thức phong phú, đa dạng, nội dung cụ thể, thiết thực, bám sát nhiệm vụ trọng tâm của cơ quan, đơn vị, tạo chuyển biến mạnh mẽ và thực chất, bảo đảm phát hiện nhân tố tích cực, tiêu biểu khen thưởng chính xác, kịp thời, công khai, minh bạch, có tác dụng giáo dục, nêu gương và nhân rộng. Phát hiện, tôn vinh, nhân rộng khen thưởng kịp thời tập thể, cá nhân có thành tích xuất sắc; tập thể, cá nhân được khen thưởng phải có tác dụng nêu gương, giáo dục và có sức lan tỏa trong cơ quan. Thường xuyên nghiên cứu đổi mới nội dung, hình thức, phương pháp chỉ đạo, tổ chức thực hiện phong trào thi đua và công tác khen thưởng; kết hợp chặt chẽ giữa thi đua, khen thường xuyên và thi đua, khen thưởng theo đợt, theo chuyên đề, khen thưởng đột xuất.',
  ],
  implementation: [
    'Các phòng chuyên môn, nghiệp vụ và đơn vị Trung tâm thuộc Sở có trách nhiệm quán triệt, triển khai sâu rộng đến toàn thể cán bộ, công chức, viên chức, người lao động; tổ chức thực hiện tốt phong trào thi đua chất lượng, hiệu quả. Văn phòng Sở có trách nhiệm tham mưu cho Lãnh đạo Sở chỉ đạo và tổ chức thực hiện phong trào thi đua; kiểm tra, sơ kết, tổng kết, đánh giá phong trào thi đua; tham mưu đề xuất biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.',
    'Hội đồng thi đua -khen thưởng Sở có trách nhiệm tham mưu cho Giám đốc Sở lựa chọn các tập thể, cá nhân đạt thành tích tiêu biểu xuất sắc trong phong trào thi đua để xét khen thưởng theo thẩm quyền; xét, trình cấp có thẩm quyền khen thưởng theo quy định.',
  ],
  closing:
    'Trên tinh thần tích cực, chủ động, sáng tạo ý chí quyết tâm, phát huy tinh thần tập thể cán bộ, công chức, viên chức, người lao động trong cơ quan. Giám đốc Sở Ngoại vụ kêu gọi mỗi cán bộ, công chức, viên chức, người lao động nêu cao trách nhiệm, tích cực hưởng ứng phong trào thi đua đoàn kết, phấn đấu hoàn thành xuất sắc nhiệm vụ chính trị của cơ quan, góp phần tích cực vào việc thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội bảo đảm quốc phòng, an ninh, đối ngoại năm 2023./.',
  signer: { name: 'Trịnh Tuyết Mai', position: 'Giám đốc' },
  recipientGroups: seedDirectory.groups.map((g) => g.code),
  participatingUnits: seedDirectory.units.map((u) => u.unitId),
  // The letter states no dates; these follow the year's usual rhythm (registration in Q1, reports
  // before the year-end review, nominations before 10/12 as in docs/legal-sources.md §6.14).
  deadlines: {
    registration: '2023-03-31T17:00:00+07:00',
    reports: '2023-11-30T17:00:00+07:00',
    nominations: '2023-12-10T17:00:00+07:00',
  },
};

const normaliseAddress = (a: string) => a.trim().toLowerCase();

/**
 * The distinct addresses the seed campaign should reach: every address of its `email` Nơi nhận
 * groups and of its participating units, trimmed and lower-cased, sorted. Archive and publication
 * entries have no addresses.
 */
export function distinctSeedAddresses(): string[] {
  const groups = new Map(seedDirectory.groups.map((g) => [g.code, g]));
  const units = new Map(seedDirectory.units.map((u) => [u.unitId, u]));
  const out = new Set<string>();
  for (const code of seedCampaign.recipientGroups) {
    const g = groups.get(code);
    if (g?.kind === 'email') for (const a of g.emails ?? []) out.add(normaliseAddress(a));
  }
  for (const unitId of seedCampaign.participatingUnits ?? []) {
    for (const a of units.get(unitId)?.emails ?? []) out.add(normaliseAddress(a));
  }
  return [...out].sort();
}

/**
 * The 2023 letter as it can still be issued at `now`: issuing refuses a letter whose nomination
 * deadline has passed (nobody could act on it), so the seed's dates, which are history, move to the
 * same days of the year after `now`'s (all ahead of `now`, months from the clock's reminders). The
 * law in force stays 2023's: the reference date is pinned to the seed's own nomination day.
 */
export function seedCampaignIssuable(now: Date = new Date()): z.input<typeof CampaignInput> {
  const year = now.getUTCFullYear() + 1;
  const moved = (iso: string | undefined) => (iso ? iso.replace(/^\d{4}/, String(year)) : undefined);
  const d = seedCampaign.deadlines;
  return {
    ...seedCampaign,
    referenceDate: d.nominations.slice(0, 10),
    deadlines: { registration: moved(d.registration), reports: moved(d.reports), nominations: moved(d.nominations)! },
  };
}
