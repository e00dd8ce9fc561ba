import type { ScoringTable, UnitReport } from '../shared/schemas/scoring';

/**
 * A scoring table for the units of a Sở Ngoại vụ (its Văn phòng, Thanh tra, and the professional
 * phòng), for the demo: what such a department's internal emulation plan scores, in the shapes the
 * scoring core offers. Illustrative, not a published plan: its criteria follow the tasks a Sở
 * Ngoại vụ's letter sets (the seed letter's "Nội dung": the year's work plan, foreign-affairs
 * delegations, border and consular work, administrative reform, discipline), and its legal basis
 * names the laws every such table rests on. The Cần Thơ table (scoring-table-can-tho.ts) is the
 * real published example the tests check the arithmetic against.
 */
export const soNgoaiVuTable: ScoringTable = {
  version: 'so-ngoai-vu-demo-v1',
  legalBasis: 'Luật Thi đua, khen thưởng năm 2022; Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV; thang điểm minh họa cho các phòng, đơn vị thuộc Sở Ngoại vụ',
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
          id: 'tm',
          name: 'Văn bản tham mưu trình đúng hạn',
          max: 20,
          guidance: 'Điểm = số văn bản trình đúng hạn / tổng số văn bản được giao × 20',
          rule: { kind: 'proportional' },
        },
      ],
    },
    {
      id: 'doi-ngoai',
      name: 'Công tác đối ngoại và hội nhập quốc tế',
      kind: 'base',
      criteria: [
        {
          id: 'doan',
          name: 'Đón tiếp, phục vụ các đoàn khách quốc tế và đoàn công tác nước ngoài đúng chương trình, an toàn',
          max: 10,
          guidance: 'Điểm = số đoàn phục vụ đúng chương trình / tổng số đoàn × 10',
          evidenceRequired: 'Chương trình đón tiếp, báo cáo kết quả từng đoàn',
          rule: { kind: 'gated', inner: { kind: 'proportional' } },
        },
        {
          id: 'bg',
          name: 'Không để xảy ra vụ việc phức tạp về biên giới, lãnh sự chậm báo cáo',
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
        {
          id: 'sk',
          name: 'Sáng kiến, giải pháp được Hội đồng sáng kiến công nhận (2,5 điểm mỗi sáng kiến)',
          max: 5,
          rule: { kind: 'manual' },
        },
        {
          id: 'dx',
          name: 'Được cấp trên khen thưởng đột xuất trong năm',
          max: 5,
          rule: { kind: 'manual' },
        },
      ],
    },
  ],
  tieBreak: ['kh', 'doan', 'hs'],
};

/** A unit's year: 18 of 20 plan tasks, 45 of 50 papers on time, 6 of 6 delegations, 97% on time, no discipline, one initiative. */
export function soNgoaiVuReport(unitId: string, over: Partial<UnitReport['values']> = {}): UnitReport {
  return {
    unitId,
    period: 'final',
    taskRating: 'HTTNV',
    values: {
      kh: { numerator: 18, denominator: 20 },
      tm: { numerator: 45, denominator: 50 },
      doan: { numerator: 6, denominator: 6 },
      bg: true,
      hs: { numerator: 97, denominator: 100 },
      kl: true,
      sk: 2.5,
      dx: 0,
      ...over,
    },
    evidence: { doan: ['chuong-trinh-don-doan.pdf', 'bao-cao-ket-qua-doan.pdf'] },
    summary: 'Báo cáo tổng kết công tác thi đua năm của đơn vị.',
  };
}
