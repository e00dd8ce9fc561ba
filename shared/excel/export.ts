import type { DecideResult } from '../domain/decide';
import { formatVi } from '../domain/points';
import type { Outcome, PublicOutcome } from '../domain/results';
import { type VerificationInput, compileTable, scoreReport } from '../domain/scoring';
import type { ReportPeriod, ScoringTable, UnitReport } from '../schemas/scoring';
import {
  type CriterionHeader,
  REPORT_COLUMNS,
  type RegistrationRow,
  type ReportCriterionRow,
  type StandingsExportRow,
  type UnitNames,
  proposalColumns,
  registrationColumns,
  resultsColumns,
  standingsColumns,
} from './columns';
import { type CampaignRef, type InfoLine, writeTableWorkbook } from './workbook';

/**
 * The exports of issue 13, each an .xlsx of two sheets: the data as an Excel table (header in row 1, frozen; numbers
 * as numbers, points with two decimals, dates as dates) and "Thông tin" (the campaign, its document number, and what
 * the source carries to prove the figures: the input hash, the rule set or rule version). Pure: the caller passes what
 * its reader may see (the visibility policy runs upstream) and, if it wants one printed, the export's time.
 */

const PERIOD_LABEL: Record<ReportPeriod, string> = { 'mid-year': 'Sơ kết', final: 'Tổng kết' };

interface Common {
  campaign: CampaignRef;
  /** When the export was made (ISO instant): printed on "Thông tin" when given; nothing here reads a clock. */
  exportedAt?: string;
}

const exported = (at: string | undefined): InfoLine[] => (at ? [['Thời điểm xuất (giờ Việt Nam)', new Date(Date.parse(at) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')]] : []);

// ── Registrations ──────────────────────────────────────────────────────────────────────────

export interface RegistrationsExport extends Common {
  registrations: readonly RegistrationRow[];
  unitNames?: UnitNames;
}

export function registrationsWorkbook(x: RegistrationsExport): Promise<Buffer> {
  return writeTableWorkbook({ name: 'Đăng ký thi đua', columns: registrationColumns(x.unitNames ?? {}), rows: x.registrations }, x.campaign, [
    ['Số đăng ký', x.registrations.length],
    ...exported(x.exportedAt),
  ]);
}

// ── Reports ────────────────────────────────────────────────────────────────────────────────

export interface ReportsExport extends Common {
  period: ReportPeriod;
  table: ScoringTable;
  /** Each unit's report with the Office's verification of it, if any. */
  reports: readonly { report: Pick<UnitReport, 'unitId' | 'values'> & Partial<Pick<UnitReport, 'taskRating' | 'evidence'>>; verification?: VerificationInput; unitName?: string }[];
}

/** One row per unit and criterion: what the unit claimed and scored itself, beside what the Office verified and why. */
export function reportCriterionRows(table: ScoringTable, reports: ReportsExport['reports']): ReportCriterionRow[] {
  const t = compileTable(table);
  const names = new Map(table.sections.flatMap((s) => s.criteria.map((c) => [c.id, { section: s.name, criterion: c.name }] as const)));
  const own = <V>(r: Readonly<Record<string, V>> | undefined, k: string) => (r !== undefined && Object.hasOwn(r, k) ? r[k] : undefined);
  return [...reports]
    .sort((a, b) => (a.report.unitId < b.report.unitId ? -1 : a.report.unitId > b.report.unitId ? 1 : 0))
    .flatMap(({ report, verification, unitName }) => {
      const scored = scoreReport(t.table, report, verification);
      return scored.criteria.map((score) => ({
        unitId: report.unitId,
        ...(unitName !== undefined ? { unitName } : {}),
        ...(report.taskRating !== undefined ? { taskRating: report.taskRating } : {}),
        sectionName: names.get(score.criterionId)?.section ?? score.sectionId,
        criterionName: names.get(score.criterionId)?.criterion ?? score.criterionId,
        score,
        ...(own(report.values, score.criterionId) !== undefined ? { selfValue: own(report.values, score.criterionId) } : {}),
        ...(own(verification?.values, score.criterionId) !== undefined ? { verifiedValue: own(verification?.values, score.criterionId) } : {}),
        evidence: (own(verification?.evidence, score.criterionId) ?? own(report.evidence, score.criterionId) ?? []).length,
      }));
    });
}

export function reportsWorkbook(x: ReportsExport): Promise<Buffer> {
  return writeTableWorkbook({ name: 'Báo cáo chấm điểm', columns: REPORT_COLUMNS, rows: reportCriterionRows(x.table, x.reports) }, x.campaign, [
    ['Kỳ báo cáo', PERIOD_LABEL[x.period]],
    ['Phiên bản thang điểm', x.table.version],
    ['Căn cứ thang điểm', x.table.legalBasis],
    ['Số đơn vị', x.reports.length],
    ...exported(x.exportedAt),
  ]);
}

// ── Standings ──────────────────────────────────────────────────────────────────────────────

export interface StandingsExport extends Common {
  /** `Standings` (shared/domain/standings.ts) or what `visibleStandings` leaves of it. */
  standings: {
    period: ReportPeriod;
    ruleVersion: string;
    legalBasis: string;
    maxTotal: number;
    tieBreak: readonly string[];
    inputHash: string;
    rows: readonly StandingsExportRow[];
  };
  /** The scoring table's criteria, to name the per-criterion columns (default: their ids). */
  criteria?: readonly CriterionHeader[];
}

export function standingsWorkbook(x: StandingsExport): Promise<Buffer> {
  const s = x.standings;
  return writeTableWorkbook({ name: 'Bảng xếp hạng', columns: standingsColumns(s.rows, x.criteria), rows: s.rows }, x.campaign, [
    ['Kỳ báo cáo', PERIOD_LABEL[s.period]],
    ['Phiên bản quy tắc chấm điểm', s.ruleVersion],
    ['Mã băm dữ liệu đầu vào (SHA-256)', s.inputHash],
    ['Căn cứ thang điểm', s.legalBasis],
    ['Điểm tối đa', formatVi(s.maxTotal)],
    ['Thứ tự tiêu chí xét khi bằng điểm', s.tieBreak.join(', ')],
    ['Số đơn vị', s.rows.length],
    ...exported(x.exportedAt),
  ]);
}

// ── The proposal ───────────────────────────────────────────────────────────────────────────

export interface ProposalExport extends Common {
  proposal: Pick<DecideResult, 'decisions' | 'ruleSet' | 'engineVersion' | 'inputHash' | 'referenceDate' | 'campaignYear' | 'legalBasis'> & Partial<Pick<DecideResult, 'unverified'>>;
  unitNames?: UnitNames;
}

export function proposalWorkbook(x: ProposalExport): Promise<Buffer> {
  const p = x.proposal;
  return writeTableWorkbook({ name: 'Dự kiến kết quả', columns: proposalColumns(x.unitNames ?? {}), rows: p.decisions }, x.campaign, [
    ['Bộ quy tắc áp dụng', p.ruleSet],
    ['Phiên bản bộ máy xét', p.engineVersion],
    ['Mã băm dữ liệu đầu vào (SHA-256)', p.inputHash],
    ['Ngày xét', p.referenceDate],
    ['Năm đánh giá', p.campaignYear],
    ['Căn cứ pháp lý', p.legalBasis.join('\n')],
    ['Tùy chọn chưa xác minh đang áp dụng', (p.unverified ?? []).map((u) => u.sentence).join('\n')],
    ['Số hồ sơ', p.decisions.length],
    ...exported(x.exportedAt),
  ]);
}

// ── Results ────────────────────────────────────────────────────────────────────────────────

export interface ResultsExport extends Common {
  /** The stored results (or `visibleResults` of them): outcomes, with what the finalization recorded. */
  results: {
    outcomes: readonly (Outcome | PublicOutcome)[];
    ruleSet?: string;
    engineVersion?: string;
    inputHash?: string;
    finalizedAt?: string;
    counts?: Readonly<Record<string, number>>;
  };
  unitNames?: UnitNames;
}

const COUNT_LABEL: Record<string, string> = { awarded: 'Được khen thưởng', proposed: 'Đề nghị cấp trên xét tặng', notAwarded: 'Không được khen thưởng', deferred: 'Tạm hoãn' };

export function resultsWorkbook(x: ResultsExport): Promise<Buffer> {
  const r = x.results;
  const counts = Object.entries(r.counts ?? {}).map(([k, n]): InfoLine => [`Số hồ sơ: ${COUNT_LABEL[k] ?? k}`, n]);
  return writeTableWorkbook({ name: 'Kết quả', columns: resultsColumns(x.unitNames ?? {}), rows: r.outcomes }, x.campaign, [
    ['Bộ quy tắc áp dụng', r.ruleSet],
    ['Phiên bản bộ máy xét', r.engineVersion],
    ['Mã băm dữ liệu đầu vào (SHA-256)', r.inputHash],
    ...(r.finalizedAt ? exported(r.finalizedAt).map(([, v]): InfoLine => ['Thời điểm chốt kết quả (giờ Việt Nam)', v]) : []),
    ...counts,
    ...exported(x.exportedAt),
  ]);
}
