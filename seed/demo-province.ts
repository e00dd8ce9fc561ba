import type { ScoringTable, UnitReport } from '../shared/schemas/scoring';
import type { SeedGroup, SeedUnit } from './launch-letter-2023';
import type { LetterInput } from './minimal-letter';

/**
 * The rest of the demo's province (npm run demo:lifecycle): the seed's Sở Ngoại vụ is one of two departments of
 * Lạng Sơn province; this file gives the other one, a Sở Tư pháp (its directory, its plan for the year, a scoring
 * table for its units), and the province itself (its directory, where the departments are the units, and its plan for
 * the year, the campaign that receives the departments' proposals). Illustrative, not published documents: the
 * numbers and the people are the demo's, every address an example.org address; the legal bases are the laws in force.
 */

// --- Sở Tư pháp -----------------------------------------------------------------------------------------------------

export const soTuPhapDirectory: { groups: SeedGroup[]; units: SeedUnit[] } = {
  groups: [
    { code: 'HDTDKT_TINH', name: 'Hội đồng TĐKT tỉnh', kind: 'email', purpose: 'b/c', emails: ['thuky.hdtdkt.tinh@example.org'] },
    { code: 'BAN_TDKT_SNV', name: 'Ban TĐKT - Sở Nội vụ', kind: 'email', purpose: 'b/c', emails: ['ban.tdkt@example.org'] },
    { code: 'LANH_DAO_SO', name: 'Lãnh đạo Sở', kind: 'email', emails: ['giamdoc.stp@example.org', 'phogiamdoc.stp@example.org'] },
    { code: 'HDTDKT_SO', name: 'Hội đồng TĐKT Sở', kind: 'email', emails: ['giamdoc.stp@example.org', 'chanhvanphong.stp@example.org', 'truongphong.hctp@example.org'] },
    { code: 'PHONG_DV', name: 'Các phòng, đơn vị thuộc Sở', kind: 'email', emails: ['vanphong.stp@example.org', 'hctp.stp@example.org', 'bttp.stp@example.org', 'tgpl.stp@example.org'] },
    { code: 'LUU_VT_VP', name: 'Lưu: VT, VP', kind: 'archive' },
  ],
  units: [
    { unitId: 'VP', name: 'Văn phòng Sở', emails: ['vanphong.stp@example.org', 'chanhvanphong.stp@example.org'] },
    { unitId: 'HCTP', name: 'Phòng Hành chính tư pháp', emails: ['hctp.stp@example.org'] },
    { unitId: 'BTTP', name: 'Phòng Bổ trợ tư pháp', emails: ['bttp.stp@example.org'] },
    { unitId: 'TGPL', name: 'Trung tâm Trợ giúp pháp lý nhà nước', emails: ['tgpl.stp@example.org'] },
  ],
};

/** The Sở Tư pháp's plan for `year` (Kế hoạch phát động), in the skeleton of real plans (docs/legal-sources.md §2). */
export function soTuPhapLetter(year: number): LetterInput {
  return {
    documentNumber: '20/KH-STP',
    title: `Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm ${year}`,
    issuingBody: 'SỞ TƯ PHÁP',
    parentBody: 'UBND TỈNH LẠNG SƠN',
    place: 'Lạng Sơn',
    theme: `Thi đua xây dựng và thi hành pháp luật, nâng cao chất lượng dịch vụ công về tư pháp, phấn đấu hoàn thành xuất sắc nhiệm vụ năm ${year}.`,
    legalBases: [
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
      `Sở Tư pháp phát động phong trào thi đua yêu nước năm ${year} như sau:`,
    ],
    goals: [`Động viên công chức, viên chức, người lao động của Sở hoàn thành xuất sắc nhiệm vụ năm ${year}; khen thưởng kịp thời, chính xác, công khai các tập thể, cá nhân tiêu biểu.`],
    contents: [
      'Thẩm định, góp ý dự thảo văn bản quy phạm pháp luật đúng thời hạn, bảo đảm chất lượng.',
      'Giải quyết đúng hạn hồ sơ lý lịch tư pháp, chứng thực, hộ tịch; thực hiện trợ giúp pháp lý đúng quy trình, không để phát sinh khiếu nại.',
      'Đẩy mạnh cải cách hành chính, chuyển đổi số; giữ nghiêm kỷ luật, kỷ cương hành chính.',
    ],
    implementation: [
      'Các phòng, đơn vị thuộc Sở triển khai đến toàn thể công chức, viên chức, người lao động. Văn phòng Sở tham mưu tổ chức, theo dõi, tổng kết phong trào; Hội đồng Thi đua - Khen thưởng Sở xét, đề nghị Giám đốc Sở khen thưởng theo thẩm quyền và trình cấp có thẩm quyền khen thưởng theo quy định.',
    ],
    signer: { name: 'Lương Văn Tiến', position: 'Giám đốc' },
    recipientGroups: soTuPhapDirectory.groups.map((g) => g.code),
    participatingUnits: soTuPhapDirectory.units.map((u) => u.unitId),
    deadlines: { nominations: `${year}-12-10T17:00:00+07:00` },
  };
}

/**
 * A scoring table for the units of a Sở Tư pháp, in the shapes of the Sở Ngoại vụ table (scoring-table-so-ngoai-vu.ts):
 * the year's plan, the department's own work (legal aid done by the book, no error in civil status, judicial records
 * and certification), administrative reform and discipline; 100 points and a bonus of at most 10.
 */
export const soTuPhapTable: ScoringTable = {
  version: 'so-tu-phap-demo-v1',
  legalBasis: 'Luật Thi đua, khen thưởng năm 2022; Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV; thang điểm minh họa cho các phòng, đơn vị thuộc Sở Tư pháp',
  sections: [
    {
      id: 'chuyen-mon',
      name: 'Thực hiện nhiệm vụ chuyên môn',
      kind: 'base',
      criteria: [
        {
          id: 'kh',
          name: 'Hoàn thành nhiệm vụ theo kế hoạch công tác năm được Giám đốc Sở giao',
          max: 40,
          guidance: 'Điểm = số nhiệm vụ hoàn thành / số nhiệm vụ được giao × 40',
          rule: { kind: 'proportional' },
        },
        {
          id: 'tdvb',
          name: 'Dự thảo văn bản quy phạm pháp luật được thẩm định, góp ý đúng thời hạn',
          max: 20,
          guidance: 'Điểm = số văn bản thẩm định, góp ý đúng hạn / tổng số văn bản nhận × 20',
          rule: { kind: 'proportional' },
        },
      ],
    },
    {
      id: 'tu-phap',
      name: 'Công tác tư pháp, bổ trợ tư pháp và trợ giúp pháp lý',
      kind: 'base',
      criteria: [
        {
          id: 'tgpl',
          name: 'Vụ việc trợ giúp pháp lý, hồ sơ lý lịch tư pháp giải quyết đúng quy trình, đúng hạn',
          max: 10,
          guidance: 'Điểm = số vụ việc, hồ sơ đúng quy trình, đúng hạn / tổng số × 10',
          evidenceRequired: 'Sổ theo dõi vụ việc, báo cáo thống kê của đơn vị',
          rule: { kind: 'gated', inner: { kind: 'proportional' } },
        },
        {
          id: 'ss',
          name: 'Không để xảy ra sai sót trong chứng thực, hộ tịch, lý lịch tư pháp bị khiếu nại đúng',
          max: 10,
          rule: { kind: 'all-or-nothing' },
        },
      ],
    },
    {
      id: 'cchc',
      name: 'Cải cách hành chính, kỷ luật, kỷ cương',
      kind: 'base',
      criteria: [
        {
          id: 'hs',
          name: 'Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn trên hệ thống',
          max: 10,
          guidance: 'Từ 80% đến dưới 90%: 5 điểm; từ 90% đến dưới 98%: 8 điểm; từ 98%: 10 điểm',
          rule: {
            kind: 'steps',
            steps: [
              { from: 80, to: 90, points: 5 },
              { from: 90, to: 98, points: 8 },
              { from: 98, points: 10 },
            ],
          },
        },
        {
          id: 'kl',
          name: 'Không có công chức, người lao động bị kỷ luật trong năm',
          max: 10,
          rule: { kind: 'all-or-nothing' },
        },
      ],
    },
    {
      id: 'diem-cong',
      name: 'Điểm cộng',
      kind: 'bonus',
      cap: 10,
      criteria: [
        { id: 'sk', name: 'Sáng kiến, giải pháp được Hội đồng sáng kiến công nhận (2,5 điểm mỗi sáng kiến)', max: 5, rule: { kind: 'manual' } },
        { id: 'dx', name: 'Được cấp trên khen thưởng đột xuất trong năm', max: 5, rule: { kind: 'manual' } },
      ],
    },
  ],
  tieBreak: ['kh', 'tgpl', 'hs'],
};

/** A unit's year: 18 of 20 plan tasks, 28 of 30 drafts on time, 40 of 40 cases (records kept), no error, 99% on time, no discipline. */
export function soTuPhapReport(unitId: string, over: Partial<UnitReport['values']> = {}): UnitReport {
  return {
    unitId,
    period: 'final',
    taskRating: 'HTTNV',
    values: {
      kh: { numerator: 18, denominator: 20 },
      tdvb: { numerator: 28, denominator: 30 },
      tgpl: { numerator: 40, denominator: 40 },
      ss: true,
      hs: { numerator: 99, denominator: 100 },
      kl: true,
      sk: 0,
      dx: 0,
      ...over,
    },
    evidence: { tgpl: ['so-theo-doi-vu-viec.pdf'] },
    summary: 'Báo cáo tổng kết công tác thi đua năm của đơn vị.',
  };
}

// --- The province ---------------------------------------------------------------------------------------------------

/**
 * The province's directory: its council and the Ban TĐKT of Sở Nội vụ (the council's standing body, which acts as the
 * province's Office here), and its departments as its units, each under its agency id: the line of submission files a
 * department's proposals in the province's campaign with the department as the nominating unit.
 */
export function provinceDirectory(departments: readonly { agencyId: string; name: string; email: string }[]): { groups: SeedGroup[]; units: SeedUnit[] } {
  return {
    groups: [
      { code: 'HDTDKT_TINH', name: 'Hội đồng TĐKT tỉnh', kind: 'email', emails: ['thuky.hdtdkt.tinh@example.org', 'vanthu.hdtdkt.tinh@example.org'] },
      { code: 'BAN_TDKT_SNV', name: 'Ban TĐKT - Sở Nội vụ', kind: 'email', emails: ['ban.tdkt@example.org', 'phong.tdkt.snv@example.org'] },
      { code: 'CAC_SO', name: 'Các sở, ban, ngành tỉnh', kind: 'email', emails: departments.map((d) => d.email) },
      { code: 'LUU_VT', name: 'Lưu: VT, Ban TĐKT', kind: 'archive' },
    ],
    units: departments.map((d) => ({ unitId: d.agencyId, name: d.name, emails: [d.email] })),
  };
}

/** The province's plan for `year`: the campaign in which the departments' proposals are decided. */
export function provinceLetter(year: number): LetterInput {
  return {
    documentNumber: '30/KH-UBND',
    title: `Phong trào thi đua yêu nước năm ${year} của tỉnh Lạng Sơn`,
    issuingBody: 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN',
    place: 'Lạng Sơn',
    theme: `Thi đua đoàn kết, đổi mới, sáng tạo, thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội năm ${year}.`,
    legalBases: [
      'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
      `Ủy ban nhân dân tỉnh phát động phong trào thi đua yêu nước năm ${year} như sau:`,
    ],
    goals: [`Phát hiện, khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm ${year}.`],
    contents: ['Các sở, ban, ngành tổ chức phong trào thi đua tại cơ quan, đơn vị; xét, đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng các trường hợp vượt thẩm quyền.'],
    implementation: [
      'Sở Nội vụ (Ban Thi đua - Khen thưởng) là cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh, tiếp nhận hồ sơ đề nghị của các sở, ban, ngành, trình Hội đồng xét và trình Chủ tịch Ủy ban nhân dân tỉnh quyết định.',
    ],
    signer: { name: 'Hoàng Văn Kiên', position: 'Chủ tịch' },
    recipientGroups: ['HDTDKT_TINH', 'BAN_TDKT_SNV', 'CAC_SO', 'LUU_VT'],
    deadlines: { nominations: `${year}-12-20T17:00:00+07:00` },
  };
}
