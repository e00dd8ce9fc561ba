/**
 * The Ministry of Home Affairs' statistical forms for emulation and commendation (TT 02/2023/TT-BNV, forms
 * 0601.N–0605.N/BNV-TĐKT): docs/statistics.md.
 */
export {
  agenciesInScope,
  type AwardLine,
  type CampaignLine,
  type Cell,
  type ComputedForm,
  type ComputedRow,
  cellValue,
  computeForm,
  type PeriodBasis,
  reportingPeriod,
  type StatisticsAgency,
  type StatisticsCampaign,
  type StatisticsInput,
  StatisticsInputError,
  type SubjectCounts,
} from './compute';
export { FORM_LAYOUTS, isStatisticsFormId, STATISTICS_FORM_IDS, type StatisticsFormId, type StatisticsFormInfo, statisticsForms } from './forms';
export { buildStatisticsWorkbook, DETAIL_SHEET, MAIN_SHEET_PREFIX, OFFICE_FILL_ARGB, writeStatisticsWorkbook } from './workbook';
