import type { Decision } from '../domain/decide';
import { COUNCIL_CHOICE_LABEL, DECISION_STATUS_LABEL, OUTCOME_LABEL, type Outcome, type PublicOutcome } from '../domain/results';
import { TITLE_LABEL } from '../domain/rules/labels';
import type { CriterionScore } from '../domain/scoring';
import type { StandingsRow } from '../domain/standings';
import type { Registration } from '../schemas/registration';
import { type TaskRating, taskRatingLabel } from '../schemas/ratings';
import type { CriterionValue } from '../schemas/scoring';
import type { CellInput, Column } from './column';

/**
 * The columns of every export, one list per table, read by both the .xlsx (./export.ts) and the CSV (./csv.ts) writers.
 * Rows are what the caller may show (the visibility policy has already run upstream): a row a reader sees in summary
 * (another unit's standing, a public result) leaves the columns it lacks empty.
 */

export type UnitNames = Readonly<Record<string, string>>;
const nameOf = (names: UnitNames, unitId: string) => (Object.hasOwn(names, unitId) ? names[unitId] : undefined);
const ratingText = (r: TaskRating | undefined) => (r === undefined ? undefined : taskRatingLabel[r]);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

// ── Registrations ──────────────────────────────────────────────────────────────────────────

export type RegistrationRow = Pick<Registration, 'unitId' | 'registrant' | 'titles' | 'targets'> & Partial<Pick<Registration, 'submittedAt' | 'updatedAt'>>;

export function registrationColumns(unitNames: UnitNames): Column<RegistrationRow>[] {
  const person = (r: RegistrationRow) => (r.registrant.kind === 'individual' ? r.registrant : undefined);
  return [
    { header: 'STT', kind: 'integer', width: 6, value: (_r, i) => i + 1 },
    { header: 'Mã đơn vị', kind: 'text', width: 14, value: (r) => r.unitId },
    { header: 'Tên đơn vị', kind: 'text', width: 30, value: (r) => nameOf(unitNames, r.unitId) },
    { header: 'Đối tượng', kind: 'text', width: 11, value: (r) => (r.registrant.kind === 'unit' ? 'Tập thể' : 'Cá nhân') },
    { header: 'Mã cán bộ', kind: 'text', width: 12, value: (r) => person(r)?.personId },
    { header: 'Họ và tên', kind: 'text', width: 26, value: (r) => person(r)?.name },
    { header: 'Chức vụ', kind: 'text', width: 20, value: (r) => person(r)?.position },
    { header: 'Danh hiệu đăng ký', kind: 'text', width: 40, wrap: true, value: (r) => r.titles.map((t) => TITLE_LABEL[t]).join('; ') },
    // One target a line: the cell reads as the list the unit wrote.
    { header: 'Chỉ tiêu, mục tiêu', kind: 'text', width: 60, wrap: true, value: (r) => r.targets.join('\n') },
    { header: 'Thời điểm đăng ký', kind: 'datetime', value: (r) => r.submittedAt },
  ];
}

// ── Reports: the self-assessment beside the Office's verification, criterion by criterion ──

export interface ReportCriterionRow {
  unitId: string;
  unitName?: string;
  taskRating?: TaskRating;
  sectionName: string;
  criterionName: string;
  score: CriterionScore;
  selfValue?: CriterionValue;
  verifiedValue?: CriterionValue;
  evidence: number;
}

/** A value as the unit or the Office gave it: a number stays a number; a ratio "440/500"; a yes/no "Đạt". */
export function criterionValueCell(v: CriterionValue | undefined): CellInput {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v ? 'Đạt' : 'Không đạt';
  if (typeof v === 'number') return v;
  return `${v.numerator}/${v.denominator}`;
}

export const REPORT_COLUMNS: readonly Column<ReportCriterionRow>[] = [
  { header: 'STT', kind: 'integer', width: 6, value: (_r, i) => i + 1 },
  { header: 'Mã đơn vị', kind: 'text', width: 14, value: (r) => r.unitId },
  { header: 'Tên đơn vị', kind: 'text', width: 28, value: (r) => r.unitName },
  { header: 'Mức độ hoàn thành nhiệm vụ', kind: 'text', width: 28, value: (r) => ratingText(r.taskRating) },
  { header: 'Mục', kind: 'text', width: 24, value: (r) => r.sectionName },
  { header: 'Mã tiêu chí', kind: 'text', width: 11, value: (r) => r.score.criterionId },
  { header: 'Tiêu chí', kind: 'text', width: 48, wrap: true, value: (r) => r.criterionName },
  { header: 'Điểm tối đa', kind: 'points', value: (r) => r.score.max },
  { header: 'Số liệu tự đánh giá', kind: 'number', width: 14, value: (r) => criterionValueCell(r.selfValue) },
  { header: 'Điểm tự chấm', kind: 'points', value: (r) => r.score.self.points },
  { header: 'Số liệu thẩm định', kind: 'number', width: 14, value: (r) => criterionValueCell(r.verifiedValue) },
  { header: 'Điểm thẩm định', kind: 'points', value: (r) => r.score.verified?.points },
  { header: 'Điểm được tính', kind: 'points', value: (r) => r.score.points },
  { header: 'Lý do thẩm định', kind: 'text', width: 48, wrap: true, value: (r) => r.score.verified?.reason },
  { header: 'Số minh chứng', kind: 'integer', width: 10, value: (r) => r.evidence },
];

// ── Standings ──────────────────────────────────────────────────────────────────────────────

/** A standings row as its reader sees it: in full (its own unit, the Office, the Council) or rank and total only. */
export type StandingsExportRow = Pick<StandingsRow, 'rank' | 'unitId' | 'unitName' | 'total' | 'maxTotal' | 'tie' | 'tieBrokenBy'> &
  Partial<Pick<StandingsRow, 'selfTotal' | 'taskRating' | 'criteria'>>;

export interface CriterionHeader {
  id: string;
  name?: string;
}

/** The criteria the rows carry, in the order they first appear (every full row holds the table's criteria in its order). */
export function criteriaOf(rows: readonly StandingsExportRow[]): CriterionHeader[] {
  const seen = new Map<string, CriterionHeader>();
  for (const r of rows) for (const c of r.criteria ?? []) if (!seen.has(c.criterionId)) seen.set(c.criterionId, { id: c.criterionId });
  return [...seen.values()];
}

function tieText(r: StandingsExportRow): string | undefined {
  if (r.tie) {
    const choice = (r.tie as { councilChoice?: { sentence: string } }).councilChoice;
    return choice ? `${r.tie.explanation}. ${choice.sentence}` : r.tie.explanation;
  }
  if (r.tieBrokenBy && r.tieBrokenBy.length > 0) return `Bằng tổng điểm, phân hạng theo tiêu chí ${[...new Set(r.tieBrokenBy.map((t) => t.criterionId))].join(', ')}`;
  return undefined;
}

/**
 * The standings' columns: rank, unit, the totals, then one column per criterion (its counted points), when the rows
 * carry them. `criteria` names them (from the scoring table: "c1 - Thực hiện nhiệm vụ…"); default the ids the rows hold.
 */
export function standingsColumns(rows: readonly StandingsExportRow[], criteria: readonly CriterionHeader[] = criteriaOf(rows)): Column<StandingsExportRow>[] {
  const perCriterion: Column<StandingsExportRow>[] = criteria.map((c) => ({
    header: c.name ? `${c.id} - ${oneLine(c.name)}`.slice(0, 80) : `Tiêu chí ${c.id}`,
    kind: 'points',
    width: 12,
    value: (r) => r.criteria?.find((x) => x.criterionId === c.id)?.points,
  }));
  return [
    { header: 'Hạng', kind: 'integer', width: 7, value: (r) => r.rank },
    { header: 'Mã đơn vị', kind: 'text', width: 14, value: (r) => r.unitId },
    { header: 'Tên đơn vị', kind: 'text', width: 32, value: (r) => r.unitName },
    { header: 'Tổng điểm', kind: 'points', value: (r) => r.total },
    { header: 'Điểm tự chấm', kind: 'points', value: (r) => r.selfTotal },
    { header: 'Điểm tối đa', kind: 'points', value: (r) => r.maxTotal },
    { header: 'Mức độ hoàn thành nhiệm vụ', kind: 'text', width: 28, value: (r) => ratingText(r.taskRating) },
    { header: 'Đồng hạng', kind: 'text', width: 10, value: (r) => (r.tie ? 'Có' : undefined) },
    { header: 'Ghi chú xếp hạng', kind: 'text', width: 48, wrap: true, value: (r) => tieText(r) },
    ...perCriterion,
  ];
}

// ── The proposal (the decision engine's decisions) ─────────────────────────────────────────

export function proposalColumns(unitNames: UnitNames): Column<Decision>[] {
  return [
    { header: 'STT', kind: 'integer', width: 6, value: (_d, i) => i + 1 },
    { header: 'Mã hồ sơ', kind: 'text', width: 14, value: (d) => d.nominationId },
    { header: 'Đối tượng', kind: 'text', width: 10, value: (d) => (d.nominee.kind === 'collective' ? 'Tập thể' : 'Cá nhân') },
    { header: 'Mã cán bộ', kind: 'text', width: 12, value: (d) => d.nominee.personId },
    { header: 'Họ tên / Tập thể', kind: 'text', width: 28, value: (d) => d.nominee.name },
    { header: 'Mã đơn vị', kind: 'text', width: 12, value: (d) => d.nominee.unitId },
    { header: 'Đơn vị', kind: 'text', width: 28, value: (d) => nameOf(unitNames, d.nominee.unitId) },
    { header: 'Danh hiệu / Hình thức', kind: 'text', width: 30, value: (d) => TITLE_LABEL[d.title] },
    { header: 'Đề xuất', kind: 'text', width: 18, value: (d) => DECISION_STATUS_LABEL[d.status] },
    { header: 'Hội đồng bỏ phiếu chọn', kind: 'text', width: 12, value: (d) => (d.needsCouncilVote ? 'Có' : undefined) },
    { header: 'Chỉ tiêu', kind: 'text', width: 24, value: (d) => d.quota?.id },
    { header: 'Giới hạn chỉ tiêu', kind: 'integer', width: 10, value: (d) => d.quota?.limit },
    { header: 'Số suất còn lại cho trường hợp đồng hạng', kind: 'integer', width: 12, value: (d) => d.quota?.seats },
    { header: 'Hạng đơn vị', kind: 'integer', width: 8, value: (d) => d.quota?.unitRank ?? undefined },
    { header: 'Lý do', kind: 'text', width: 80, wrap: true, value: (d) => d.summary },
  ];
}

// ── Results ────────────────────────────────────────────────────────────────────────────────

export type ResultRow = Outcome | PublicOutcome;

/**
 * The results as `resultsCsv` (shared/domain/results.ts) lists them, with the vote as numbers (yes, members, needed)
 * rather than "8/9 (cần 8)", so a spreadsheet can sum and filter them.
 */
export function resultsColumns(unitNames: UnitNames): Column<ResultRow>[] {
  return [
    { header: 'STT', kind: 'integer', width: 6, value: (_o, i) => i + 1 },
    { header: 'Mã hồ sơ', kind: 'text', width: 14, value: (o) => o.nominationId },
    { header: 'Họ tên / Tập thể', kind: 'text', width: 28, value: (o) => o.nominee.name ?? '(không công bố)' },
    { header: 'Đơn vị', kind: 'text', width: 28, value: (o) => nameOf(unitNames, o.nominatingUnitId) ?? o.nominatingUnitId },
    { header: 'Danh hiệu / Hình thức', kind: 'text', width: 30, value: (o) => o.titleLabel },
    // A public row carries no proposal status: its ground stands in the reason column.
    {
      header: 'Đề xuất',
      kind: 'text',
      width: 18,
      value: (o) => ('reason' in o ? (o.needsCouncilVote ? `${DECISION_STATUS_LABEL[o.proposal]}; ${COUNCIL_CHOICE_LABEL}` : DECISION_STATUS_LABEL[o.proposal]) : undefined),
    },
    { header: 'Số phiếu đồng ý', kind: 'integer', width: 10, value: (o) => o.vote?.yes },
    { header: 'Tổng số thành viên Hội đồng', kind: 'integer', width: 12, value: (o) => o.vote?.membersTotal },
    { header: 'Số phiếu cần đạt', kind: 'integer', width: 10, value: (o) => o.vote?.required },
    { header: 'Kết quả', kind: 'text', width: 24, value: (o) => OUTCOME_LABEL[o.outcome] },
    { header: 'Đề nghị cấp trên', kind: 'text', width: 30, value: (o) => (o.outcome === 'proposed' ? o.proposedTo?.label : undefined) },
    { header: 'Lý do', kind: 'text', width: 80, wrap: true, value: (o) => ('reason' in o ? o.reason : o.ground) },
  ];
}
