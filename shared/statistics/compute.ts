import { TITLE_LABEL } from '../domain/rules/labels';
import { formatShortDate, todayInVietnam } from '../domain/vn-date';
import type { AgencyLevel } from '../schemas/agency-level';
import type { CampaignStatus } from '../schemas/campaign-item';
import type { AwardRecord } from '../schemas/record';
import { Title } from '../schemas/titles';
import { FORM_LAYOUTS, type FormColumn, type FormLayout, type FormRow, type StatisticsFormId } from './forms';

/**
 * The cell model of the Ministry's statistical forms (docs/statistics.md), computed from what the system holds: the
 * campaigns (0601.N) and the achievement records (0603.N). Pure: no clock, no I/O.
 *
 * A cell is a number the system counted, or `null`: the system does not hold that kind of data, and the Office fills
 * the cell (the sheet shades it and says why). Totals add only what the system counted; the notes say so.
 */

/** The fields of an agency the forms read (shared/schemas/agency.ts `Agency` fits). */
export interface StatisticsAgency {
  id: string;
  name: string;
  level: AgencyLevel;
  parentAgencyId?: string;
}

/** The fields of a campaign the forms read (shared/schemas/campaign.ts `Campaign` fits). */
export interface StatisticsCampaign {
  id: string;
  agencyId: string;
  agencyLevel?: AgencyLevel;
  title: string;
  documentNumber?: string;
  status: CampaignStatus;
  /** The letter's date (ngày ban hành), YYYY-MM-DD. */
  date?: string;
  /** When it was issued (an instant); the launch date when the letter carries no date. */
  issuedAt?: string;
  assessmentYear?: number;
  /**
   * Thi đua thường xuyên or theo chuyên đề (Law 2022 Art 16). Campaigns do not carry it yet: absent counts as
   * `regular` (the annual campaign the system was built for), and the 0601.N sheet says how many were so counted.
   */
  kind?: 'regular' | 'thematic';
  deadlines?: { nominations?: string };
}

/**
 * Which awards and campaigns fall in the year's report.
 * - `decision-date` (default): TT 02/2023's reporting period for emulation and commendation, 01/12 of the previous
 *   year to 30/11 of the reporting year [S: Sở Nội vụ Hưng Yên's summary of TT 02/2023]; an award by its document's
 *   date, a campaign by its launch date.
 * - `assessment-year`: an award by its record's year (năm đánh giá), a campaign by its assessment year.
 */
export type PeriodBasis = 'decision-date' | 'assessment-year';

export interface StatisticsInput {
  /** The reporting agency. */
  agencyId: string;
  /** The reporting year (năm báo cáo). */
  year: number;
  /** Add every agency whose parentAgencyId chain reaches `agencyId` (a province rolled up across its agencies). */
  rollUp?: boolean;
  basis?: PeriodBasis;
  /** Đơn vị nhận báo cáo; default: Bộ Nội vụ for a province, else the parent agency's name. */
  receivingUnit?: string;
  agencies: readonly StatisticsAgency[];
  campaigns: readonly StatisticsCampaign[];
  records: readonly AwardRecord[];
}

export type Cell = number | null;

/** A row of the form's layout with its figures. */
export interface ComputedRow extends FormRow {
  /** One per column of the layout; empty for a section heading. */
  cells: Cell[];
}

export interface CampaignLine {
  agencyId: string;
  agencyName: string;
  documentNumber?: string;
  title: string;
  launchDate: string;
  kind: 'regular' | 'thematic';
  /** True when the campaign carries no kind and was counted as regular. */
  kindAssumed: boolean;
}

export interface SubjectCounts {
  collective: number;
  individual: number;
  /** Individuals whose record says female. */
  women: number;
  /** Individuals whose record carries no gender. */
  genderUnknown: number;
}

export interface AwardLine {
  title: Title;
  label: string;
  /** Decided by an agency in scope (its Quyết định). */
  awarded: SubjectCounts;
  /** Proposed up the line (Tờ trình đề nghị): the decision is not in the system. */
  proposed: SubjectCounts;
}

export interface ComputedForm {
  form: StatisticsFormId;
  symbol: string;
  title: string;
  name: string;
  year: number;
  basis: PeriodBasis;
  /** The reporting period, YYYY-MM-DD, both ends included. */
  period: { from: string; to: string };
  /** Số liệu tính đến ngày (the period's last day). */
  cutOffDate: string;
  reportingUnit: string;
  receivingUnit: string;
  scope: { agencyId: string; rollUp: boolean; agencyIds: string[] };
  columns: FormColumn[];
  rows: ComputedRow[];
  /** Printed under the table: why each shaded cell is left to the Office, and how the numbers were counted. */
  notes: string[];
  /** The layout was rebuilt from secondary sources, not copied from the circular's annex. */
  layoutReconstructed: true;
  /** What the system holds behind the numbers: the campaigns counted (0601.N) and the awards by title (0603.N). */
  detail: { campaigns: CampaignLine[]; awards: AwardLine[] };
}

export class StatisticsInputError extends Error {}

// --- Scope and period -----------------------------------------------------------------------------------------

/** The agency and, when rolling up, every agency whose parent chain reaches it (a cycle in the data stops the walk). */
export function agenciesInScope(agencyId: string, agencies: readonly StatisticsAgency[], rollUp: boolean): string[] {
  if (!rollUp) return [agencyId];
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const reaches = (a: StatisticsAgency): boolean => {
    const seen = new Set<string>();
    let p = a.parentAgencyId;
    while (p && !seen.has(p)) {
      if (p === agencyId) return true;
      seen.add(p);
      p = byId.get(p)?.parentAgencyId;
    }
    return false;
  };
  return [agencyId, ...agencies.filter((a) => a.id !== agencyId && reaches(a)).map((a) => a.id)];
}

export function reportingPeriod(year: number): { from: string; to: string } {
  return { from: `${year - 1}-12-01`, to: `${year}-11-30` };
}

const launchDateOf = (c: StatisticsCampaign): string | undefined => c.date ?? (c.issuedAt ? todayInVietnam(new Date(c.issuedAt)) : undefined);

/** Whole months from one calendar date to another. */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

interface CampaignFact {
  campaign: StatisticsCampaign;
  level: AgencyLevel;
  launchDate: string;
  kind: 'regular' | 'thematic';
  kindAssumed: boolean;
  /** Months from launch to the nomination deadline (the campaign's span as the system knows it). */
  months: number | undefined;
}

// --- The forms ------------------------------------------------------------------------------------------------

type CellFn = (rowKey: string, colKey: string) => Cell;

function matrix(layout: FormLayout, cell: CellFn): ComputedRow[] {
  return layout.rows.map((r) => ({
    ...r,
    cells: r.heading || !r.key ? [] : layout.columns.map((c) => cell(r.key as string, c.key)),
  }));
}

/** The sum of the cells the system counted; null when it counted none of them. */
function sumKnown(cells: Cell[]): Cell {
  const known = cells.filter((c): c is number => c !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

const NULL_ROWS_0601 = new Set(['scopeNational', 'scopeCluster']);

function cells0601(facts: CampaignFact[]): CellFn {
  const rowHas = (rowKey: string, f: CampaignFact): boolean => {
    switch (rowKey) {
      case 'total':
        return true;
      case 'scopeMinistryOrLocal':
        return f.level === 'province';
      case 'scopeUnit':
        return f.level !== 'province';
      case 'year1':
      case 'regular':
        return f.kind === 'regular';
      case 'thematic':
        return f.kind === 'thematic';
      case 'under1':
        return f.kind === 'thematic' && (f.months ?? 0) < 12;
      case 'from1to3':
        return f.kind === 'thematic' && f.months !== undefined && f.months >= 12 && f.months < 36;
      case 'from3to5':
        return f.kind === 'thematic' && f.months !== undefined && f.months >= 36 && f.months < 60;
      case 'from5':
        return f.kind === 'thematic' && f.months !== undefined && f.months >= 60;
      default:
        throw new Error(`0601.N: no rule for row ${rowKey}`);
    }
  };
  // Column 3 is the province's own level (cấp tỉnh); a department or commune is a "cơ quan, tổ chức, đơn vị" (column 4).
  const leaf = (rowKey: string, colKey: 'provincial' | 'unit'): number => facts.filter((f) => (colKey === 'provincial') === (f.level === 'province') && rowHas(rowKey, f)).length;
  return (rowKey, colKey) => {
    if (NULL_ROWS_0601.has(rowKey) || colKey === 'central') return null;
    if (colKey === 'total') return leaf(rowKey, 'provincial') + leaf(rowKey, 'unit');
    return leaf(rowKey, colKey as 'provincial' | 'unit');
  };
}

/** The columns of 0603.N the system's titles fall in; the other titles are not awards of the province level's forms. */
export const TITLE_COLUMN_0603: Partial<Record<Title, 'certificate' | 'emulationSoldier' | 'flag'>> = {
  BANG_KHEN_TINH: 'certificate',
  CSTD_TINH: 'emulationSoldier',
  CO_THI_DUA_TINH: 'flag',
};

const NULL_ROWS_0603 = new Set([
  'enterprise',
  'household',
  'leaderMinistry',
  'leaderDepartment',
  'entrepreneur',
  'leaderOther',
  'worker',
  'sudden',
  'foreign',
  'dedication',
  'seniority',
  'resistance',
]);

function cells0603(awarded: AwardRecord[], kindOf: (campaignId: string) => 'regular' | 'thematic'): CellFn {
  const rowHas = (rowKey: string, r: AwardRecord): boolean => {
    switch (rowKey) {
      case 'total':
        return true;
      case 'collective':
        return r.subject.kind === 'collective';
      case 'individual':
        return r.subject.kind === 'individual';
      case 'regular':
        return kindOf(r.campaignId) === 'regular';
      case 'thematic':
        return kindOf(r.campaignId) === 'thematic';
      default:
        throw new Error(`0603.N: no rule for row ${rowKey}`);
    }
  };
  const leaf = (rowKey: string, colKey: string): number => awarded.filter((r) => TITLE_COLUMN_0603[r.title] === colKey && rowHas(rowKey, r)).length;
  return (rowKey, colKey) => {
    if (NULL_ROWS_0603.has(rowKey) || colKey === 'badge') return null;
    if (colKey === 'total') return sumKnown(['certificate', 'emulationSoldier', 'flag'].map((c) => leaf(rowKey, c)));
    return leaf(rowKey, colKey);
  };
}

const nothing: CellFn = () => null;

// --- Notes (Vietnamese: printed on the sheet) -----------------------------------------------------------------

const SHADED = 'Các ô tô xám: hệ thống không lưu dữ liệu này; Văn phòng điền.';

function notesFor(
  form: StatisticsFormId,
  ctx: { facts: CampaignFact[]; proposedCount: number; agencyCount: number; rollUp: boolean; basis: PeriodBasis; from: string; to: string; year: number },
): string[] {
  const period =
    ctx.basis === 'decision-date'
      ? `Kỳ báo cáo từ ngày ${formatShortDate(ctx.from)} đến ngày ${formatShortDate(ctx.to)} (kỳ báo cáo thống kê lĩnh vực thi đua, khen thưởng); khen thưởng tính theo ngày của văn bản quyết định, phong trào tính theo ngày phát động.`
      : `Số liệu năm đánh giá ${ctx.year}: khen thưởng tính theo năm đánh giá ghi trong hồ sơ thành tích, phong trào theo năm đánh giá của phong trào.`;
  const scope = ctx.rollUp ? `Số liệu tổng hợp của ${ctx.agencyCount} cơ quan: cơ quan báo cáo và các cơ quan trực thuộc có dữ liệu trên hệ thống.` : 'Số liệu của riêng cơ quan báo cáo.';
  const common = [period, scope, SHADED];
  switch (form) {
    case '0601.N': {
      const assumed = ctx.facts.filter((f) => f.kindAssumed).length;
      return [
        ...common,
        'Cột 2 (cấp Trung ương), dòng 02 (toàn quốc) và dòng 04 (cụm, khối thi đua): hệ thống chỉ lưu phong trào do các cơ quan trên hệ thống phát động, không lưu phong trào của Trung ương hay của cụm, khối thi đua.',
        'Cột 1 và dòng 01 chỉ cộng các phong trào có trên hệ thống; khi điền các ô tô xám, Văn phòng cộng thêm vào tổng số.',
        'Phong trào do Ủy ban nhân dân tỉnh phát động tính ở cột 3; do sở, ngành hoặc xã phát động tính ở cột 4 (cơ quan, tổ chức, đơn vị).',
        'Thời hạn của phong trào theo chuyên đề tính từ ngày phát động đến hạn nộp hồ sơ đề nghị khen thưởng; phong trào thường xuyên tính là 1 năm.',
        ...(assumed > 0 ? [`${assumed} phong trào chưa ghi hình thức tổ chức thi đua, được tính là thi đua thường xuyên hằng năm.`] : []),
      ];
    }
    case '0603.N':
      return [
        ...common,
        'Chỉ tính khen thưởng đã có quyết định trên hệ thống (do cơ quan trong phạm vi báo cáo quyết định): Bằng khen và Cờ thi đua của Ủy ban nhân dân tỉnh, danh hiệu Chiến sĩ thi đua cấp tỉnh.',
        `${ctx.proposedCount} trường hợp đã đề nghị lên cấp trên chưa có quyết định trên hệ thống nên không tính; danh sách theo danh hiệu ở trang "Số liệu hệ thống". Văn phòng cộng thêm các trường hợp đã được cấp trên quyết định.`,
        'Cột 5 (huy hiệu, kỷ niệm chương): hệ thống không quản lý.',
        'Dòng 03, 04: hệ thống chỉ khen thưởng cá nhân và tập thể thuộc cơ quan, không phân loại doanh nghiệp, không khen thưởng hộ gia đình.',
        'Dòng 06 đến 10: hồ sơ thành tích không lưu chức vụ của cá nhân.',
        'Dòng 13 đến 17: hệ thống chỉ khen thưởng qua phong trào thi đua (thường xuyên hoặc theo chuyên đề).',
        'Danh hiệu Tập thể lao động xuất sắc không có cột trong biểu này; số liệu ở trang "Số liệu hệ thống".',
      ];
    case '0602.N':
      return [
        ...common,
        'Hệ thống không quản lý khen thưởng cấp Nhà nước (huân chương, huy chương, giải thưởng, danh hiệu vinh dự nhà nước, Cờ thi đua của Chính phủ, Bằng khen của Thủ tướng Chính phủ, Chiến sĩ thi đua toàn quốc): Văn phòng điền toàn bộ biểu.',
      ];
    case '0604.N':
      return [...common, 'Hệ thống không lưu cơ cấu tổ chức làm công tác thi đua, khen thưởng: Văn phòng điền toàn bộ biểu.'];
    case '0605.N':
      return [...common, 'Hệ thống không lưu hồ sơ công chức làm công tác thi đua, khen thưởng (tuổi, trình độ, thâm niên): Văn phòng điền toàn bộ biểu.'];
  }
}

// --- Entry point ----------------------------------------------------------------------------------------------

const emptyCounts = (): SubjectCounts => ({ collective: 0, individual: 0, women: 0, genderUnknown: 0 });

function countInto(c: SubjectCounts, r: AwardRecord): void {
  if (r.subject.kind === 'collective') {
    c.collective++;
    return;
  }
  c.individual++;
  if (r.subject.gender === 'female') c.women++;
  if (r.subject.gender === undefined) c.genderUnknown++;
}

export function computeForm(form: StatisticsFormId, input: StatisticsInput): ComputedForm {
  const layout = FORM_LAYOUTS[form];
  if (!layout) throw new StatisticsInputError(`không có biểu ${String(form)}`);
  const agencyById = new Map(input.agencies.map((a) => [a.id, a]));
  const reporting = agencyById.get(input.agencyId);
  if (!reporting) throw new StatisticsInputError(`không có cơ quan ${input.agencyId}`);
  if (!Number.isInteger(input.year)) throw new StatisticsInputError('năm báo cáo phải là số nguyên');
  const rollUp = input.rollUp ?? false;
  const basis = input.basis ?? 'decision-date';
  const { from, to } = reportingPeriod(input.year);
  const scopeIds = agenciesInScope(input.agencyId, input.agencies, rollUp);
  const inScope = new Set(scopeIds);
  const inPeriod = (date: string | undefined, year: number | undefined) => (basis === 'decision-date' ? date !== undefined && date >= from && date <= to : year === input.year);

  const campaignById = new Map(input.campaigns.map((c) => [c.id, c]));
  const facts: CampaignFact[] = [];
  for (const c of input.campaigns) {
    if (!inScope.has(c.agencyId) || c.status === 'draft') continue;
    const launchDate = launchDateOf(c);
    if (!launchDate) continue;
    if (!inPeriod(launchDate, c.assessmentYear ?? Number(launchDate.slice(0, 4)))) continue;
    const nominations = c.deadlines?.nominations;
    facts.push({
      campaign: c,
      level: agencyById.get(c.agencyId)?.level ?? c.agencyLevel ?? 'department',
      launchDate,
      kind: c.kind ?? 'regular',
      kindAssumed: c.kind === undefined,
      months: nominations ? monthsBetween(launchDate, todayInVietnam(new Date(nominations))) : undefined,
    });
  }
  facts.sort((a, b) => a.launchDate.localeCompare(b.launchDate) || a.campaign.id.localeCompare(b.campaign.id));

  const records = input.records.filter((r) => inScope.has(r.agencyId) && inPeriod(r.document.date, r.year));
  const awarded = records.filter((r) => r.outcome === 'awarded');
  const kindOf = (campaignId: string) => campaignById.get(campaignId)?.kind ?? 'regular';

  const cell: CellFn = form === '0601.N' ? cells0601(facts) : form === '0603.N' ? cells0603(awarded, kindOf) : nothing;

  const awards: AwardLine[] = [];
  for (const title of Title.options) {
    const line: AwardLine = { title, label: TITLE_LABEL[title], awarded: emptyCounts(), proposed: emptyCounts() };
    for (const r of records) if (r.title === title) countInto(r.outcome === 'awarded' ? line.awarded : line.proposed, r);
    const any = (c: SubjectCounts) => c.collective + c.individual > 0;
    if (any(line.awarded) || any(line.proposed)) awards.push(line);
  }
  const proposedCount = records.filter((r) => r.outcome === 'proposed' && TITLE_COLUMN_0603[r.title] !== undefined).length;

  const parent = reporting.parentAgencyId ? agencyById.get(reporting.parentAgencyId) : undefined;
  return {
    form,
    symbol: layout.symbol,
    title: layout.title,
    name: layout.name,
    year: input.year,
    basis,
    period: { from, to },
    cutOffDate: to,
    reportingUnit: reporting.name,
    receivingUnit: input.receivingUnit ?? (reporting.level === 'province' ? 'Bộ Nội vụ' : (parent?.name ?? '')),
    scope: { agencyId: input.agencyId, rollUp, agencyIds: scopeIds },
    columns: layout.columns,
    rows: matrix(layout, cell),
    notes: notesFor(form, { facts, proposedCount, agencyCount: scopeIds.length, rollUp, basis, from, to, year: input.year }),
    layoutReconstructed: true,
    detail: {
      campaigns: facts.map((f) => ({
        agencyId: f.campaign.agencyId,
        agencyName: agencyById.get(f.campaign.agencyId)?.name ?? f.campaign.agencyId,
        ...(f.campaign.documentNumber ? { documentNumber: f.campaign.documentNumber } : {}),
        title: f.campaign.title,
        launchDate: f.launchDate,
        kind: f.kind,
        kindAssumed: f.kindAssumed,
      })),
      awards,
    },
  };
}

/** The value of one cell by its row and column keys (undefined when the form has no such cell). */
export function cellValue(computed: ComputedForm, rowKey: string, colKey: string): Cell | undefined {
  const row = computed.rows.find((r) => r.key === rowKey);
  const i = computed.columns.findIndex((c) => c.key === colKey);
  if (!row || i < 0) return undefined;
  return row.cells[i];
}
