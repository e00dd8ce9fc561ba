import * as z from 'zod/mini';
import { MAX_DECIMAL_INPUT, isTwoDecimal, toHundredths } from '../domain/points';
import { describe, id, optionalText, text } from './fields';
import { TaskRating } from './ratings';

export { TaskRating } from './ratings';

/*
 * zod/mini (./fields.ts says why): the stream consumers that score reports and mail the
 * self-assessment table parse these and nothing else, so their bundles hold no classic zod. Every
 * object schema is built on its first use (`z.lazy`), not at module load: the API serves one route
 * per invocation and a stream consumer parses few of them, so a cold start builds only the schemas
 * its request needs (issue 9 "Lighter bundles", `npm run bench`). Parsing, messages and the OpenAPI
 * document are those of the classic schemas they replace.
 */

/**
 * The scoring table (bảng tiêu chí, thang điểm) a campaign carries, fixed once it is issued
 * (docs/legal-sources.md §3.1): criteria grouped in sections, each with its maximum (điểm chuẩn) and a rule;
 * bonus (điểm cộng) and penalty (điểm trừ) sections with their own caps; the legal basis; the
 * tie-break chain. Points are written as JSON decimals with at most two decimals and kept so:
 * parsing never rewrites them, so a stored table parses to itself. The scoring core turns them into
 * integer hundredths (shared/domain/points.ts) when it reads them.
 */

/** A scale of 1,000 points exists (docs/legal-sources.md §3.1.8); 100,000 leaves room and keeps hundredths exact. */
export const MAX_POINTS = 100_000;

const TWO_DECIMALS = 'tối đa 2 chữ số thập phân (ví dụ 0.25, không phải 0.125)';

const points = /* @__PURE__ */ z.lazy(() => z.number().check(z.gte(0), z.lte(MAX_POINTS), z.refine(isTwoDecimal, TWO_DECIMALS)));
const positivePoints = /* @__PURE__ */ z.lazy(() => z.number().check(z.gt(0, 'phải lớn hơn 0'), z.lte(MAX_POINTS), z.refine(isTwoDecimal, TWO_DECIMALS)));
/** A step bound, in the unit of the criterion's value (a percentage when the value is a ratio). */
const bound = /* @__PURE__ */ z.lazy(() => z.number().check(z.gte(0), z.lte(MAX_DECIMAL_INPUT), z.refine(isTwoDecimal, TWO_DECIMALS)));

/** Half-open [from, to); no `to` is +∞. */
export const Step = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ from: bound, to: z.optional(bound), points }).check(z.refine((s) => s.to === undefined || s.to > s.from, { message: 'to phải lớn hơn from', path: ['to'] })),
);
export type Step = z.infer<typeof Step>;

/** Points given directly, 0..max. */
export const ManualRule = /* @__PURE__ */ z.lazy(() => z.strictObject({ kind: z.literal('manual') }));
/** From { numerator, denominator }: min(max, numerator / denominator × max); denominator 0 → 0. */
export const ProportionalRule = /* @__PURE__ */ z.lazy(() => z.strictObject({ kind: z.literal('proportional') }));
/** true → max, false → 0 (Cần Thơ 157/KH-UBND bonus 5.1 and 5.3: "all or nothing"). */
export const AllOrNothingRule = /* @__PURE__ */ z.lazy(() => z.strictObject({ kind: z.literal('all-or-nothing') }));
/**
 * A value mapped through half-open intervals [from, to) to points (Cần Thơ 157/KH-UBND bonus 5.2,
 * whose printed bands overlap at 90% and 95%; half-open bands remove the overlap). The value is a
 * number in the unit of the bounds, or a { numerator, denominator } ratio compared exactly as a
 * percentage. A value in no band scores 0. Bands may come in any order but must not overlap.
 */
export const StepsRule = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ kind: z.literal('steps'), steps: z.array(Step).check(z.minLength(1), z.maxLength(100)) }).check(
    z.superRefine((rule, ctx) => {
      const order = rule.steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.from - b.s.from || a.i - b.i);
      for (let k = 1; k < order.length; k++) {
        const prev = order[k - 1]!;
        const next = order[k]!;
        if (prev.s.to === undefined || prev.s.to > next.s.from) {
          const a = `[${prev.s.from}, ${prev.s.to ?? '∞'})`;
          const b = `[${next.s.from}, ${next.s.to ?? '∞'})`;
          ctx.addIssue({ code: 'custom', path: ['steps', next.i], message: `chồng lấn bậc ${prev.i} ${a}: các bậc là nửa khoảng [from, to) và không được chồng lấn, ${b} bị chồng lấn` });
        }
      }
    }),
  ),
);

export const InnerRule = /* @__PURE__ */ z.lazy(() => z.discriminatedUnion('kind', [ManualRule, ProportionalRule, StepsRule, AllOrNothingRule]));
export type InnerRule = z.infer<typeof InnerRule>;

/** Scores 0 unless the report carries evidence (minh chứng) for this criterion, else as its inner rule (§3.2 criterion 1). */
export const GatedRule = /* @__PURE__ */ z.lazy(() => z.strictObject({ kind: z.literal('gated'), inner: InnerRule }));

export const Rule = /* @__PURE__ */ z.lazy(() => z.discriminatedUnion('kind', [ManualRule, ProportionalRule, StepsRule, AllOrNothingRule, GatedRule]));
export type Rule = z.infer<typeof Rule>;
export type RuleKind = Rule['kind'];

export const Criterion = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    id: describe(id, 'Stable id, used in report values, evidence and the tie-break chain, e.g. "c2"'),
    name: describe(text(1000), 'Tiêu chí'),
    max: describe(positivePoints, 'Điểm chuẩn (for a penalty criterion: the most it can deduct)'),
    guidance: describe(optionalText(10000), 'Hướng dẫn chấm điểm'),
    evidenceRequired: describe(optionalText(2000), 'Minh chứng cần nộp; required for a gated criterion'),
    rule: Rule,
  }),
);
export type Criterion = z.infer<typeof Criterion>;

export const SectionKind = /* @__PURE__ */ z.lazy(() => z.enum(['base', 'bonus', 'penalty']));
export type SectionKind = z.infer<typeof SectionKind>;

export const Section = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    id,
    name: text(1000),
    kind: describe(SectionKind, 'base: counted up to the sum of maxima; bonus (điểm cộng): added up to cap; penalty (điểm trừ): subtracted up to cap'),
    cap: describe(z.optional(points), 'For bonus and penalty sections: most points the section adds or deducts; defaults to the sum of its maxima'),
    criteria: z.array(Criterion).check(z.minLength(1), z.maxLength(500)),
  }),
);
export type Section = z.infer<typeof Section>;

export const ScoringTable = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      version: describe(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._/+-]{0,63}$/, 'phải gồm 1–64 ký tự A–Z, a–z, 0–9, ., _, /, + hoặc -')), 'Rule version, e.g. "thang-diem-v1"'),
      legalBasis: describe(text(2000), 'Căn cứ of the table, e.g. "Phụ lục Thang điểm thi đua, Kế hoạch 157/KH-UBND ngày 18/11/2025 của UBND TP Cần Thơ"'),
      sections: z.array(Section).check(z.minLength(1), z.maxLength(50)),
      tieBreak: describe(z.array(id).check(z.maxLength(50)), 'Criterion ids compared in order when totals are equal; after them the council votes'),
    })
    .check(
      z.superRefine((table, ctx) => {
        const sectionIds = new Set<string>();
        const criteria = new Map<string, Section['kind']>();
        table.sections.forEach((section, si) => {
          if (sectionIds.has(section.id)) ctx.addIssue({ code: 'custom', path: ['sections', si, 'id'], message: `mã mục "${section.id}" bị dùng hai lần` });
          sectionIds.add(section.id);
          if (section.kind === 'base' && section.cap !== undefined) {
            ctx.addIssue({ code: 'custom', path: ['sections', si, 'cap'], message: 'mục cơ bản không có mức trần: điểm tối đa là tổng điểm tối đa của các tiêu chí' });
          }
          section.criteria.forEach((c, ci) => {
            const at = ['sections', si, 'criteria', ci];
            if (criteria.has(c.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `mã tiêu chí "${c.id}" bị dùng hai lần trong bảng điểm` });
            criteria.set(c.id, section.kind);
            const steps = c.rule.kind === 'steps' ? c.rule.steps : c.rule.kind === 'gated' && c.rule.inner.kind === 'steps' ? c.rule.inner.steps : [];
            const stepsPath = c.rule.kind === 'gated' ? [...at, 'rule', 'inner', 'steps'] : [...at, 'rule', 'steps'];
            steps.forEach((s, k) => {
              if (s.points > c.max) ctx.addIssue({ code: 'custom', path: [...stepsPath, k, 'points'], message: `không được vượt quá điểm tối đa của tiêu chí (${c.max})` });
            });
            if (c.rule.kind === 'gated' && c.evidenceRequired === undefined) {
              ctx.addIssue({ code: 'custom', path: [...at, 'evidenceRequired'], message: 'tiêu chí có điều kiện phải nêu minh chứng cần có' });
            }
          });
        });
        const seen = new Set<string>();
        table.tieBreak.forEach((cid, i) => {
          if (!criteria.has(cid)) ctx.addIssue({ code: 'custom', path: ['tieBreak', i], message: `không có tiêu chí "${cid}" trong bảng điểm` });
          if (seen.has(cid)) ctx.addIssue({ code: 'custom', path: ['tieBreak', i], message: `tiêu chí "${cid}" xuất hiện hai lần trong thứ tự xét khi bằng điểm` });
          seen.add(cid);
        });
      }),
    ),
);
export type ScoringTable = z.infer<typeof ScoringTable>;

// ---------------------------------------------------------------------------------------------
// Reports and the Office's verification

const amount = /* @__PURE__ */ z.lazy(() => z.number().check(z.gte(0, 'không được âm'), z.lte(MAX_DECIMAL_INPUT), z.refine(isTwoDecimal, TWO_DECIMALS)));

/** For proportional criteria (and steps over a rate). numerator > denominator is allowed: rates can pass 100%, the score is capped. */
export const Ratio = /* @__PURE__ */ z.lazy(() => z.strictObject({ numerator: amount, denominator: amount }));
export type Ratio = z.infer<typeof Ratio>;

/** A number (manual points, or a steps value), a boolean (all-or-nothing) or a ratio (proportional). */
export const CriterionValue = /* @__PURE__ */ z.lazy(() => z.union([amount, z.boolean(), Ratio]));
export type CriterionValue = z.infer<typeof CriterionValue>;

const Evidence = /* @__PURE__ */ z.lazy(() => describe(z.array(text(2000)).check(z.maxLength(100)), 'References to the evidence files (minh chứng)'));

const reportValuesShape = {
  values: describe(z._default(z.record(id, CriterionValue), {}), 'criterionId → value'),
  evidence: describe(z._default(z.record(id, Evidence), {}), 'criterionId → evidence references'),
};

export const ReportValues = /* @__PURE__ */ z.lazy(() => z.strictObject(reportValuesShape));
export type ReportValues = z.infer<typeof ReportValues>;

export const ReportPeriod = /* @__PURE__ */ z.lazy(() => describe(z.enum(['mid-year', 'final']), 'sơ kết (mid-year) or tổng kết (final)'));
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** A unit's report (báo cáo sơ kết / tổng kết) with its self-assessment (tự chấm). */
export const UnitReport = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    unitId: id,
    period: ReportPeriod,
    taskRating: TaskRating,
    ...reportValuesShape,
    summary: describe(optionalText(50000), 'Báo cáo: the narrative'),
  }),
);
export type UnitReport = z.infer<typeof UnitReport>;

/**
 * The Office's verification (kiểm tra, chấm chéo) of one unit's report. A criterion named in
 * `values` is scored from the Office's value, one named in `evidence` with the Office's evidence
 * list (an empty list closes a gate the Office found unsupported), and one named only in `reasons`
 * is confirmed as self-assessed. Every verified criterion carries its reason.
 */
export const Verification = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      values: z._default(z.record(id, CriterionValue), {}),
      evidence: z._default(z.record(id, Evidence), {}),
      reasons: describe(z.record(id, text(5000)), 'criterionId → the Office’s reason'),
    })
    .check(
      z.superRefine((v, ctx) => {
        for (const key of ['values', 'evidence'] as const) {
          for (const cid of Object.keys(v[key])) {
            if (!Object.hasOwn(v.reasons, cid))
              ctx.addIssue({ code: 'custom', path: ['reasons', cid], message: `cần nêu lý do cho ${key === 'values' ? 'giá trị' : 'minh chứng'} đã thẩm định của "${cid}"` });
          }
        }
      }),
    ),
);
export type Verification = z.infer<typeof Verification>;

export type FieldError = { path: string; message: string };

const criterionIndex = new WeakMap<ScoringTable, Map<string, Criterion>>();
function criteriaById(table: ScoringTable): Map<string, Criterion> {
  let m = criterionIndex.get(table);
  if (!m) {
    m = new Map(table.sections.flatMap((s) => s.criteria.map((c) => [c.id, c] as const)));
    criterionIndex.set(table, m);
  }
  return m;
}

const isAmount = (x: unknown): x is number => typeof x === 'number' && x >= 0 && isTwoDecimal(x);
const isRatio = (x: unknown): x is Ratio =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && isAmount((x as Ratio).numerator) && isAmount((x as Ratio).denominator) && Object.keys(x).length === 2;

/** Why `value` does not fit criterion `c`, or undefined when it does. */
function valueProblem(c: Criterion, value: unknown): string | undefined {
  const rule = c.rule.kind === 'gated' ? c.rule.inner : c.rule;
  switch (rule.kind) {
    case 'manual':
      if (!isAmount(value)) return `phải là số điểm từ 0 đến ${c.max}, tối đa 2 chữ số thập phân (tiêu chí chấm trực tiếp)`;
      if (toHundredths(value) > toHundredths(c.max)) return `không được vượt quá điểm tối đa của tiêu chí (${c.max})`;
      return undefined;
    case 'proportional':
      return isRatio(value) ? undefined : 'phải là { numerator, denominator }, không âm, tối đa 2 chữ số thập phân (tiêu chí theo tỷ lệ)';
    case 'steps':
      return isAmount(value) || isRatio(value) ? undefined : 'phải là số không âm, tối đa 2 chữ số thập phân, hoặc { numerator, denominator } (tiêu chí theo bậc)';
    case 'all-or-nothing':
      return typeof value === 'boolean' ? undefined : 'phải là true hoặc false (tiêu chí đạt hoặc không đạt)';
  }
}

function checkValues(table: ScoringTable, values: Record<string, unknown> | undefined, evidence: Record<string, unknown> | undefined): FieldError[] {
  const byId = criteriaById(table);
  const errors: FieldError[] = [];
  for (const [cid, value] of Object.entries(values ?? {})) {
    const c = byId.get(cid);
    const problem = c ? valueProblem(c, value) : `không có tiêu chí "${cid}" trong bảng điểm`;
    if (problem) errors.push({ path: `values.${cid}`, message: problem });
  }
  for (const [cid, refs] of Object.entries(evidence ?? {})) {
    if (!byId.has(cid)) errors.push({ path: `evidence.${cid}`, message: `không có tiêu chí "${cid}" trong bảng điểm` });
    else if (!Array.isArray(refs) || !refs.every((r) => typeof r === 'string' && r.trim() !== '')) {
      errors.push({ path: `evidence.${cid}`, message: 'phải là danh sách minh chứng, mỗi mục không để trống' });
    }
  }
  return errors;
}

/**
 * Field errors for report values that do not fit the table: unknown criteria, a value of the wrong
 * shape for the criterion's kind, manual points above the maximum, negative numbers, more than two
 * decimals. A missing value is not an error (it scores 0, and says so). Empty list: the values fit.
 */
export function validateReportValues(table: ScoringTable, report: { values?: Record<string, unknown>; evidence?: Record<string, unknown> }): FieldError[] {
  return checkValues(table, report.values, report.evidence);
}

/** As {@link validateReportValues} for the Office's verification, plus: every verified criterion has a reason, and every reason names a criterion. */
export function validateVerification(table: ScoringTable, v: { values?: Record<string, unknown>; evidence?: Record<string, unknown>; reasons?: Record<string, unknown> }): FieldError[] {
  const errors = checkValues(table, v.values, v.evidence);
  const byId = criteriaById(table);
  const reasons = v.reasons ?? {};
  for (const [cid, reason] of Object.entries(reasons)) {
    if (!byId.has(cid)) errors.push({ path: `reasons.${cid}`, message: `không có tiêu chí "${cid}" trong bảng điểm` });
    else if (typeof reason !== 'string' || reason.trim() === '') errors.push({ path: `reasons.${cid}`, message: 'phải nêu lý do, không để trống' });
  }
  for (const cid of new Set([...Object.keys(v.values ?? {}), ...Object.keys(v.evidence ?? {})])) {
    if (byId.has(cid) && !Object.hasOwn(reasons, cid)) errors.push({ path: `reasons.${cid}`, message: `Văn phòng phải nêu lý do khi thẩm định "${cid}"` });
  }
  return errors;
}
