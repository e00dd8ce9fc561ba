import { DOC, cite } from './documents';
import type { RuleSet } from './types';
import { law2022Citations, vn2024 } from './vn-2024';

/**
 * `vn-2025`: reference dates from 01/07/2025. Luật 06/2022/QH15, NĐ 152/2025/NĐ-CP (in force 01/07/2025; repeals
 * NĐ 98/2023 and NĐ 28/2024, Art 59 [V]), TT 15/2025/TT-BNV (replaces TT 01/2024 [S]). Domain-rules §0.
 * The "(?) from 01/10/2026" amendment of the notes is [U] and not encoded: this set stays in force until one is added.
 */

const art4 = (clause: string, note: string) => cite(DOC.ND_152_2025, 'V', { article: 'Điều 4', clause, note });

export const vn2025: RuleSet = {
  ...vn2024,
  id: 'vn-2025',
  legalBasis: [DOC.LAW_2022, DOC.ND_152_2025, DOC.TT_15_2025],
  from: '2025-07-01',
  to: undefined,
  // The principle is verified here (NĐ 152/2025 Art 4.4), so it is on; the rest are vn-2024's.
  defaults: { ...vn2024.defaults, disciplinePrinciple: true },
  defaultSources: {
    ...vn2024.defaultSources,
    disciplinePrinciple: 'NĐ 152/2025/NĐ-CP Điều 4 khoản 4 [V]: chưa khen thưởng khi đang xem xét kỷ luật; thành tích được tính từ khi chấp hành xong kỷ luật.',
    cstdcsCapPct: 'Luật TĐKT 2022 Điều 23 không khống chế tỷ lệ CSTĐCS; NĐ 152/2025 không thêm tỷ lệ [S]. Tỉnh, ngành có thể đặt [U].',
    ldttMinTenureMonths: '06 tháng theo TT 01/2024/TT-BNV [S]; TT 15/2025/TT-BNV thay thế TT 01/2024, việc giữ mốc 06 tháng chưa đối chiếu [U].',
    ldttExcludesKhienTrach: 'Không áp dụng [U]: chưa xác định TT 15/2025 có quy định riêng; kỷ luật trong năm dẫn đến xếp loại KHTNV.',
  },
  cite: {
    ...vn2024.cite,
    ...law2022Citations,
    disciplinePending: art4('khoản 4', 'Chưa khen thưởng hoặc đề nghị khen thưởng trong thời gian đang xem xét thi hành kỷ luật, điều tra, thanh tra, kiểm tra, xác minh đơn thư.'),
    disciplineInEffect: art4('khoản 4', 'Thành tích chỉ được tính từ thời điểm chấp hành xong thời gian thi hành kỷ luật.'),
    disciplineServed: art4('khoản 4', 'Thành tích khen thưởng được tính từ thời điểm chấp hành xong thời gian thi hành kỷ luật.'),
    ldttTenure: cite(DOC.TT_15_2025, 'U', {
      note: 'Mốc 06 tháng theo TT 01/2024/TT-BNV [S]; TT 15/2025 thay thế TT 01/2024, việc giữ nguyên mốc chưa đối chiếu. Cấu hình được (ldttMinTenureMonths).',
    }),
    ldttKhienTrach: cite(DOC.TT_15_2025, 'U', { note: 'Chưa xác định TT 15/2025 có quy định loại trừ người bị kỷ luật khiển trách. Cấu hình được.' }),
    cstdcsCap: cite(DOC.CAMPAIGN, 'U', { note: 'Luật 2022 và NĐ 152/2025 không khống chế tỷ lệ CSTĐCS; tỷ lệ này do phong trào hoặc tỉnh đặt (cstdcsCapPct).' }),
    womenPreference: art4('khoản 6', 'Khi có nhiều cá nhân, tập thể cùng đủ điều kiện, tiêu chuẩn thì lựa chọn cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên.'),
  },
  womenTiePreference: true,
  unverifiedOptions: ['registrationRequired', 'ttldttLdttShare', 'ldttMinTenureMonths', 'ldttExcludesKhienTrach', 'cstdcsCapPct'],
  council: {
    ...vn2024.council,
    citation: cite(DOC.ND_152_2025, 'U', {
      article: 'Điều 33',
      clause: 'khoản 5',
      note: 'Ngưỡng 80% (Chiến sĩ thi đua cơ sở, Cờ thi đua cấp tỉnh; Điều 33 khoản 5) và 90% (Chiến sĩ thi đua cấp tỉnh; Điều 45) trên tổng số thành viên Hội đồng theo một nguồn chưa kiểm chứng; giữ nguyên mức của NĐ 98/2023 Điều 30 khoản 7. QĐ 3621/QĐ-BYT ngày 24/11/2025 vẫn dùng "ít nhất 80% số phiếu … trên tổng số thành viên Hội đồng" [V]. Cấu hình được.',
    }),
  },
};
