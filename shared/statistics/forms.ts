/**
 * The Ministry of Home Affairs' statistical forms for emulation and commendation (biểu mẫu báo cáo thống kê lĩnh vực
 * thi đua, khen thưởng), as layouts: the header cells with their merges, the numbered columns and the coded rows.
 * Pure data; docs/statistics.md gives the sources.
 *
 * Source of the layouts: Thông tư 02/2023/TT-BNV ngày 23/3/2023 (chế độ báo cáo thống kê ngành Nội vụ) names the forms
 * 0601.N–0605.N/BNV-TĐKT [S]. The circular's annex itself was not retrieved: the rows, codes and columns below follow the
 * reproduction in a deployed product (lifephongphanmem/thiduakhenthuong, resources/views/BaoCao/TT022023/Mau0601–0605)
 * and its predecessor forms 0701–0703.N of TT 03/2018/TT-BNV in the same product. Every sheet says the layout is
 * reconstructed (`LAYOUT_NOTE`).
 */

export const STATISTICS_FORM_IDS = ['0601.N', '0602.N', '0603.N', '0604.N', '0605.N'] as const;
export type StatisticsFormId = (typeof STATISTICS_FORM_IDS)[number];

export const isStatisticsFormId = (s: string): s is StatisticsFormId => (STATISTICS_FORM_IDS as readonly string[]).includes(s);

/** The circular the forms are issued with, as the title block of each form writes it. */
export const CIRCULAR = 'Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ';

/** TT 02/2023: the forms reach the receiving unit on 15 December of the reporting year (ngày nhận báo cáo). */
export const RECEIPT_LINE = 'Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo';

export const LAYOUT_NOTE =
  'Bố cục biểu được dựng lại theo các biểu 0601–0605.N/BNV-TĐKT như một phần mềm thi đua, khen thưởng đang dùng đã tái hiện, và theo các biểu 0701–0703.N của Thông tư 03/2018/TT-BNV; chưa đối chiếu được với phụ lục gốc của Thông tư 02/2023/TT-BNV. Thông tư 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ (chế độ báo cáo thống kê ngành Nội vụ) chưa được đối chiếu: nếu thông tư này đã thay biểu, Văn phòng dùng biểu mới.';

/** A cell of the header block: row and column from 0 at the block's top-left (column 0 is the label column A). */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
}

export interface FormRow {
  /** The row's key in the cell model; section headings have none. */
  key?: string;
  /** Mã số ("01"); empty for a section heading. */
  code: string;
  label: string;
  /** Đơn vị tính, on the forms that have that column. */
  unit?: string;
  heading?: boolean;
  bold?: boolean;
}

export interface FormColumn {
  key: string;
  /** The column's number on the form ("1", "2", …). */
  number: string;
}

export interface FormLayout {
  id: StatisticsFormId;
  /** "0601.N/BNV-TĐKT" */
  symbol: string;
  /** The form's title, as printed (capitals). */
  title: string;
  /** The title in sentence case, for lists. */
  name: string;
  /** "Đơn vị tính: Phong trào", when the whole form has one unit. */
  unitLine?: string;
  /** Label columns before the numbers: A (tên chỉ tiêu), B (mã số), and C (đơn vị tính) on some forms. */
  labelColumns: 2 | 3;
  columns: FormColumn[];
  header: HeaderCell[];
  headerRows: number;
  /** Each header row's height in points: the row that ends the long column titles is the tall one. */
  headerHeights: number[];
  /** The row of column letters and numbers under the header (A, B, C, 1, 2 …), merged where the header groups columns. */
  numbering: HeaderCell[];
  rows: FormRow[];
}

const leafNumbers = (labelColumns: 2 | 3, columns: FormColumn[]): HeaderCell[] => [
  { text: 'A', row: 0, col: 0 },
  { text: 'B', row: 0, col: 1 },
  ...(labelColumns === 3 ? [{ text: 'C', row: 0, col: 2 }] : []),
  ...columns.map((c, i) => ({ text: c.number, row: 0, col: labelColumns + i })),
];

// --- 0601.N: Số phong trào thi đua ---------------------------------------------------------------------------

const F0601_COLUMNS: FormColumn[] = [
  { key: 'total', number: '1=(2+3+4)' },
  { key: 'central', number: '2' },
  { key: 'provincial', number: '3' },
  { key: 'unit', number: '4' },
];

const F0601: FormLayout = {
  id: '0601.N',
  symbol: '0601.N/BNV-TĐKT',
  title: 'SỐ PHONG TRÀO THI ĐUA',
  name: 'Số phong trào thi đua',
  unitLine: 'Đơn vị tính: Phong trào',
  labelColumns: 2,
  columns: F0601_COLUMNS,
  headerRows: 2,
  headerHeights: [30, 75],
  header: [
    { text: '', row: 0, col: 0, rowSpan: 2 },
    { text: 'Mã số', row: 0, col: 1, rowSpan: 2 },
    { text: 'Tổng số', row: 0, col: 2, rowSpan: 2 },
    { text: 'Số phong trào thi đua chia theo cấp chủ trì phát động thi đua', row: 0, col: 3, colSpan: 3 },
    { text: 'Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)', row: 1, col: 3 },
    { text: 'Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương', row: 1, col: 4 },
    { text: 'Cơ quan, tổ chức, đơn vị', row: 1, col: 5 },
  ],
  numbering: leafNumbers(2, F0601_COLUMNS),
  rows: [
    { key: 'total', code: '01', label: 'Tổng số', bold: true },
    { code: '', label: '1. Chia theo phạm vi tổ chức thi đua', heading: true },
    { key: 'scopeNational', code: '02', label: '- Toàn quốc' },
    { key: 'scopeMinistryOrLocal', code: '03', label: '- Bộ, ban, ngành, đoàn thể, địa phương' },
    { key: 'scopeCluster', code: '04', label: '- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức' },
    { key: 'scopeUnit', code: '05', label: '- Cơ quan, tổ chức, đơn vị' },
    { code: '', label: '2. Chia theo thời hạn thi đua', heading: true },
    { key: 'under1', code: '06', label: '- Dưới 1 năm' },
    { key: 'year1', code: '07', label: '- 1 năm' },
    { key: 'from1to3', code: '08', label: '- Từ 1 năm đến dưới 3 năm' },
    { key: 'from3to5', code: '09', label: '- Từ 3 năm đến dưới 5 năm' },
    { key: 'from5', code: '10', label: '- Từ 5 năm trở lên' },
    { code: '', label: '3. Chia theo phương thức tổ chức phong trào thi đua', heading: true },
    { key: 'thematic', code: '11', label: '- Thi đua theo chuyên đề' },
    { key: 'regular', code: '12', label: '- Thi đua thường xuyên hằng năm' },
  ],
};

// --- 0602.N: Số lượng khen thưởng cấp Nhà nước ----------------------------------------------------------------

const F0602_COLUMNS: FormColumn[] = [
  { key: 'total', number: '1' },
  ...[1, 2, 3, 4].flatMap((i) => [
    { key: `medal${i}Collective`, number: '2' },
    { key: `medal${i}Individual`, number: '2' },
  ]),
  { key: 'hoChiMinhPrize', number: '3' },
  { key: 'statePrize', number: '4' },
  { key: 'heroicMother', number: '5' },
  { key: 'heroCollective', number: '5' },
  { key: 'heroIndividual', number: '5' },
  { key: 'meritoriousTeacher', number: '5' },
  { key: 'governmentFlag', number: '6' },
  { key: 'pmCertificateCollective', number: '7' },
  { key: 'pmCertificateIndividual', number: '7' },
  { key: 'nationalEmulationSoldier', number: '8' },
  { key: 'otherCollective', number: '9' },
  { key: 'otherIndividual', number: '9' },
];

const COLLECTIVE = 'Tập thể';
const INDIVIDUAL = 'Cá nhân';

const F0602: FormLayout = {
  id: '0602.N',
  symbol: '0602.N/BNV-TĐKT',
  title: 'SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC',
  name: 'Số lượng khen thưởng cấp Nhà nước',
  labelColumns: 3,
  columns: F0602_COLUMNS,
  headerRows: 4,
  headerHeights: [20, 60, 45, 20],
  header: [
    { text: '', row: 0, col: 0, rowSpan: 4 },
    { text: 'Mã số', row: 0, col: 1, rowSpan: 4 },
    { text: 'Đơn vị tính', row: 0, col: 2, rowSpan: 4 },
    { text: 'Tổng số', row: 0, col: 3, rowSpan: 4 },
    { text: 'Chia ra', row: 0, col: 4, colSpan: 20 },
    { text: 'Các loại huân chương, huy chương (mỗi hình thức khen thưởng ghi riêng một cột)', row: 1, col: 4, colSpan: 8 },
    { text: 'Huân chương …', row: 2, col: 4, colSpan: 2 },
    { text: 'Huân chương …', row: 2, col: 6, colSpan: 2 },
    { text: 'Huy chương …', row: 2, col: 8, colSpan: 2 },
    { text: 'Huy chương …', row: 2, col: 10, colSpan: 2 },
    ...[4, 6, 8, 10].flatMap((c) => [
      { text: COLLECTIVE, row: 3, col: c },
      { text: INDIVIDUAL, row: 3, col: c + 1 },
    ]),
    { text: 'Giải thưởng Hồ Chí Minh', row: 1, col: 12, rowSpan: 2 },
    { text: INDIVIDUAL, row: 3, col: 12 },
    { text: 'Giải thưởng Nhà nước', row: 1, col: 13, rowSpan: 2 },
    { text: INDIVIDUAL, row: 3, col: 13 },
    { text: 'Danh hiệu vinh dự nhà nước (mỗi hình thức khen thưởng ghi riêng một cột)', row: 1, col: 14, colSpan: 4 },
    { text: 'Bà mẹ Việt Nam anh hùng', row: 2, col: 14 },
    { text: INDIVIDUAL, row: 3, col: 14 },
    { text: 'Anh hùng lực lượng vũ trang nhân dân', row: 2, col: 15, colSpan: 2 },
    { text: COLLECTIVE, row: 3, col: 15 },
    { text: INDIVIDUAL, row: 3, col: 16 },
    { text: 'Nhà giáo ưu tú', row: 2, col: 17 },
    { text: INDIVIDUAL, row: 3, col: 17 },
    { text: 'Cờ thi đua của Chính phủ', row: 1, col: 18, rowSpan: 2 },
    { text: COLLECTIVE, row: 3, col: 18 },
    { text: 'Bằng khen của Thủ tướng Chính phủ', row: 1, col: 19, rowSpan: 2, colSpan: 2 },
    { text: COLLECTIVE, row: 3, col: 19 },
    { text: INDIVIDUAL, row: 3, col: 20 },
    { text: 'Danh hiệu "Chiến sĩ thi đua toàn quốc"', row: 1, col: 21, rowSpan: 2 },
    { text: INDIVIDUAL, row: 3, col: 21 },
    { text: 'Các hình thức khen thưởng khác (mỗi hình thức khen thưởng ghi riêng một cột)', row: 1, col: 22, rowSpan: 2, colSpan: 2 },
    { text: COLLECTIVE, row: 3, col: 22 },
    { text: INDIVIDUAL, row: 3, col: 23 },
  ],
  numbering: [
    { text: 'A', row: 0, col: 0 },
    { text: 'B', row: 0, col: 1 },
    { text: 'C', row: 0, col: 2 },
    { text: '1', row: 0, col: 3 },
    { text: '2', row: 0, col: 4, colSpan: 8 },
    { text: '3', row: 0, col: 12 },
    { text: '4', row: 0, col: 13 },
    { text: '5', row: 0, col: 14, colSpan: 4 },
    { text: '6', row: 0, col: 18 },
    { text: '7', row: 0, col: 19, colSpan: 2 },
    { text: '8', row: 0, col: 21 },
    { text: '9', row: 0, col: 22, colSpan: 2 },
  ],
  rows: [
    { key: 'total', code: '01', label: 'Tổng số', bold: true },
    { code: '', label: '1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng', heading: true },
    { key: 'byMinistry', code: '02', label: '- Bộ, ban, ngành, đoàn thể Trung ương', unit: 'Bộ, ngành' },
    { key: 'byProvince', code: '03', label: '- Tỉnh, thành phố trực thuộc Trung ương', unit: 'Tỉnh, TP' },
    { code: '', label: '2. Chia theo đối tượng khen thưởng', heading: true },
    { key: 'collective', code: '06', label: '- Tập thể', unit: 'Tập thể' },
    { key: 'enterprise', code: '07', label: 'Trong đó: Doanh nghiệp', unit: 'Doanh nghiệp' },
    { key: 'household', code: '08', label: '- Hộ gia đình', unit: 'Hộ' },
    { key: 'individual', code: '09', label: '- Cá nhân', unit: 'Người' },
    { key: 'leaderMinistry', code: '10', label: '+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên', unit: 'Người' },
    { key: 'leaderDepartment', code: '11', label: '+ Lãnh đạo cấp vụ, sở, ngành và tương đương', unit: 'Người' },
    { key: 'entrepreneur', code: '12', label: '+ Doanh nhân', unit: 'Người' },
    { key: 'leaderOther', code: '13', label: '+ Các cấp lãnh đạo khác từ phó phòng trở lên', unit: 'Người' },
    { key: 'worker', code: '14', label: '+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân, …)', unit: 'Người' },
    { code: '', label: '3. Chia theo phương thức khen thưởng', heading: true },
    { key: 'regular', code: '15', label: '- Thường xuyên' },
    { key: 'thematic', code: '16', label: '- Chuyên đề' },
    { key: 'sudden', code: '17', label: '- Đột xuất' },
    { key: 'foreign', code: '18', label: '- Đối ngoại' },
    { key: 'dedication', code: '19', label: '- Cống hiến' },
    { key: 'seniority', code: '20', label: '- Niên hạn' },
    { key: 'resistance', code: '21', label: '- Kháng chiến' },
  ],
};

// --- 0603.N: Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh ----------------------------------

const F0603_COLUMNS: FormColumn[] = [
  { key: 'total', number: '1' },
  { key: 'certificate', number: '2' },
  { key: 'emulationSoldier', number: '3' },
  { key: 'flag', number: '4' },
  { key: 'badge', number: '5' },
];

const F0603: FormLayout = {
  id: '0603.N',
  symbol: '0603.N/BNV-TĐKT',
  title: 'SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG',
  name: 'Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực thuộc Trung ương',
  labelColumns: 3,
  columns: F0603_COLUMNS,
  headerRows: 2,
  headerHeights: [20, 105],
  header: [
    { text: '', row: 0, col: 0, rowSpan: 2 },
    { text: 'Mã số', row: 0, col: 1, rowSpan: 2 },
    { text: 'Đơn vị tính', row: 0, col: 2, rowSpan: 2 },
    { text: 'Tổng số', row: 0, col: 3, rowSpan: 2 },
    { text: 'Chia ra', row: 0, col: 4, colSpan: 4 },
    { text: 'Bằng khen', row: 1, col: 4 },
    { text: 'Chiến sĩ thi đua cấp bộ, cấp tỉnh', row: 1, col: 5 },
    { text: 'Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương', row: 1, col: 6 },
    { text: 'Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương', row: 1, col: 7 },
  ],
  numbering: leafNumbers(3, F0603_COLUMNS),
  rows: [
    { key: 'total', code: '01', label: 'Tổng số', bold: true },
    { code: '', label: '1. Chia theo đối tượng khen thưởng', heading: true },
    { key: 'collective', code: '02', label: '- Tập thể', unit: 'Tập thể' },
    { key: 'enterprise', code: '03', label: 'Trong đó: Doanh nghiệp', unit: 'Doanh nghiệp' },
    { key: 'household', code: '04', label: '- Hộ gia đình', unit: 'Hộ' },
    { key: 'individual', code: '05', label: '- Cá nhân', unit: 'Người' },
    { key: 'leaderMinistry', code: '06', label: '+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên', unit: 'Người' },
    { key: 'leaderDepartment', code: '07', label: '+ Lãnh đạo cấp vụ, sở, ngành và tương đương', unit: 'Người' },
    { key: 'entrepreneur', code: '08', label: '+ Doanh nhân', unit: 'Người' },
    { key: 'leaderOther', code: '09', label: '+ Các cấp lãnh đạo khác từ phó phòng trở lên', unit: 'Người' },
    { key: 'worker', code: '10', label: '+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân, …)', unit: 'Người' },
    { code: '', label: '2. Chia theo phương thức khen thưởng', heading: true },
    { key: 'regular', code: '11', label: '- Thường xuyên' },
    { key: 'thematic', code: '12', label: '- Chuyên đề' },
    { key: 'sudden', code: '13', label: '- Đột xuất' },
    { key: 'foreign', code: '14', label: '- Đối ngoại' },
    { key: 'dedication', code: '15', label: '- Cống hiến' },
    { key: 'seniority', code: '16', label: '- Niên hạn' },
    { key: 'resistance', code: '17', label: '- Kháng chiến' },
  ],
};

// --- 0604.N: Số lượng tổ chức làm công tác thi đua, khen thưởng ------------------------------------------------

const F0604_COLUMNS: FormColumn[] = [{ key: 'count', number: '1' }];

const F0604: FormLayout = {
  id: '0604.N',
  symbol: '0604.N/BNV-TĐKT',
  title: 'SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG',
  name: 'Số lượng tổ chức làm công tác thi đua, khen thưởng',
  labelColumns: 3,
  columns: F0604_COLUMNS,
  headerRows: 1,
  headerHeights: [30],
  header: [
    { text: '', row: 0, col: 0 },
    { text: 'Mã số', row: 0, col: 1 },
    { text: 'Đơn vị tính', row: 0, col: 2 },
    { text: 'Số lượng', row: 0, col: 3 },
  ],
  numbering: leafNumbers(3, F0604_COLUMNS),
  rows: [
    { key: 'total', code: '01', label: 'Tổng số', unit: 'Tổ chức', bold: true },
    { code: '', label: 'Chia theo cơ cấu tổ chức bộ máy', heading: true },
    { key: 'ministryDepartment', code: '02', label: '- Cấp vụ thuộc bộ, ban, ngành, đoàn thể Trung ương', unit: 'Vụ' },
    { key: 'ministryDivision', code: '03', label: '- Cấp phòng, ban hoặc bộ phận thuộc vụ', unit: 'Phòng' },
    { key: 'provinceBoard', code: '04', label: '- Cấp ban thuộc Sở Nội vụ', unit: 'Ban' },
    { key: 'provinceDivision', code: '05', label: '- Cấp phòng thuộc Sở Nội vụ', unit: 'Phòng' },
  ],
};

// --- 0605.N: Số lượng công chức làm công tác thi đua, khen thưởng ----------------------------------------------

const F0605_COLUMNS: FormColumn[] = [
  { key: 'total', number: '1' },
  { key: 'women', number: '2' },
];

const F0605: FormLayout = {
  id: '0605.N',
  symbol: '0605.N/BNV-TĐKT',
  title: 'SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG',
  name: 'Số lượng công chức làm công tác thi đua, khen thưởng',
  unitLine: 'Đơn vị tính: Người',
  labelColumns: 2,
  columns: F0605_COLUMNS,
  headerRows: 2,
  headerHeights: [20, 30],
  header: [
    { text: '', row: 0, col: 0, rowSpan: 2 },
    { text: 'Mã số', row: 0, col: 1, rowSpan: 2 },
    { text: 'Số lượng (người)', row: 0, col: 2, colSpan: 2 },
    { text: 'Tổng số', row: 1, col: 2 },
    { text: 'Trong đó: Nữ', row: 1, col: 3 },
  ],
  numbering: leafNumbers(2, F0605_COLUMNS),
  rows: [
    { key: 'total', code: '01', label: 'Tổng số', bold: true },
    { code: '', label: '1. Chia theo độ tuổi', heading: true },
    { key: 'age30', code: '02', label: '- Từ 30 trở xuống' },
    { key: 'age31to40', code: '03', label: '- Từ 31 đến 40' },
    { key: 'age41to50', code: '04', label: '- Từ 41 đến 50' },
    { key: 'age51to55', code: '05', label: '- Từ 51 đến 55' },
    { key: 'age56to60', code: '06', label: '- Từ 56 đến 60' },
    { key: 'age60plus', code: '07', label: '- Trên 60 tuổi' },
    { code: '', label: '2. Chia theo trình độ đào tạo', heading: true },
    { key: 'eduElementary', code: '08', label: '- Sơ cấp' },
    { key: 'eduIntermediate', code: '09', label: '- Trung cấp' },
    { key: 'eduCollege', code: '10', label: '- Cao đẳng' },
    { key: 'eduUniversity', code: '11', label: '- Đại học' },
    { key: 'eduPostgraduate', code: '12', label: '- Trên đại học' },
    { code: '', label: '3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng', heading: true },
    { key: 'tenureUnder5', code: '13', label: '- Dưới 5 năm' },
    { key: 'tenure5to10', code: '14', label: '- Từ 5 đến 10 năm' },
    { key: 'tenure10plus', code: '15', label: '- Từ 10 năm trở lên' },
  ],
};

export const FORM_LAYOUTS: Readonly<Record<StatisticsFormId, FormLayout>> = {
  '0601.N': F0601,
  '0602.N': F0602,
  '0603.N': F0603,
  '0604.N': F0604,
  '0605.N': F0605,
};

/** What the system can put in each form: `partly` (some cells from its data, the rest left to the Office) or `none`. */
export type Fillable = 'partly' | 'none';

export interface StatisticsFormInfo {
  id: StatisticsFormId;
  symbol: string;
  name: string;
  fillable: Fillable;
}

/** The forms, in the circular's order, with their Vietnamese names and what the system fills. */
export const statisticsForms: readonly StatisticsFormInfo[] = STATISTICS_FORM_IDS.map((id) => ({
  id,
  symbol: FORM_LAYOUTS[id].symbol,
  name: FORM_LAYOUTS[id].name,
  fillable: id === '0601.N' || id === '0603.N' ? 'partly' : 'none',
}));
