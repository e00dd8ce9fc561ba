import { createHash } from 'node:crypto';
import type { ReportPeriod, ScoringTable, UnitReport } from '../schemas/scoring';
import { DomainError } from './errors';
import { own, type Hundredths } from './points';
import { compareCodePoints, rankStandings, type Ranked } from './ranking';
import { SCORING_ENGINE_VERSION, checkReport, compileTable, scoreChecked, type ScoredReport, type VerificationInput } from './scoring';

/**
 * Standings (bảng xếp hạng) of a campaign's units for one period: a pure function of the table,
 * the reports and the Office's verifications. The same inputs give byte-identical
 * `JSON.stringify` output, in whatever order the reports come, and the result carries a hash of
 * its inputs and the rule version, so a stored result can be checked against the data it claims.
 */

/** A report as standings read it: a UnitReport, whose `summary` does not take part in scoring. */
export type StandingsReport = Pick<UnitReport, 'unitId' | 'period' | 'taskRating' | 'values'> & Partial<Pick<UnitReport, 'evidence' | 'summary'>>;

export interface StandingsOptions {
  period: ReportPeriod;
  /** The rule version the caller expects; a different one (a changed table or engine) is refused. */
  ruleVersion?: string;
  /** Unit names for the rows (part of the hashed inputs, as they appear in the output). */
  unitNames?: Readonly<Record<string, string>>;
}

export type StandingsRow = Ranked<ScoredReport & { unitName?: string }>;

export interface Standings {
  period: ReportPeriod;
  /** `${table.version}+${SCORING_ENGINE_VERSION}`: what produced these numbers. */
  ruleVersion: string;
  legalBasis: string;
  /** Every points field below (total, max, raw, cap, points) is an integer of hundredths: 9720 is 97,20 điểm. */
  pointsUnit: 'hundredths';
  maxTotal: Hundredths;
  tieBreak: string[];
  /** sha256, hex, of the canonical JSON of the inputs (see {@link standingsInputs}). */
  inputHash: string;
  rows: StandingsRow[];
}

export function ruleVersionOf(table: ScoringTable): string {
  return `${table.version}+${SCORING_ENGINE_VERSION}`;
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785, JCS), undefined members
 * left out, numbers and strings as JSON.stringify writes them. Arrays keep their order: callers
 * sort what has no meaningful order (reports by unitId).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no representation for a non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const v: unknown = value[i];
          out += v === undefined ? 'null' : canonicalJson(v);
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const k of Object.keys(obj).sort()) {
        const v = obj[k];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
  }
}

/**
 * The same text as {@link canonicalJson}, handed to `write` in pieces: the outer `depth` levels of
 * objects and arrays are streamed, what lies below is written whole, so 50,000 reports are never
 * one string.
 */
export function writeCanonicalJson(value: unknown, write: (chunk: string) => void, depth = 2): void {
  if (depth <= 0 || value === null || typeof value !== 'object') {
    write(canonicalJson(value));
    return;
  }
  if (Array.isArray(value)) {
    write('[');
    value.forEach((v: unknown, i) => {
      if (i > 0) write(',');
      if (v === undefined) write('null');
      else writeCanonicalJson(v, write, depth - 1);
    });
    write(']');
    return;
  }
  const obj = value as Record<string, unknown>;
  write('{');
  let first = true;
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    write(`${first ? '' : ','}${JSON.stringify(k)}:`);
    first = false;
    writeCanonicalJson(v, write, depth - 1);
  }
  write('}');
}

/** sha256 hex of the canonical JSON of `value`, streamed in 64 KiB chunks rather than built as one string. */
export function canonicalHash(value: unknown): string {
  const h = createHash('sha256');
  let buf = '';
  writeCanonicalJson(value, (s) => {
    buf += s;
    if (buf.length >= 65536) {
      h.update(buf, 'utf8');
      buf = '';
    }
  });
  h.update(buf, 'utf8');
  return h.digest('hex');
}

const byUnitId = <R extends { unitId: string }>(a: R, b: R) => compareCodePoints(a.unitId, b.unitId);

/**
 * What the input hash covers: the engine and rule version, the period, the whole table, each
 * report's scoring inputs (unitId, period, taskRating, values, evidence; not the narrative summary,
 * which no number depends on) sorted by unitId, the verifications and the unit names.
 */
export function standingsInputs(table: ScoringTable, reports: readonly StandingsReport[], verifications: Readonly<Record<string, VerificationInput>>, opts: StandingsOptions) {
  return {
    engineVersion: SCORING_ENGINE_VERSION,
    ruleVersion: ruleVersionOf(table),
    period: opts.period,
    table,
    reports: [...reports].sort(byUnitId).map((r) => ({ unitId: r.unitId, period: r.period, taskRating: r.taskRating, values: r.values, evidence: r.evidence ?? {} })),
    verifications: Object.fromEntries(Object.entries(verifications).map(([u, v]) => [u, { values: v.values ?? {}, evidence: v.evidence ?? {}, reasons: v.reasons }])),
    unitNames: opts.unitNames ?? {},
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Score every report, apply the Office's verifications (keyed by unitId), rank. Refuses, with
 * every problem listed as a field error: a report of another period, a unit reported twice, a
 * verification of a unit with no report, values that do not fit the table, and a `ruleVersion`
 * other than the one this table and engine give.
 */
export function computeStandings(table: ScoringTable, reports: readonly StandingsReport[], verifications: Readonly<Record<string, VerificationInput>>, opts: StandingsOptions): Standings {
  const t = compileTable(table);
  const ruleVersion = ruleVersionOf(table);
  if (opts.ruleVersion !== undefined && opts.ruleVersion !== ruleVersion) {
    throw new DomainError('conflict', `Phiên bản quy tắc chấm điểm là ${ruleVersion}, không phải ${opts.ruleVersion}.`);
  }
  const sorted = [...reports].sort(byUnitId);
  const errors: { path: string; message: string }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i]!;
    const at = `reports.${r.unitId}.`;
    if (i > 0 && sorted[i - 1]!.unitId === r.unitId) errors.push({ path: `${at}unitId`, message: `unit "${r.unitId}" has more than one report` });
    if (r.period !== opts.period) errors.push({ path: `${at}period`, message: `is "${r.period}", the standings are for "${opts.period}"` });
    errors.push(...checkReport(table, r, own(verifications, r.unitId), { report: at, verification: `verifications.${r.unitId}.` }));
  }
  const reported = new Set(sorted.map((r) => r.unitId));
  for (const unitId of Object.keys(verifications).sort(compareCodePoints)) {
    if (!reported.has(unitId)) errors.push({ path: `verifications.${unitId}`, message: `unit "${unitId}" has no ${opts.period} report to verify` });
  }
  if (errors.length > 0) throw new DomainError('invalid', 'Không tính được bảng xếp hạng: dữ liệu không khớp bảng điểm.', errors);

  const names = opts.unitNames ?? {};
  const scored = sorted.map((r) => {
    const s = scoreChecked(t, r, own(verifications, r.unitId));
    const name = own(names, r.unitId);
    if (name === undefined) return s;
    const { unitId, ...rest } = s;
    return { unitId, unitName: name, ...rest };
  });
  return {
    period: opts.period,
    ruleVersion,
    legalBasis: table.legalBasis,
    pointsUnit: 'hundredths',
    maxTotal: t.maxTotal,
    tieBreak: [...table.tieBreak],
    inputHash: canonicalHash(standingsInputs(table, sorted, verifications, opts)),
    rows: rankStandings(table, scored),
  };
}
