import { computeStandings, type StandingsReport } from '../shared/domain/standings';
import { ScoringTable, type CriterionValue, type Criterion } from '../shared/schemas/scoring';
import { formatRuns, gcFunction, heapMb, mb, measureRuns, peakRssBytes, prng } from './measure';

/**
 * Standings for many units: a synthetic 30-criterion table (every rule kind, a capped bonus and a
 * capped penalty section, a 4-criterion tie-break chain) and deterministic reports (seeded PRNG).
 * Reports the median of 3 runs of computeStandings, the heap the result holds, the process's peak
 * RSS, and how the time grows from 5,000 to 50,000 units next to the n log n ratio. A script, not a
 * test: nothing here asserts a duration.
 */

const pct = [
  { from: 50, to: 70, points: 1 },
  { from: 70, to: 90, points: 2 },
  { from: 90, to: 100, points: 4 },
  { from: 100, points: 5 },
];

export function syntheticTable(): ScoringTable {
  const base: Criterion[] = [];
  for (let i = 0; i < 24; i++) {
    const id = `c${String(i + 1).padStart(2, '0')}`;
    const name = `Tiêu chí ${i + 1}`;
    if (i < 12) base.push({ id, name, max: 4, rule: { kind: 'proportional' } });
    else if (i < 18) base.push({ id, name, max: 3.5, rule: { kind: 'manual' } });
    else if (i < 20) base.push({ id, name, max: 5, rule: { kind: 'steps', steps: pct } });
    else if (i < 22) base.push({ id, name, max: 5, evidenceRequired: 'Kế hoạch và báo cáo kết quả', rule: { kind: 'gated', inner: { kind: 'proportional' } } });
    else base.push({ id, name, max: 2, rule: { kind: 'all-or-nothing' } });
  }
  return ScoringTable.parse({
    version: 'bench-30-v1',
    legalBasis: 'Bảng điểm tổng hợp dùng để đo hiệu năng (không phải văn bản thật)',
    sections: [
      { id: 'co-ban', name: 'Tiêu chí cơ bản', kind: 'base', criteria: base },
      {
        id: 'cong',
        name: 'Điểm cộng',
        kind: 'bonus',
        cap: 10,
        criteria: [
          { id: 'b1', name: 'Vượt chỉ tiêu', max: 5, rule: { kind: 'steps', steps: pct } },
          { id: 'b2', name: 'Cờ thi đua', max: 5, rule: { kind: 'all-or-nothing' } },
          { id: 'b3', name: 'Mô hình mới', max: 3, rule: { kind: 'manual' } },
          { id: 'b4', name: 'Sáng kiến', max: 2, rule: { kind: 'all-or-nothing' } },
        ],
      },
      {
        id: 'tru',
        name: 'Điểm trừ',
        kind: 'penalty',
        cap: 5,
        criteria: [
          { id: 'p1', name: 'Nộp báo cáo trễ', max: 3, rule: { kind: 'manual' } },
          { id: 'p2', name: 'Vi phạm', max: 5, rule: { kind: 'manual' } },
        ],
      },
    ],
    tieBreak: ['c01', 'c02', 'c13', 'p1'],
  });
}

export function syntheticReports(table: ScoringTable, units: number, seed = 20251118): StandingsReport[] {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const criteria = table.sections.flatMap((s) => s.criteria);
  const reports: StandingsReport[] = new Array(units);
  for (let u = 0; u < units; u++) {
    const values: Record<string, CriterionValue> = {};
    const evidence: Record<string, string[]> = {};
    for (const c of criteria) {
      const rule = c.rule.kind === 'gated' ? c.rule.inner : c.rule;
      if (c.rule.kind === 'gated' && rnd() < 0.9) evidence[c.id] = [`minh-chung/${u}/${c.id}.pdf`];
      const maxH = Math.round(c.max * 100);
      switch (rule.kind) {
        case 'manual':
          values[c.id] = (int(Math.floor(maxH / 50) + 1) * 50) / 100; // half points, 0..max
          break;
        case 'proportional': {
          const denominator = 200 + int(800);
          values[c.id] = { numerator: int(denominator + 40), denominator };
          break;
        }
        case 'steps':
          values[c.id] = (4000 + int(7000)) / 100;
          break;
        case 'all-or-nothing':
          values[c.id] = rnd() < 0.5;
          break;
      }
    }
    reports[u] = { unitId: `DV-${String(u).padStart(6, '0')}`, period: 'final', taskRating: 'HTTNV', values, evidence };
  }
  return reports;
}

export interface StandingsBenchRow {
  units: number;
  criteria: number;
  'median ms': number;
  'runs ms': string;
  'result heap MB': number | string;
  'peak RSS MB': number;
  'time ratio vs first'?: number;
  'n log n ratio'?: number;
}

export async function standingsBench(sizes: readonly number[] = [5_000, 50_000]): Promise<StandingsBenchRow[]> {
  const table = syntheticTable();
  const criteria = table.sections.reduce((n, s) => n + s.criteria.length, 0);
  const gc = gcFunction();
  const rows: StandingsBenchRow[] = [];
  const medians: number[] = [];
  for (const units of sizes) {
    const reports = syntheticReports(table, units);
    computeStandings(table, reports.slice(0, 200), {}, { period: 'final' }); // warm-up: compile, JIT
    const { runs, median, heap } = await measureRuns(
      () => computeStandings(table, reports, {}, { period: 'final' }),
      (result) => {
        if (result.rows.length !== units) throw new Error('lost rows');
      },
      gc,
    );
    const row: StandingsBenchRow = {
      units,
      criteria,
      'median ms': Math.round(median),
      'runs ms': formatRuns(runs),
      'result heap MB': heapMb(heap),
      'peak RSS MB': mb(peakRssBytes()),
    };
    const first = rows[0];
    if (first) {
      row['time ratio vs first'] = Math.round((median / medians[0]!) * 10) / 10;
      row['n log n ratio'] = Math.round(((units * Math.log(units)) / (first.units * Math.log(first.units))) * 10) / 10;
    }
    rows.push(row);
    medians.push(median);
  }
  return rows;
}

if (typeof require !== 'undefined' && require.main === module) {
  standingsBench()
    .then((rows) => {
      console.log('# standings: computeStandings, 30 criteria, median of 3 runs (peak RSS is the process’s, cumulative)');
      console.table(rows);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
