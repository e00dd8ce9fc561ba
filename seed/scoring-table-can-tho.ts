import type { ScoringTable, UnitReport } from '../shared/schemas/scoring';

/**
 * The real scoring table of Cần Thơ 157/KH-UBND (18/11/2025), appendix "Thang điểm thi đua",
 * Group I (communes and wards): 100 points + 15 bonus = 115 (docs/legal-sources.md §3.2, source
 * tlnb:3a2db039af8c2d05.md [V]). Modelling choices, each one a reading of the plan:
 *
 * - Criterion 1 is printed as "50 sampled beneficiaries × 0.4 point for each who confirms, and 0
 *   without the propaganda plan and its evidence". It is modelled as gated proportional,
 *   confirmed/sampled × 20: with the plan's sample of 50 it is the same number (45 × 0.4 = 45/50 × 20
 *   = 18.0), and a smaller sample still scales to 20 instead of capping below it.
 * - Bonus 5.2 prints overlapping bands ("88–90% → 2; 90–95% → 3; 95–<100% → 4; 100% → 5"). The
 *   table reads them half-open, [88, 90) → 2, [90, 95) → 3, [95, 100) → 4, [100, ∞) → 5, so exactly
 *   90% gives 3 (the worked example's 97.2). {@link canThoTableAltReading} is the other reading.
 *   Its value is the cashless-payment rate itself, as a ratio, compared exactly: 4499/5000 is
 *   89,98%, not "90,00%".
 * - Tie-break chain. The plan compares absolute counts: (1) more new accounts plus ATM cards,
 *   (2) more monthly transfers paid into accounts, (3) a higher database-update rate, then a vote.
 *   The engine compares criteria's points, so the closest criteria stand in: c2 (new accounts) then
 *   c3 (ATM cards) for (1), c4 (cashless payment) for (2), c5_3 (database updated) for (3). For
 *   communes of different sizes a rate is not a count: two communes tied on the total can be
 *   ordered differently than the plan's counts would order them. A count-based chain needs the
 *   counts as tie-break values, which this table does not carry. After the chain: the council's vote.
 */
export const canThoTable: ScoringTable = {
  version: 'can-tho-157-2025-nhom-I-v1',
  legalBasis: 'Phụ lục Thang điểm thi đua (Nhóm I: xã, phường), Kế hoạch 157/KH-UBND ngày 18/11/2025 của UBND TP Cần Thơ; khen thưởng theo QĐ 10/2024/QĐ-UBND',
  sections: [
    {
      id: 'tieu-chi',
      name: 'Tiêu chí chấm điểm',
      kind: 'base',
      criteria: [
        {
          id: 'c1',
          name: 'Tỷ lệ đối tượng chưa có tài khoản được tuyên truyền, vận động mở tài khoản',
          max: 20,
          guidance: 'Sở Y tế chọn ngẫu nhiên 50 đối tượng; mỗi đối tượng xác nhận đã được tuyên truyền được 0,4 điểm (50 × 0,4 = 20). Nhập: tử số = số xác nhận, mẫu số = số được chọn.',
          evidenceRequired: 'Kế hoạch tuyên truyền, nội dung phát thanh, danh sách ký nhận',
          rule: { kind: 'gated', inner: { kind: 'proportional' } },
        },
        {
          id: 'c2',
          name: 'Tỷ lệ đối tượng mở mới tài khoản ngân hàng, ví điện tử hoặc cung cấp tài khoản',
          max: 40,
          guidance: 'Tỷ lệ = b/a (b: số đối tượng có tài khoản, a: tổng số đối tượng); điểm = tỷ lệ × 40',
          rule: { kind: 'proportional' },
        },
        {
          id: 'c3',
          name: 'Tỷ lệ đối tượng mở mới tài khoản được cấp thẻ ATM (hoặc cung cấp thẻ)',
          max: 20,
          guidance: 'Tỷ lệ = số được cấp thẻ / số mở mới tài khoản; điểm = tỷ lệ × 20',
          rule: { kind: 'proportional' },
        },
        {
          id: 'c4',
          name: 'Tỷ lệ đối tượng được chi trả không dùng tiền mặt',
          max: 20,
          guidance: 'Điểm = tỷ lệ × 20',
          rule: { kind: 'proportional' },
        },
      ],
    },
    {
      id: 'diem-cong',
      name: 'Điểm cộng',
      kind: 'bonus',
      cap: 15,
      criteria: [
        {
          id: 'c5_1',
          name: '100% đối tượng mở tài khoản trong thời gian thi đua (hoặc đã đạt 100% trước đó)',
          max: 5,
          rule: { kind: 'all-or-nothing' },
        },
        {
          id: 'c5_2',
          name: 'Tỷ lệ chi trả không dùng tiền mặt từ 88% trở lên',
          max: 5,
          guidance: 'Từ 88% đến dưới 90%: 2 điểm; từ 90% đến dưới 95%: 3 điểm; từ 95% đến dưới 100%: 4 điểm; 100%: 5 điểm',
          rule: {
            kind: 'steps',
            steps: [
              { from: 88, to: 90, points: 2 },
              { from: 90, to: 95, points: 3 },
              { from: 95, to: 100, points: 4 },
              { from: 100, points: 5 },
            ],
          },
        },
        {
          id: 'c5_3',
          name: '100% đối tượng được cập nhật vào Cơ sở dữ liệu quốc gia về an sinh xã hội',
          max: 5,
          guidance: 'Kiểm tra trực tuyến trên misposasoft.molisa.gov.vn',
          rule: { kind: 'all-or-nothing' },
        },
      ],
    },
  ],
  tieBreak: ['c2', 'c3', 'c4', 'c5_3'],
};

/**
 * The other reading of bonus 5.2: "88–90%" closed, "90–95%" as (90, 95], "95–<100%" as (95, 100),
 * so exactly 90% gives 2 and the worked example totals 96.2. Written as half-open bands at the
 * resolution the plan's rates are reported in (hundredths of a percent): [88, 90.01) → 2,
 * [90.01, 95.01) → 3, [95.01, 100) → 4, [100, ∞) → 5. A ratio strictly between 90% and 90,01%
 * (e.g. 9000.5/10000) would fall in the first band here while "(90, 95]" puts it in the second:
 * this table exists to show the ambiguity, the seed uses {@link canThoTable}.
 */
export const canThoTableAltReading: ScoringTable = {
  ...canThoTable,
  version: 'can-tho-157-2025-nhom-I-v1-alt-5.2',
  sections: canThoTable.sections.map((s) =>
    s.id !== 'diem-cong'
      ? s
      : {
          ...s,
          criteria: s.criteria.map((c) =>
            c.id !== 'c5_2'
              ? c
              : {
                  ...c,
                  guidance: 'Từ 88% đến 90%: 2 điểm; trên 90% đến 95%: 3 điểm; trên 95% đến dưới 100%: 4 điểm; 100%: 5 điểm',
                  rule: {
                    kind: 'steps' as const,
                    steps: [
                      { from: 88, to: 90.01, points: 2 },
                      { from: 90.01, to: 95.01, points: 3 },
                      { from: 95.01, to: 100, points: 4 },
                      { from: 100, points: 5 },
                    ],
                  },
                },
          ),
        },
  ),
};

/**
 * The worked computation of §3.2: a hypothetical commune with a = 500 beneficiaries. 45 of 50
 * sampled confirm (18.0), 440 opened accounts (88% → 35.2), 396 of the 440 got ATM cards (90% → 18.0),
 * 450 paid cashless (90% → 18.0), not 100% accounts (5.1: 0), cashless 90% (5.2: 3 or 2), database
 * 100% (5.3: 5). Total 97.2 of 115 (96.2 in the other reading of 5.2).
 */
export const canThoWorkedReport: UnitReport = {
  unitId: 'XA-VI-DU',
  period: 'final',
  taskRating: 'HTTNV',
  values: {
    c1: { numerator: 45, denominator: 50 },
    c2: { numerator: 440, denominator: 500 },
    c3: { numerator: 396, denominator: 440 },
    c4: { numerator: 450, denominator: 500 },
    c5_1: false,
    c5_2: { numerator: 450, denominator: 500 },
    c5_3: true,
  },
  evidence: { c1: ['ke-hoach-tuyen-truyen.pdf', 'noi-dung-phat-thanh.mp3', 'danh-sach-ky-nhan.pdf'] },
  summary: 'Xã ví dụ (giả định) của bảng tính mẫu, docs/legal-sources.md §3.2',
};
