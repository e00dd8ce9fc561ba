import type { Citation } from './types';

/** Legal documents as a clerk writes them in minutes ("khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"). */
export const DOC = {
  LAW_2022: 'Luật Thi đua, khen thưởng số 06/2022/QH15',
  LAW_2003: 'Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005, 2013)',
  ND_91_2017: 'Nghị định số 91/2017/NĐ-CP',
  ND_98_2023: 'Nghị định số 98/2023/NĐ-CP',
  ND_152_2025: 'Nghị định số 152/2025/NĐ-CP',
  ND_129_2025: 'Nghị định số 129/2025/NĐ-CP',
  TT_12_2019: 'Thông tư số 12/2019/TT-BNV',
  TT_01_2024: 'Thông tư số 01/2024/TT-BNV',
  TT_15_2025: 'Thông tư số 15/2025/TT-BNV',
  CV_5007: 'Công văn số 5007/BNV-TĐKT năm 2023 của Bộ Nội vụ',
  BAC_NINH_86_2025: 'Quyết định số 86/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Bắc Ninh',
  CAMPAIGN: 'Kế hoạch tổ chức phong trào thi đua',
} as const;

export const cite = (document: string, confidence: Citation['confidence'], parts: Omit<Citation, 'document' | 'confidence'> = {}): Citation => ({
  document,
  ...parts,
  confidence,
});

/** "điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15" */
export function citeText(c: Citation): string {
  return [c.point, c.clause, c.article, c.document].filter((x): x is string => Boolean(x)).join(' ');
}
