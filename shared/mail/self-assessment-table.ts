import { formatVi, tryToHundredths, type Hundredths } from '../domain/points';
import { compileTable, maxTotal, type CriterionScore, type ScoredReport } from '../domain/scoring';
import type { Unit } from '../schemas/directory';
import type { CriterionValue, ScoringTable, SectionKind, UnitReport } from '../schemas/scoring';
import { html, type SafeHtml } from './html';
import { cellStyles, headerRowHtml, tableHtml } from './layout';

/**
 * A unit's self-assessment (tự chấm) under the campaign's scoring table, criterion by criterion: the value it
 * submitted, the points, how they were computed, the section subtotals under their caps and the total. One model,
 * laid out as a bordered table in the HTML part and as indented lines in the text part.
 */

/** What the table reads: the unit, its report, the scoring of that report, and the table it was scored under. */
export interface SelfAssessmentInput {
  unit: Pick<Unit, 'unitId'>;
  report: Pick<UnitReport, 'unitId' | 'values'> & Partial<Pick<UnitReport, 'evidence'>>;
  /** scoreReport(table, report): the self-assessed points are read from it. */
  scored: ScoredReport;
  table: ScoringTable;
}

function roman(n: number): string {
  const digits: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of digits) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

const trim = (h: Hundredths) => formatVi(h, { trim: true });

function numberText(x: number): string {
  const h = tryToHundredths(x);
  return h === undefined ? String(x).replace('.', ',') : trim(h);
}

/** The value as the unit submitted it: "440/500", "12,5", "Đạt", or that there was none. */
function valueText(value: CriterionValue | undefined): string {
  if (value === undefined) return 'Không có số liệu';
  if (typeof value === 'boolean') return value ? 'Đạt' : 'Không đạt';
  if (typeof value === 'number') return numberText(value);
  return `${numberText(value.numerator)}/${numberText(value.denominator)}`;
}

const own = <V>(r: Readonly<Record<string, V>> | undefined, k: string): V | undefined => (r !== undefined && Object.hasOwn(r, k) ? r[k] : undefined);

interface Row {
  no: string;
  name: string;
  value: string;
  evidence: number;
  points: string;
  explanation: string;
}

interface SectionModel {
  heading: string;
  rows: Row[];
  subtotal: string;
}

export interface SelfAssessmentTable {
  legalBasis: string;
  sections: SectionModel[];
  /** "97,20" */
  total: string;
  /** "115" */
  max: string;
}

const kindLabel: Record<SectionKind, string> = { base: 'điểm cơ bản', bonus: 'điểm cộng', penalty: 'điểm trừ' };

function pointsText(kind: SectionKind, points: Hundredths, max: Hundredths): string {
  return kind === 'penalty' ? `−${formatVi(points)} (trừ tối đa ${trim(max)})` : `${formatVi(points)}/${trim(max)}`;
}

function subtotalText(label: string, kind: SectionKind, raw: Hundredths, cap: Hundredths): string {
  const counted = Math.min(raw, cap);
  if (kind === 'penalty') {
    return raw <= cap
      ? `Trừ mục ${label}: ${formatVi(raw)} điểm (trừ tối đa ${trim(cap)})`
      : `Trừ mục ${label}: ${formatVi(raw)} điểm, vượt mức trừ tối đa ${trim(cap)} nên trừ ${formatVi(counted)} điểm`;
  }
  return raw <= cap ? `Cộng mục ${label}: ${formatVi(raw)}/${trim(cap)} điểm` : `Cộng mục ${label}: ${formatVi(raw)} điểm, vượt mức tối đa ${trim(cap)} nên tính ${formatVi(counted)} điểm`;
}

/**
 * The self-assessed points of every criterion, in the table's order, with section subtotals under
 * their caps. Refuses a scoring that is not of this unit's report under this table: a receipt
 * must not show another unit's points.
 */
export function selfAssessmentTable(r: SelfAssessmentInput): SelfAssessmentTable {
  const { unit, report, scored, table } = r;
  if (report.unitId !== unit.unitId || scored.unitId !== unit.unitId) {
    throw new Error(`report mail: unit ${unit.unitId}, report of ${report.unitId}, scoring of ${scored.unitId}: they must be the same unit`);
  }
  const t = compileTable(table);
  const max = maxTotal(table);
  if (scored.maxTotal !== max) throw new Error(`report mail: the scoring (maximum ${scored.maxTotal}) is not of this table (maximum ${max})`);
  const byId = new Map<string, CriterionScore>(scored.criteria.map((c) => [c.criterionId, c]));

  let base = 0;
  let bonus = 0;
  let penalty = 0;
  const sections = t.sections.map((s, si) => {
    const label = roman(si + 1);
    const source = table.sections[si]!;
    let raw = 0;
    const rows = s.criteria.map((ci, k): Row => {
      const c = t.criteria[ci]!;
      const score = byId.get(c.id);
      if (!score) throw new Error(`report mail: the scoring has no criterion "${c.id}" of the table`);
      raw += score.self.points;
      return {
        no: `${label}.${k + 1}`,
        name: source.criteria[k]!.name,
        value: valueText(own(report.values, c.id)),
        evidence: own(report.evidence, c.id)?.length ?? 0,
        points: pointsText(s.kind, score.self.points, c.max),
        explanation: score.self.explanation,
      };
    });
    const counted = Math.min(raw, s.cap);
    if (s.kind === 'base') base += counted;
    else if (s.kind === 'bonus') bonus += counted;
    else penalty += counted;
    const cap = s.kind === 'penalty' ? `trừ tối đa ${trim(s.cap)}` : `tối đa ${trim(s.cap)}`;
    // "Điểm cộng (điểm cộng, tối đa 15)" says it twice: the kind is named only when the section's name does not.
    const kind = s.name.toLocaleLowerCase('vi').includes(kindLabel[s.kind]) ? '' : `${kindLabel[s.kind]}, `;
    return { heading: `${label}. ${s.name} (${kind}${cap})`, rows, subtotal: subtotalText(label, s.kind, raw, s.cap) };
  });
  const total = Math.max(0, base + bonus - penalty);
  if (total !== scored.selfTotal) throw new Error(`report mail: the criteria add up to ${total}, the scoring says ${scored.selfTotal}: not this table's scoring`);
  return { legalBasis: table.legalBasis, sections, total: formatVi(total), max: trim(max) };
}

const valueWithEvidence = (row: Row) => (row.evidence > 0 ? `${row.value} (${row.evidence} minh chứng)` : row.value);

const HEADERS = ['TT', 'Tiêu chí', 'Số liệu', 'Điểm tự chấm', 'Cách tính'];

export function selfAssessmentHtml(m: SelfAssessmentTable, density: 'normal' | 'compact'): SafeHtml {
  const { td, num, no } = cellStyles(density);
  const rows = [headerRowHtml(density, HEADERS)];
  for (const s of m.sections) {
    rows.push(html`<tr><td colspan="5" style="${td}font-weight:bold;">${s.heading}</td></tr>`);
    for (const r of s.rows) {
      const evidence = r.evidence > 0 ? html`<br><span style="font-size:12px;">(${r.evidence} minh chứng)</span>` : html``;
      rows.push(
        html`<tr><td style="${no}">${r.no}</td><td style="${td}">${r.name}</td><td style="${num}">${r.value}${evidence}</td><td style="${num}">${r.points}</td><td style="${td}">${r.explanation}</td></tr>`,
      );
    }
    rows.push(html`<tr><td colspan="5" style="${td}font-style:italic;text-align:right;">${s.subtotal}</td></tr>`);
  }
  rows.push(html`<tr><td colspan="3" style="${td}font-weight:bold;">Tổng điểm tự chấm</td><td style="${num}font-weight:bold;">${`${m.total}/${m.max}`}</td><td style="${td}"></td></tr>`);
  return tableHtml(rows);
}

export function selfAssessmentText(m: SelfAssessmentTable, density: 'normal' | 'compact'): string[] {
  const out: string[] = [];
  for (const s of m.sections) {
    out.push(s.heading);
    for (const r of s.rows) {
      if (density === 'compact') {
        out.push(`  ${r.no}. ${r.name}: ${valueWithEvidence(r)} → ${r.points} điểm`, `       ${r.explanation}`);
      } else {
        out.push(`  ${r.no}. ${r.name}`, `       Số liệu: ${valueWithEvidence(r)}`, `       Điểm tự chấm: ${r.points}`, `       Cách tính: ${r.explanation}`);
      }
    }
    out.push(`  ${s.subtotal}`, '');
  }
  out.push(`Tổng điểm tự chấm: ${m.total}/${m.max} điểm`);
  return out;
}
