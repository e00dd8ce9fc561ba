import { DOC, cite } from './documents';
import type { RuleSet } from './types';
import { vn2024 } from './vn-2024';

/**
 * `vn-2017`: reference dates until 31/12/2023. Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013), NĐ 91/2017/NĐ-CP,
 * TT 12/2019/TT-BNV (domain-rules §0). The 2023 Lạng Sơn seed letter falls here.
 * Article numbers of the old law are given where the notes saw them (Điều 23, 28); the others follow the same
 * numbering as the 2022 law and are tagged U.
 */

const OLD = DOC.LAW_2003;
const ND91 = DOC.ND_91_2017;
const oldArt = (article: string, note: string) => cite(OLD, 'U', { article, note: `${note} Số điều theo bố cục tương ứng của Luật 2022, chưa đối chiếu.` });
const disciplineNd91 = cite(ND91, 'U', {
  note: 'Nguyên tắc chưa khen thưởng khi đang xem xét kỷ luật và tính thành tích từ khi chấp hành xong kỷ luật; điều khoản của NĐ 91/2017 chưa đối chiếu.',
});

export const vn2017: RuleSet = {
  ...vn2024,
  id: 'vn-2017',
  legalBasis: [DOC.LAW_2003, DOC.ND_91_2017, DOC.TT_12_2019],
  from: undefined,
  to: '2023-12-31',
  defaults: {
    registrationRequired: false,
    cstdcsCapPct: 15,
    ttldttLdttShare: { pct: 50, inclusive: false },
    ldttMinTenureMonths: 10,
    ldttExcludesKhienTrach: true,
    // The issue 11 review: both applied rules of the later law under a citation to NĐ 91/2017 marked [U]. Off unless the campaign turns them on.
    disciplinePrinciple: false,
    bangKhenCstdcsRoute: false,
    quotas: {},
  },
  defaultSources: {
    ...vn2024.defaultSources,
    cstdcsCapPct: 'Không quá 15% tổng số cá nhân đạt danh hiệu LĐTT (NĐ 91/2017/NĐ-CP Điều 9 khoản 3) [S: TVPL tlnb:7840ca93e44fd6ea].',
    ldttCountForCap: 'Số cá nhân đạt tiêu chuẩn LĐTT trong đợt xét này (NĐ 91/2017 Điều 9 khoản 3: "tổng số cá nhân đạt danh hiệu Lao động tiên tiến").',
    ttldttLdttShare: 'Trên 50% cá nhân đạt LĐTT (Luật TĐKT 2003 Điều 28) [V: thiduakhenthuong.langson.gov.vn].',
    ldttMinTenureMonths: '10 tháng (NĐ 91/2017/NĐ-CP) [S].',
    ldttExcludesKhienTrach: 'Không xét LĐTT cho người bị kỷ luật từ khiển trách trở lên (NĐ 91/2017/NĐ-CP) [S: hfic.vn].',
    disciplinePrinciple:
      'Không áp dụng mặc định [U]: nguyên tắc của NĐ 152/2025 Điều 4 khoản 4 (chưa khen thưởng khi đang xem xét kỷ luật, tính thành tích từ khi chấp hành xong kỷ luật) chưa đối chiếu được trong NĐ 91/2017; phong trào có thể bật (disciplinePrinciple). Quy định loại trừ LĐTT khi bị kỷ luật từ khiển trách (ldttExcludesKhienTrach) vẫn áp dụng.',
    bangKhenCstdcsRoute:
      'Không áp dụng mặc định [U]: tiêu chí 02 lần liên tục Chiến sĩ thi đua cơ sở là của Luật TĐKT 2022 Điều 74, chưa đối chiếu được trong Luật 2003 và NĐ 91/2017; phong trào có thể bật (bangKhenCstdcsRoute).',
  },
  cite: {
    ...vn2024.cite,
    disciplinePending: disciplineNd91,
    disciplineInEffect: disciplineNd91,
    disciplineServed: disciplineNd91,
    ldttRating: oldArt('Điều 24', 'Hoàn thành tốt nhiệm vụ được giao.'),
    ldttTenure: cite(ND91, 'S', {
      note: 'Không xét tặng Lao động tiên tiến cho người mới tuyển dụng dưới 10 tháng; điều khoản chưa đối chiếu. Cấu hình được (ldttMinTenureMonths).',
    }),
    ldttKhienTrach: cite(ND91, 'S', {
      note: 'Không xét tặng Lao động tiên tiến cho cá nhân bị kỷ luật từ hình thức khiển trách trở lên trong năm; điều khoản chưa đối chiếu. Cấu hình được (ldttExcludesKhienTrach).',
    }),
    cstdcsLdtt: cite(ND91, 'S', { article: 'Điều 9', clause: 'khoản 3', point: 'điểm a', note: 'Cùng tiêu chuẩn tại Điều 23 Luật TĐKT 2003 [V].' }),
    cstdcsBasis: cite(ND91, 'S', {
      article: 'Điều 9',
      clause: 'khoản 3',
      point: 'điểm b',
      note: 'Phải có sáng kiến được cơ sở công nhận hoặc đề tài nghiên cứu khoa học đã nghiệm thu, được áp dụng; Điều 23 Luật TĐKT 2003 [V].',
    }),
    cstdcsCap: cite(ND91, 'S', {
      article: 'Điều 9',
      clause: 'khoản 3',
      note: 'Tỷ lệ Chiến sĩ thi đua cơ sở không quá 15% tổng số cá nhân đạt danh hiệu Lao động tiên tiến. Cấu hình được (cstdcsCapPct).',
    }),
    cstdTinhChain: oldArt('Điều 22', '03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở.'),
    cstdTinhInitiative: oldArt('Điều 22', 'Sáng kiến, đề tài có tác dụng ảnh hưởng đối với bộ, ngành, tỉnh.'),
    ttldttRating: cite(OLD, 'V', { article: 'Điều 28', note: 'Hoàn thành tốt nhiệm vụ được giao.' }),
    ttldttShare: cite(OLD, 'V', { article: 'Điều 28', note: 'Có trên 50% cá nhân trong tập thể đạt danh hiệu Lao động tiên tiến. Cấu hình được (ttldttLdttShare).' }),
    ttldttDiscipline: cite(OLD, 'V', { article: 'Điều 28', note: 'Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên.' }),
    ttldxsRating: oldArt('Điều 27', 'Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ.'),
    ttldxsAllMembers: oldArt('Điều 27', '100% cá nhân hoàn thành nhiệm vụ được giao.'),
    ttldxsShare: oldArt('Điều 27', 'Ít nhất 70% cá nhân đạt danh hiệu Lao động tiên tiến.'),
    ttldxsCstdcs: oldArt('Điều 27', 'Có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở.'),
    ttldxsDiscipline: oldArt('Điều 27', 'Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên (domain-rules §2.2: điều kiện của luật cũ).'),
    coRating: oldArt('Điều 26', 'Tập thể tiêu biểu xuất sắc của tỉnh.'),
    coLedCluster: oldArt('Điều 26', 'Tập thể dẫn đầu Cụm, Khối thi đua của tỉnh.'),
    coExceeded: oldArt('Điều 26', 'Hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao trong năm.'),
    giayKhen: cite(OLD, 'U', { note: 'Tiêu chuẩn Giấy khen của thủ trưởng cơ quan (hoàn thành tốt nhiệm vụ); điều khoản của luật cũ và NĐ 91/2017 chưa đối chiếu.' }),
    // Article left out: the notes give none for NĐ 91/2017's Bằng khen ("Điều 39" was from memory, issue 11).
    bangKhenRecord: cite(ND91, 'U', {
      note: 'Bằng khen cấp bộ, ngành, tỉnh: 02 năm liên tục hoàn thành xuất sắc nhiệm vụ, trong thời gian đó có 02 sáng kiến được công nhận; điều khoản chưa đối chiếu.',
    }),
    bangKhenCstdcsChain: cite(DOC.CAMPAIGN, 'U', {
      note: 'Tiêu chí 02 lần liên tục Chiến sĩ thi đua cơ sở lấy theo Điều 74 Luật Thi đua, khen thưởng số 06/2022/QH15, do phong trào bật (bangKhenCstdcsRoute); chưa đối chiếu trong Luật 2003 và NĐ 91/2017.',
    }),
    bangKhenMovement: cite(ND91, 'U', { note: 'Thành tích xuất sắc trong phong trào thi đua do tỉnh phát động; điều khoản chưa đối chiếu.' }),
    initiativeOnce: cite(DOC.CV_5007, 'S', { note: 'Một sáng kiến chỉ được dùng một lần làm căn cứ khen thưởng (văn bản năm 2023, áp dụng cho đợt xét năm 2023).' }),
    oneAchievement: cite(OLD, 'U', { note: 'Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích; điều khoản của luật cũ chưa đối chiếu.' }),
  },
  cstdcsRequiresInitiative: true,
  ttldxsDisciplineClause: true,
  womenTiePreference: false,
  unverifiedOptions: ['registrationRequired', 'disciplinePrinciple', 'bangKhenCstdcsRoute'],
  council: {
    ...vn2024.council,
    citation: cite(DOC.ND_98_2023, 'U', {
      article: 'Điều 30',
      clause: 'khoản 7',
      note: 'Ngưỡng biểu quyết thời kỳ NĐ 91/2017 chưa đối chiếu; dùng mức của NĐ 98/2023 Điều 30 khoản 7 (80%, 90% trên tổng số thành viên Hội đồng) làm mặc định. Cấu hình được.',
    }),
  },
};
