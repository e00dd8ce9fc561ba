import { DOC, cite } from './documents';
import type { RuleCitations, RuleSet } from './types';

/**
 * `vn-2024`: reference dates 01/01/2024 – 30/06/2025. Luật Thi đua, khen thưởng số 06/2022/QH15 (in force
 * 01/01/2024), NĐ 98/2023/NĐ-CP, TT 01/2024/TT-BNV (domain-rules §0). Tags V/S/U are the notes'.
 */

const LAW = DOC.LAW_2022;
const BN = 'QĐ 86/2025/QĐ-UBND Bắc Ninh';

/** Citations of the Law 2022 shared by vn-2024 and vn-2025; the decree-level ones differ. */
export const law2022Citations = {
  ldttRating: cite(LAW, 'V', { article: 'Điều 24', clause: 'khoản 1', point: 'điểm a' }),
  cstdcsLdtt: cite(LAW, 'V', { article: 'Điều 23', clause: 'khoản 1' }),
  cstdcsBasis: cite(LAW, 'V', {
    article: 'Điều 23',
    clause: 'khoản 2',
    note: 'Từ 2024 sáng kiến không còn bắt buộc: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến, đề tài.',
  }),
  cstdTinhChain: cite(LAW, 'V', { article: 'Điều 22', note: '03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở, tính đến năm xét.' }),
  cstdTinhInitiative: cite(LAW, 'V', {
    article: 'Điều 22',
    note: 'Sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh, do cấp tỉnh (Hội đồng sáng kiến tỉnh) công nhận.',
  }),
  ttldttRating: cite(LAW, 'V', { article: 'Điều 28', note: `Theo ${BN} Điều 4 khoản 2 (chép nguyên văn Điều 28).` }),
  ttldttShare: cite(LAW, 'U', {
    article: 'Điều 28',
    note: `Ngưỡng 70% lấy theo ${BN} Điều 4 khoản 2; văn bản Điều 28 chưa đối chiếu nguyên văn. Cấu hình được (ttldttLdttShare).`,
  }),
  ttldttDiscipline: cite(LAW, 'V', { article: 'Điều 28', note: `Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên (${BN} Điều 4 khoản 2).` }),
  ttldxsRating: cite(LAW, 'V', { article: 'Điều 27' }),
  ttldxsAllMembers: cite(LAW, 'V', { article: 'Điều 27', note: '100% cá nhân trong tập thể hoàn thành nhiệm vụ được giao.' }),
  ttldxsShare: cite(LAW, 'V', { article: 'Điều 27', note: 'Ít nhất 70% cá nhân đạt danh hiệu Lao động tiên tiến.' }),
  ttldxsCstdcs: cite(LAW, 'V', { article: 'Điều 27', note: 'Có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở.' }),
  ttldxsDiscipline: cite(LAW, 'V', {
    article: 'Điều 27',
    note: 'Luật năm 2022 không còn điều kiện riêng về kỷ luật của thành viên; kỷ luật trong năm dẫn đến xếp loại không hoàn thành nhiệm vụ.',
  }),
  coRating: cite(LAW, 'V', { article: 'Điều 26', note: `Chi tiết theo ${BN} Điều 3 khoản 1.` }),
  coLedCluster: cite(LAW, 'V', { article: 'Điều 26', note: `Tặng hằng năm cho tập thể dẫn đầu Cụm, Khối thi đua của tỉnh (${BN} Điều 3 khoản 1).` }),
  coExceeded: cite(LAW, 'V', { article: 'Điều 26', note: `Hoàn thành vượt mức chỉ tiêu thi đua và nhiệm vụ được giao trong năm (${BN} Điều 3 khoản 1).` }),
  giayKhen: cite(LAW, 'V', { article: 'Điều 75', note: `Chi tiết theo ${BN} Điều 4 khoản 3.` }),
  bangKhenRecord: cite(LAW, 'V', { article: 'Điều 74', note: `Chi tiết theo ${BN} Điều 3 khoản 3.` }),
  bangKhenCstdcsChain: cite(LAW, 'V', { article: 'Điều 74', note: `02 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (${BN} Điều 3 khoản 3).` }),
  bangKhenMovement: cite(LAW, 'V', {
    article: 'Điều 74',
    note: `Thành tích xuất sắc trong phong trào thi đua do tỉnh phát động (${BN} Điều 3 khoản 3).`,
  }),
  initiativeOnce: cite(DOC.CV_5007, 'S', {
    note: 'Một sáng kiến chỉ được dùng một lần làm căn cứ khen thưởng; cùng nguyên tắc tại điểm c khoản 2 Điều 5 Luật Thi đua, khen thưởng năm 2022.',
  }),
  oneAchievement: cite(LAW, 'V', { article: 'Điều 5', clause: 'khoản 2', point: 'điểm c' }),
  registration: cite(DOC.CAMPAIGN, 'U', {
    note: 'Nguyên tắc "không đăng ký thi đua sẽ không được xem xét, công nhận các danh hiệu thi đua" (tài liệu tập huấn); chưa đối chiếu được trong TT 01/2024, TT 15/2025. Cấu hình được (registrationRequired).',
  }),
} satisfies Partial<RuleCitations>;

const disciplineNd98 = cite(DOC.ND_98_2023, 'U', {
  note: 'Nguyên tắc chưa khen thưởng khi đang xem xét kỷ luật và tính thành tích từ khi chấp hành xong kỷ luật; điều khoản của NĐ 98/2023 chưa đối chiếu (nội dung được NĐ 152/2025 Điều 4 khoản 4 quy định lại).',
});

export const vn2024: RuleSet = {
  id: 'vn-2024',
  legalBasis: [DOC.LAW_2022, DOC.ND_98_2023, DOC.TT_01_2024],
  from: '2024-01-01',
  to: '2025-06-30',
  defaults: {
    // Issue 11: a rule whose source is unverified [U] decides nothing unless the campaign turns it on.
    registrationRequired: false,
    cstdcsCapPct: null,
    ttldttLdttShare: { pct: 70, inclusive: true },
    ldttMinTenureMonths: 6,
    ldttExcludesKhienTrach: false,
    // [U] here (the article of NĐ 98/2023 was not seen): off unless the campaign turns it on (issue 11). When off, a
    // discipline on file is still shown to the Council in a sentence (rules/discipline.ts principleNotApplied).
    disciplinePrinciple: false,
    bangKhenCstdcsRoute: true,
    quotas: {},
  },
  defaultSources: {
    registrationRequired:
      'Không áp dụng mặc định [U]: nguyên tắc "không đăng ký thi đua sẽ không được xem xét, công nhận các danh hiệu thi đua" (tài liệu tập huấn) chưa đối chiếu được trong TT 01/2024, TT 15/2025; phong trào bật khi kế hoạch của mình yêu cầu đăng ký (registrationRequired).',
    cstdcsCapPct: 'Luật TĐKT 2022 Điều 23 và NĐ 98/2023 không quy định tỷ lệ khống chế CSTĐCS [S: TVPL tlnb:7840ca93e44fd6ea].',
    ldttCountForCap: 'Số cá nhân đạt tiêu chuẩn LĐTT trong đợt xét này.',
    ttldttLdttShare: 'Ít nhất 70% (Luật 2022 Điều 28 theo QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 2) [U].',
    ldttMinTenureMonths: '06 tháng (TT 01/2024/TT-BNV) [S].',
    ldttExcludesKhienTrach: 'Không áp dụng: chưa xác định TT 01/2024 giữ quy định của NĐ 91/2017 [U]; kỷ luật trong năm dẫn đến xếp loại KHTNV.',
    disciplinePrinciple:
      'Không áp dụng mặc định [U]: nguyên tắc chưa khen thưởng khi đang xem xét kỷ luật và tính thành tích từ khi chấp hành xong kỷ luật chưa đối chiếu được điều khoản trong NĐ 98/2023 (được quy định tại NĐ 152/2025 Điều 4 khoản 4 từ 01/07/2025); phong trào có thể bật (disciplinePrinciple).',
    bangKhenCstdcsRoute: '02 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở (Luật TĐKT 2022 Điều 74, theo QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3 khoản 3) [V].',
    quotas: 'Không có chỉ tiêu toàn quốc; chỉ tiêu do kế hoạch phong trào hoặc quy định của tỉnh đặt (ví dụ Cần Thơ QĐ 10/2024/QĐ-UBND Điều 9 khoản 2 điểm a) [V].',
  },
  cite: {
    ...law2022Citations,
    disciplinePending: disciplineNd98,
    disciplineInEffect: disciplineNd98,
    disciplineServed: disciplineNd98,
    ldttTenure: cite(DOC.TT_01_2024, 'S', {
      note: 'Không xét tặng Lao động tiên tiến cho người mới tuyển dụng dưới 06 tháng (trước đây 10 tháng theo NĐ 91/2017); điều khoản chưa đối chiếu. Cấu hình được (ldttMinTenureMonths).',
    }),
    ldttKhienTrach: cite(DOC.TT_01_2024, 'U', { note: 'Chưa xác định TT 01/2024 giữ quy định loại trừ người bị kỷ luật khiển trách của NĐ 91/2017. Cấu hình được.' }),
    cstdcsCap: cite(DOC.CAMPAIGN, 'U', { note: 'Luật 2022 và NĐ 98/2023 không khống chế tỷ lệ CSTĐCS; tỷ lệ này do phong trào hoặc tỉnh đặt (cstdcsCapPct).' }),
    womenPreference: cite(DOC.ND_98_2023, 'U', { note: 'Ưu tiên nữ khi đồng hạng chỉ được mã hóa theo NĐ 152/2025 Điều 4 khoản 6 (vn-2025).' }),
  },
  cstdcsRequiresInitiative: false,
  ttldxsDisciplineClause: false,
  womenTiePreference: false,
  unverifiedOptions: ['registrationRequired', 'ttldttLdttShare', 'ldttExcludesKhienTrach', 'disciplinePrinciple', 'cstdcsCapPct'],
  council: {
    thresholds: {
      LDTT: null,
      CSTDCS: 80,
      CSTD_TINH: 90,
      TTLDTT: null,
      TTLDXS: null,
      GIAY_KHEN: null,
      BANG_KHEN_TINH: null,
      CO_THI_DUA_TINH: 80,
    },
    citation: cite(DOC.ND_98_2023, 'S', {
      article: 'Điều 30',
      clause: 'khoản 7',
      note: 'Bỏ phiếu kín; tỷ lệ tính trên tổng số thành viên Hội đồng: ≥ 90% đối với Chiến sĩ thi đua cấp tỉnh, ≥ 80% đối với Chiến sĩ thi đua cơ sở và Cờ thi đua cấp tỉnh.',
    }),
    majorityCitation: cite(DOC.BAC_NINH_86_2025, 'V', {
      article: 'Điều 9',
      note: 'Hội đồng làm việc theo nguyên tắc tập trung, dân chủ, biểu quyết theo đa số; áp dụng quá nửa tổng số thành viên khi pháp luật không quy định tỷ lệ riêng.',
    }),
    quorumCitation: cite(DOC.BAC_NINH_86_2025, 'V', {
      article: 'Điều 8',
      clause: 'khoản 4',
      point: 'điểm b',
      note: 'Quy định của một tỉnh, dùng làm mặc định: phiên họp có ít nhất 2/3 thành viên; phiên xét khen thưởng có ít nhất 80% thành viên tham dự. Cấu hình được.',
    }),
  },
};
