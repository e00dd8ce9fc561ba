import type { TaskRating } from '../schemas/ratings';
import { ScoringTable, validateReportValues, validateVerification, type CriterionValue, type FieldError, type InnerRule, type Ratio, type SectionKind, type Verification } from '../schemas/scoring';
import { DomainError } from './errors';
import { comparePercentOfHundredths, formatVi, mulDivHalfUp, own, percentOfHundredths, toHundredths, type Hundredths } from './points';

/**
 * Scoring of one unit's report against the campaign's table (docs/legal-sources.md §3.1–3.2): per criterion
 * the self-assessed points (tự chấm) and, where the Office verified, its points and reason; section
 * subtotals with the bonus and penalty caps; the total. Pure: no clock, no I/O, same inputs give
 * the same output. All points are integer hundredths (shared/domain/points.ts).
 *
 * Bump the engine version whenever a change could alter any output for the same inputs (a rounding,
 * a cap, an explanation's wording): standings carry it, so a stored result names the code that made it.
 */
export const SCORING_ENGINE_VERSION = 'scoring-engine/1';

export interface Scored {
  points: Hundredths;
  /** How the points were computed, in Vietnamese with decimal commas ("Tỷ lệ 440/500 = 88,00% × 40 điểm = 35,20 điểm"). */
  explanation: string;
}

export interface CriterionScore {
  criterionId: string;
  sectionId: string;
  max: Hundredths;
  self: Scored;
  verified?: Scored & { reason: string };
  counted: 'self' | 'verified';
  /** The counted points: `verified.points` when the Office verified the criterion, else `self.points`. */
  points: Hundredths;
}

export interface SectionScore {
  sectionId: string;
  kind: SectionKind;
  /** Sum of the section's criteria's counted points, before the cap. */
  raw: Hundredths;
  /** The most the section counts: its cap (bonus, penalty) or the sum of its maxima (base). */
  cap: Hundredths;
  /** min(raw, cap): added for base and bonus, subtracted for penalty. */
  points: Hundredths;
  explanation: string;
}

export interface ScoredReport {
  unitId: string;
  taskRating?: TaskRating;
  /** The total from the counted points. */
  total: Hundredths;
  /** The total the unit claimed, under the same caps. */
  selfTotal: Hundredths;
  maxTotal: Hundredths;
  explanation: string;
  sections: SectionScore[];
  criteria: CriterionScore[];
}

/** What scoring reads of a report (a UnitReport fits). */
export interface ScorableReport {
  unitId: string;
  taskRating?: TaskRating;
  values: Readonly<Record<string, CriterionValue>>;
  evidence?: Readonly<Record<string, readonly string[]>>;
}

export type VerificationInput = Pick<Verification, 'reasons'> & Partial<Pick<Verification, 'values' | 'evidence'>>;

// ---------------------------------------------------------------------------------------------
// The table, compiled once to hundredths and indexes

type CompiledInner = { kind: 'manual' | 'proportional' | 'all-or-nothing' } | { kind: 'steps'; steps: { from: Hundredths; to: Hundredths | undefined; points: Hundredths }[] };

export interface CompiledCriterion {
  id: string;
  index: number;
  sectionIndex: number;
  sectionId: string;
  sectionKind: SectionKind;
  max: Hundredths;
  gated: boolean;
  evidenceRequired: string | undefined;
  inner: CompiledInner;
}

export interface CompiledSection {
  id: string;
  name: string;
  kind: SectionKind;
  max: Hundredths;
  cap: Hundredths;
  criteria: number[];
}

export interface CompiledTable {
  table: ScoringTable;
  criteria: CompiledCriterion[];
  byId: Map<string, CompiledCriterion>;
  sections: CompiledSection[];
  maxTotal: Hundredths;
  hasBonus: boolean;
  hasPenalty: boolean;
}

const compiled = new WeakMap<ScoringTable, CompiledTable>();

function compileInner(rule: InnerRule): CompiledInner {
  if (rule.kind !== 'steps') return { kind: rule.kind };
  const steps = rule.steps.map((s) => ({ from: toHundredths(s.from), to: s.to === undefined ? undefined : toHundredths(s.to), points: toHundredths(s.points) })).sort((a, b) => a.from - b.from);
  return { kind: 'steps', steps };
}

/**
 * The table checked against its schema and turned into hundredths, once per table object (tables
 * are fixed once issued: do not mutate one after scoring with it). An invalid table is refused, so
 * no engine path has to guess what an overlapping step or an unknown tie-break id means.
 */
export function compileTable(table: ScoringTable): CompiledTable {
  const cached = compiled.get(table);
  if (cached) return cached;
  const parsed = ScoringTable.safeParse(table);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new DomainError('invalid', 'Bảng điểm không hợp lệ.', details);
  }
  const criteria: CompiledCriterion[] = [];
  const sections: CompiledSection[] = [];
  table.sections.forEach((s, sectionIndex) => {
    const idx: number[] = [];
    let max = 0;
    for (const c of s.criteria) {
      const cc: CompiledCriterion = {
        id: c.id,
        index: criteria.length,
        sectionIndex,
        sectionId: s.id,
        sectionKind: s.kind,
        max: toHundredths(c.max),
        gated: c.rule.kind === 'gated',
        evidenceRequired: c.evidenceRequired,
        inner: compileInner(c.rule.kind === 'gated' ? c.rule.inner : c.rule),
      };
      idx.push(cc.index);
      criteria.push(cc);
      max += cc.max;
    }
    // A bonus or penalty section without a cap counts up to the sum of its maxima; a cap above that sum changes nothing.
    const cap = s.kind === 'base' || s.cap === undefined ? max : Math.min(max, toHundredths(s.cap));
    sections.push({ id: s.id, name: s.name, kind: s.kind, max, cap, criteria: idx });
  });
  const maxTotal = sections.reduce((sum, s) => (s.kind === 'penalty' ? sum : sum + s.cap), 0);
  const result: CompiledTable = {
    table,
    criteria,
    byId: new Map(criteria.map((c) => [c.id, c])),
    sections,
    maxTotal,
    hasBonus: sections.some((s) => s.kind === 'bonus'),
    hasPenalty: sections.some((s) => s.kind === 'penalty'),
  };
  compiled.set(table, result);
  return result;
}

/** The table's maximum total: the base maxima plus each bonus section's cap (Cần Thơ 157/KH-UBND: 100 + 15 = 115). */
export function maxTotal(table: ScoringTable): Hundredths {
  return compileTable(table).maxTotal;
}

// ---------------------------------------------------------------------------------------------
// One criterion

/**
 * Template tag for explanations: joins its parts into one flat string. A plain template literal
 * leaves a rope of its pieces behind, about three times the memory of the flat text; standings
 * hold one explanation per criterion per unit (1.5 million at 50,000 units × 30 criteria).
 */
function vi(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  const parts: (string | number)[] = [strings[0]!];
  for (let i = 0; i < values.length; i++) parts.push(values[i]!, strings[i + 1]!);
  return parts.join('');
}

const pts = (h: Hundredths) => `${formatVi(h)} điểm`;
const trim = (h: Hundredths) => formatVi(h, { trim: true });

/** A ratio value in hundredths (the ratio is unchanged), with its Vietnamese spelling. */
function ratioOf(r: Ratio): { n: Hundredths; d: Hundredths; text: string } {
  const n = toHundredths(r.numerator);
  const d = toHundredths(r.denominator);
  return { n, d, text: `${trim(n)}/${trim(d)}` };
}

function percentText(n: Hundredths, d: Hundredths): string {
  const p = percentOfHundredths(n, d);
  return `${p.exact ? '' : '≈ '}${formatVi(p.value)}%`;
}

function isRatioValue(v: CriterionValue): v is Ratio {
  return typeof v === 'object';
}

function scoreInner(c: CompiledCriterion, value: CriterionValue | undefined): Scored {
  if (value === undefined) return { points: 0, explanation: 'Không có số liệu nên 0,00 điểm' };
  const inner = c.inner;
  switch (inner.kind) {
    case 'manual': {
      const p = toHundredths(value as number);
      return { points: p, explanation: vi`Chấm trực tiếp ${pts(p)} (điểm chuẩn ${trim(c.max)})` };
    }
    case 'all-or-nothing':
      return value === true ? { points: c.max, explanation: vi`Đạt yêu cầu → ${pts(c.max)}` } : { points: 0, explanation: 'Không đạt yêu cầu → 0,00 điểm' };
    case 'proportional': {
      const r = ratioOf(value as Ratio);
      if (r.d === 0) return { points: 0, explanation: vi`Mẫu số bằng 0 (${r.text}): không có đối tượng để tính tỷ lệ nên 0,00 điểm` };
      const head = `Tỷ lệ ${r.text} = ${percentText(r.n, r.d)} × ${trim(c.max)} điểm`;
      // rate × max from the exact ratio, half up, capped: the rule of rateTimesMax (points.ts), on hundredths already converted.
      const raw = mulDivHalfUp(r.n, c.max, r.d);
      if (raw <= c.max) return { points: raw, explanation: vi`${head} = ${pts(raw)}` };
      return { points: c.max, explanation: vi`${head} = ${pts(raw)}, vượt điểm chuẩn nên tính ${pts(c.max)}` };
    }
    case 'steps': {
      let subject: string;
      let below: (bound: Hundredths) => boolean;
      if (isRatioValue(value)) {
        const r = ratioOf(value);
        if (r.d === 0) return { points: 0, explanation: vi`Mẫu số bằng 0 (${r.text}): không tính được tỷ lệ nên 0,00 điểm` };
        subject = `Tỷ lệ ${r.text} = ${percentText(r.n, r.d)}`;
        below = (b) => comparePercentOfHundredths(r.n, r.d, b) < 0;
      } else {
        const v = toHundredths(value as number);
        subject = `Giá trị ${trim(v)}`;
        below = (b) => v < b;
      }
      for (const s of inner.steps) {
        if (below(s.from)) break; // steps are sorted and disjoint: no later step can hold the value
        if (s.to === undefined || below(s.to)) {
          const band = `[${trim(s.from)}; ${s.to === undefined ? '+∞' : trim(s.to)})`;
          return { points: s.points, explanation: vi`${subject} thuộc khoảng ${band} → ${pts(s.points)}` };
        }
      }
      return { points: 0, explanation: vi`${subject} không thuộc khoảng nào của thang bậc nên 0,00 điểm` };
    }
  }
}

function scoreCriterion(c: CompiledCriterion, value: CriterionValue | undefined, evidence: readonly string[] | undefined): Scored {
  if (!c.gated) return scoreInner(c, value);
  const n = evidence?.length ?? 0;
  if (n === 0) return { points: 0, explanation: vi`Chưa có minh chứng (${c.evidenceRequired ?? 'theo hướng dẫn chấm điểm'}) nên 0,00 điểm` };
  const inner = scoreInner(c, value);
  const rest = inner.explanation.charAt(0).toLowerCase() + inner.explanation.slice(1);
  return { points: inner.points, explanation: vi`Có minh chứng (${n} tài liệu); ${rest}` };
}

// ---------------------------------------------------------------------------------------------
// Sections and total

const kindLabel: Record<SectionKind, string> = { base: 'điểm cơ bản', bonus: 'điểm cộng', penalty: 'điểm trừ' };

function sectionScore(s: CompiledSection, raw: Hundredths): SectionScore {
  const points = Math.min(raw, s.cap);
  const name = `Mục "${s.name}" (${kindLabel[s.kind]})`;
  const cap = formatVi(s.cap, { trim: true });
  let explanation: string;
  if (raw <= s.cap) explanation = vi`${name}: ${pts(raw)} (tối đa ${cap})`;
  else if (s.kind === 'penalty') explanation = vi`${name}: ${pts(raw)}, vượt mức trừ tối đa ${cap} nên trừ ${pts(points)}`;
  else explanation = vi`${name}: ${pts(raw)}, vượt mức tối đa ${cap} nên tính ${pts(points)}`;
  return { sectionId: s.id, kind: s.kind, raw, cap: s.cap, points, explanation };
}

/**
 * base + bonus − penalty, never below 0. Why a floor: the scale (thang điểm) runs from 0 to its
 * maximum, and score bands (§3.1.7) are read on that scale; a negative total means nothing to
 * the council. Two units floored at 0 are then equal on the total and go to the tie-break
 * chain and, failing that, to the council's vote, which the standings show: a visible tie, not a
 * silent order.
 */
function totalOf(t: CompiledTable, sectionPoints: readonly Hundredths[]): { total: Hundredths; base: Hundredths; bonus: Hundredths; penalty: Hundredths; raw: Hundredths } {
  let base = 0;
  let bonus = 0;
  let penalty = 0;
  t.sections.forEach((s, i) => {
    const p = sectionPoints[i]!;
    if (s.kind === 'base') base += p;
    else if (s.kind === 'bonus') bonus += p;
    else penalty += p;
  });
  const raw = base + bonus - penalty;
  return { total: Math.max(0, raw), base, bonus, penalty, raw };
}

function totalExplanation(t: CompiledTable, x: ReturnType<typeof totalOf>): string {
  let s = `Tổng điểm = ${formatVi(x.base)} (cơ bản)`;
  if (t.hasBonus) s += ` + ${formatVi(x.bonus)} (cộng)`;
  if (t.hasPenalty) s += ` − ${formatVi(x.penalty)} (trừ)`;
  const max = formatVi(t.maxTotal, { trim: true });
  return x.raw < 0 ? vi`${s} = ${formatVi(x.raw)}, tổng điểm không thấp hơn 0 nên tính 0,00/${max} điểm` : vi`${s} = ${formatVi(x.total)}/${max} điểm`;
}

function invalid(unitId: string, errors: FieldError[], prefix: string): DomainError {
  return new DomainError(
    'invalid',
    `Số liệu của đơn vị ${unitId} không khớp bảng điểm.`,
    errors.map((e) => ({ path: `${prefix}${e.path}`, message: e.message })),
  );
}

/** Report and verification errors for one unit, paths prefixed (e.g. "reports.U1.values.c2", "verifications.U1.reasons.c2"). */
export function checkReport(
  table: ScoringTable,
  report: ScorableReport,
  verification: VerificationInput | undefined,
  prefixes: { report: string; verification: string } = { report: '', verification: 'verification.' },
): FieldError[] {
  const errors = validateReportValues(table, report).map((e) => ({ path: `${prefixes.report}${e.path}`, message: e.message }));
  if (verification) {
    for (const e of validateVerification(table, verification)) errors.push({ path: `${prefixes.verification}${e.path}`, message: e.message });
  }
  return errors;
}

/** Scoring of a report already checked with {@link checkReport}. */
export function scoreChecked(t: CompiledTable, report: ScorableReport, verification?: VerificationInput): ScoredReport {
  const selfSection = new Array<number>(t.sections.length).fill(0);
  const countedSection = new Array<number>(t.sections.length).fill(0);
  const vValues = verification?.values ?? {};
  const vEvidence = verification?.evidence ?? {};
  const reasons = verification?.reasons ?? {};
  const criteria: CriterionScore[] = new Array(t.criteria.length);
  for (const c of t.criteria) {
    const value = own(report.values, c.id);
    const evidence = own(report.evidence, c.id);
    const self = scoreCriterion(c, value, evidence);
    const reason = own(reasons, c.id);
    let row: CriterionScore;
    if (reason !== undefined) {
      const verified = scoreCriterion(c, Object.hasOwn(vValues, c.id) ? own(vValues, c.id) : value, Object.hasOwn(vEvidence, c.id) ? own(vEvidence, c.id) : evidence);
      row = { criterionId: c.id, sectionId: c.sectionId, max: c.max, self, verified: { ...verified, reason }, counted: 'verified', points: verified.points };
    } else {
      row = { criterionId: c.id, sectionId: c.sectionId, max: c.max, self, counted: 'self', points: self.points };
    }
    criteria[c.index] = row;
    selfSection[c.sectionIndex]! += self.points;
    countedSection[c.sectionIndex]! += row.points;
  }
  const sections = t.sections.map((s, i) => sectionScore(s, countedSection[i]!));
  const counted = totalOf(
    t,
    sections.map((s) => s.points),
  );
  const self = totalOf(
    t,
    t.sections.map((s, i) => Math.min(selfSection[i]!, s.cap)),
  );
  const who = report.taskRating === undefined ? { unitId: report.unitId } : { unitId: report.unitId, taskRating: report.taskRating };
  return {
    ...who,
    total: counted.total,
    selfTotal: self.total,
    maxTotal: t.maxTotal,
    explanation: totalExplanation(t, counted),
    sections,
    criteria,
  };
}

/**
 * Score one unit's report against the table; with the Office's verification, verified values
 * replace the self-assessed ones for the criteria it names, and both are shown. Throws a
 * DomainError ('invalid', with field details) when a value does not fit its criterion.
 */
export function scoreReport(table: ScoringTable, report: ScorableReport, verification?: VerificationInput): ScoredReport {
  const t = compileTable(table);
  const errors = checkReport(table, report, verification);
  if (errors.length > 0) throw invalid(report.unitId, errors, '');
  return scoreChecked(t, report, verification);
}
