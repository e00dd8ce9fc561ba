import type { ScoringTable } from '../schemas/scoring';
import { DomainError } from './errors';
import type { Hundredths } from './points';
import { compileTable } from './scoring';

/**
 * Ranking (docs/legal-sources.md §3.1.5, §3.2 "Ranking and tie-breaks"): by total, descending; equal totals
 * are ordered by the campaign's tie-break chain, criterion by criterion, on the counted points;
 * units still equal after the whole chain go to the council's vote (bỏ phiếu), so they share a
 * rank and are marked, never ordered silently. Ranks are standard competition ranking (1, 2, 2, 4).
 */
export const TIE_NOTE = 'tie: needs council vote' as const;

export interface RankInput {
  unitId: string;
  unitName?: string;
  total: Hundredths;
  criteria: readonly { criterionId: string; points: Hundredths }[];
}

/**
 * At most this many other units are listed in `tie.with`. The tied group is exactly the units
 * sharing the rank; the list is a convenience, and bounding it keeps a degenerate table (every
 * unit at 0) linear in output instead of quadratic.
 */
export const TIE_WITH_LIMIT = 100;

export interface Tie {
  /** The other units this one is tied with, in unitId order (at most TIE_WITH_LIMIT of them). */
  with: string[];
  /** How many tied units `with` leaves out, when the group is larger than TIE_WITH_LIMIT + 1. */
  notListed?: number;
  note: typeof TIE_NOTE;
  explanation: string;
}

/** A neighbour with the same total that the chain separated from this unit, and the criterion that did it. */
export interface TieBroken {
  against: string;
  criterionId: string;
}

export type Ranked<T> = { rank: number } & T & { tie?: Tie; tieBrokenBy?: TieBroken[] };

/**
 * The comparison key of a row: [total, chain criterion 1, chain criterion 2, …], each higher-is-better.
 * A penalty criterion in the chain is negated: fewer points deducted ranks higher.
 */
export function rankKey(table: ScoringTable, row: RankInput): number[] {
  const t = compileTable(table);
  const key = [row.total];
  for (const cid of table.tieBreak) {
    const c = t.byId.get(cid)!; // the schema guarantees every chain id exists
    const at = row.criteria[c.index];
    const found = at?.criterionId === cid ? at : row.criteria.find((x) => x.criterionId === cid);
    if (!found) throw new DomainError('invalid', `Đơn vị ${row.unitId} thiếu điểm tiêu chí ${cid} dùng để xếp hạng khi bằng điểm.`);
    key.push(c.sectionKind === 'penalty' ? -found.points : found.points);
  }
  return key;
}

/** Negative when key `a` ranks before `b`, 0 when the chain cannot separate them. */
export function compareRankKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = b[i]! - a[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Code point order, so the output order of tied units does not depend on locale or UTF-16 surrogates. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * Rank scored units. O(n log n): keys are computed once, then one sort and one linear pass.
 * Output order: rank, then unitId in code point order among units the chain cannot separate.
 */
export function rankStandings<T extends RankInput>(table: ScoringTable, scored: readonly T[]): Ranked<T>[] {
  const n = scored.length;
  const keys = scored.map((row) => rankKey(table, row));
  const seen = new Set<string>();
  for (const row of scored) {
    if (seen.has(row.unitId)) throw new DomainError('invalid', `Đơn vị ${row.unitId} xuất hiện hai lần trong bảng xếp hạng.`);
    seen.add(row.unitId);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => compareRankKeys(keys[i]!, keys[j]!) || compareCodePoints(scored[i]!.unitId, scored[j]!.unitId));

  const chain = table.tieBreak;
  const chainText = chain.length > 0 ? `tổng điểm và các tiêu chí ưu tiên (${chain.join(', ')})` : 'tổng điểm (bảng điểm không có tiêu chí ưu tiên)';
  // Stryker disable next-line ArrayDeclaration: equivalent, every index is assigned below
  const out: Ranked<T>[] = new Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && compareRankKeys(keys[order[start]!]!, keys[order[end]!]!) === 0) end++;
    const rank = start + 1;
    const size = end - start;
    const head = order.slice(start, Math.min(end, start + TIE_WITH_LIMIT + 1)).map((i) => scored[i]!.unitId);
    for (let p = start; p < end; p++) {
      const i = order[p]!;
      const extras: { tie?: Tie; tieBrokenBy?: TieBroken[] } = {};
      if (size > 1) {
        const others = head.filter((u) => u !== scored[i]!.unitId).slice(0, TIE_WITH_LIMIT);
        extras.tie = {
          with: others,
          ...(size - 1 > others.length ? { notListed: size - 1 - others.length } : {}),
          note: TIE_NOTE,
          explanation: `Bằng ${chainText} với ${size - 1} đơn vị khác: Hội đồng thi đua - khen thưởng bỏ phiếu quyết định thứ hạng`,
        };
      }
      const broken: TieBroken[] = [];
      for (const q of [p - 1, p + 1]) {
        if (q < 0 || q >= n || (q >= start && q < end)) continue;
        const a = keys[i]!;
        const b = keys[order[q]!]!;
        if (a[0] !== b[0]) continue; // separated by the total: no tie to break
        const k = a.findIndex((x, m) => x !== b[m]);
        broken.push({ against: scored[order[q]!]!.unitId, criterionId: chain[k - 1]! });
      }
      if (broken.length > 0) extras.tieBrokenBy = broken;
      out[p] = Object.assign({ rank }, scored[i]!, extras);
    }
    start = end;
  }
  return out;
}
