import fc from 'fast-check';
import { hundredthsToNumber } from '../../shared/domain/points';
import { compareRankKeys, rankKey, rankStandings, TIE_WITH_LIMIT, type RankInput } from '../../shared/domain/ranking';
import { maxTotal, scoreReport, type ScorableReport, type VerificationInput } from '../../shared/domain/scoring';
import { computeStandings, type StandingsReport } from '../../shared/domain/standings';
import { ScoringTable, type CriterionValue, type InnerRule, type Rule } from '../../shared/schemas/scoring';

/**
 * Properties the issue asks for: totals stay within the table's maximum and never go below 0;
 * ranking is a total order given the tie rule; shuffling the reports changes nothing, byte for byte;
 * sums of tenths do not drift. Tables, reports and verifications are random but always valid.
 */

type InnerKind = InnerRule['kind'];
const innerKinds: InnerKind[] = ['manual', 'proportional', 'steps', 'all-or-nothing'];

const stepsArb = (maxH: number) =>
  fc
    .record({
      bounds: fc.uniqueArray(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 5 }),
      points: fc.array(fc.integer({ min: 0, max: maxH }), { minLength: 5, maxLength: 5 }),
      openEnd: fc.boolean(),
    })
    .map(({ bounds, points, openEnd }) => {
      const b = [...bounds].sort((x, y) => x - y);
      const steps: { from: number; to?: number; points: number }[] = [];
      for (let i = 0; i + 1 < b.length; i++) steps.push({ from: b[i]! / 100, to: b[i + 1]! / 100, points: points[i]! / 100 });
      if (openEnd || steps.length === 0) steps.push({ from: b[b.length - 1]! / 100, points: points[4]! / 100 });
      return steps;
    });

const innerRuleArb = (kind: InnerKind, maxH: number): fc.Arbitrary<InnerRule> =>
  kind === 'steps' ? stepsArb(maxH).map((steps) => ({ kind: 'steps' as const, steps })) : fc.constant({ kind } as InnerRule);

const criterionArb = (id: string) =>
  fc.integer({ min: 1, max: 5000 }).chain((maxH) =>
    fc.record({ gated: fc.boolean(), inner: fc.constantFrom(...innerKinds).chain((k) => innerRuleArb(k, maxH)) }).map(({ gated, inner }) => {
      const rule: Rule = gated ? { kind: 'gated', inner } : inner;
      return { id, name: `Tiêu chí ${id}`, max: maxH / 100, ...(gated ? { evidenceRequired: 'Minh chứng' } : {}), rule };
    }),
  );

const tableArb: fc.Arbitrary<ScoringTable> = fc
  .array(
    fc.record({
      kind: fc.constantFrom('base' as const, 'base' as const, 'bonus' as const, 'penalty' as const),
      cap: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
      n: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .chain((shapes) =>
    fc.tuple(...shapes.map((s, si) => fc.tuple(...Array.from({ length: s.n }, (_, ci) => criterionArb(`c${si}_${ci}`))))).chain((criteriaBySection) => {
      const ids = criteriaBySection.flat().map((c) => c.id);
      return fc.shuffledSubarray(ids, { maxLength: Math.min(4, ids.length) }).map((tieBreak) =>
        ScoringTable.parse({
          version: 'prop-v1',
          legalBasis: 'Bảng điểm ngẫu nhiên',
          sections: shapes.map((s, si) => ({
            id: `s${si}`,
            name: `Mục ${si}`,
            kind: s.kind,
            ...(s.kind !== 'base' && s.cap !== undefined ? { cap: s.cap / 100 } : {}),
            criteria: criteriaBySection[si]!,
          })),
          tieBreak,
        }),
      );
    }),
  );

const hundredths = (max: number) => fc.integer({ min: 0, max }).map((h) => h / 100);
const ratioArb = fc.record({ numerator: fc.oneof(fc.integer({ min: 0, max: 3000 }), hundredths(300_000)), denominator: fc.oneof(fc.integer({ min: 0, max: 2000 }), hundredths(200_000)) });

function valueArb(rule: Rule, max: number): fc.Arbitrary<CriterionValue> {
  const r = rule.kind === 'gated' ? rule.inner : rule;
  switch (r.kind) {
    case 'manual':
      return hundredths(Math.round(max * 100));
    case 'proportional':
      return ratioArb;
    case 'steps':
      return fc.oneof(hundredths(25_000), ratioArb);
    case 'all-or-nothing':
      return fc.boolean();
  }
}

const criteriaOf = (t: ScoringTable) => t.sections.flatMap((s) => s.criteria);

/** Values and evidence for some of the table's criteria. */
const valuesArb = (t: ScoringTable) =>
  fc.tuple(...criteriaOf(t).map((c) => fc.tuple(fc.option(valueArb(c.rule, c.max), { nil: undefined, freq: 5 }), fc.boolean()))).map((pairs) => {
    const values: Record<string, CriterionValue> = {};
    const evidence: Record<string, string[]> = {};
    criteriaOf(t).forEach((c, i) => {
      const [v, ev] = pairs[i]!;
      if (v !== undefined) values[c.id] = v;
      if (ev) evidence[c.id] = [`minh-chung-${c.id}.pdf`];
    });
    return { values, evidence };
  });

const verificationArb = (t: ScoringTable): fc.Arbitrary<VerificationInput | undefined> =>
  fc.option(
    valuesArb(t).chain(({ values, evidence }) =>
      fc.subarray(Object.keys(values)).map((touched) => ({
        values: Object.fromEntries(touched.map((k) => [k, values[k]!])),
        evidence: Object.fromEntries(Object.entries(evidence).filter(([k]) => touched.includes(k))),
        reasons: Object.fromEntries([...touched, ...Object.keys(evidence)].map((k) => [k, `Kiểm tra ${k}`])),
      })),
    ),
    { nil: undefined },
  );

describe('totals stay on the scale (issue: "totals never exceed the maximum")', () => {
  it('0 ≤ total ≤ table maximum, each criterion within [0, max], each section within its cap, and the total is base + bonus − penalty', () => {
    fc.assert(
      fc.property(
        tableArb.chain((t) => fc.tuple(fc.constant(t), valuesArb(t), verificationArb(t))),
        ([table, rv, verification]) => {
          const s = scoreReport(table, { unitId: 'U', ...rv }, verification);
          const max = maxTotal(table);
          expect(s.total).toBeGreaterThanOrEqual(0);
          expect(s.total).toBeLessThanOrEqual(max);
          expect(s.selfTotal).toBeGreaterThanOrEqual(0);
          expect(s.selfTotal).toBeLessThanOrEqual(max);
          for (const c of s.criteria) {
            for (const p of [c.self.points, c.verified?.points ?? 0, c.points]) {
              expect(Number.isSafeInteger(p)).toBe(true);
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(c.max);
            }
          }
          let expected = 0;
          for (const sec of s.sections) {
            expect(sec.points).toBe(Math.min(sec.raw, sec.cap));
            expected += sec.kind === 'penalty' ? -sec.points : sec.points;
          }
          expect(s.total).toBe(Math.max(0, expected));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ranking is a total order given the tie rule (docs/legal-sources.md §3.1.5)', () => {
  const rowsArb = tableArb.chain((table) => {
    const ids = criteriaOf(table).map((c) => c.id);
    // Small domains so that equal totals and equal chains are common.
    const rowArb = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: ids.length, maxLength: ids.length }));
    return fc.tuple(
      fc.constant(table),
      fc
        .array(rowArb, { minLength: 0, maxLength: 25 })
        .map((rows) => rows.map(([total, pts], i): RankInput => ({ unitId: `U${i}`, total, criteria: ids.map((criterionId, k) => ({ criterionId, points: pts[k]! })) }))),
    );
  });

  it('the comparator is antisymmetric and transitive; the output is sorted; rank = 1 + the number of units strictly ahead; ties are marked exactly when the chain cannot separate', () => {
    fc.assert(
      fc.property(rowsArb, ([table, rows]) => {
        const keys = new Map(rows.map((r) => [r.unitId, rankKey(table, r)]));
        const k = (u: string) => keys.get(u)!;
        const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0);
        for (const a of rows) {
          for (const b of rows) {
            expect(sign(compareRankKeys(k(a.unitId), k(b.unitId))) + sign(compareRankKeys(k(b.unitId), k(a.unitId)))).toBe(0);
            for (const c of rows.slice(0, 8)) {
              if (compareRankKeys(k(a.unitId), k(b.unitId)) <= 0 && compareRankKeys(k(b.unitId), k(c.unitId)) <= 0) {
                expect(compareRankKeys(k(a.unitId), k(c.unitId))).toBeLessThanOrEqual(0);
              }
            }
          }
        }
        const out = rankStandings(table, rows);
        expect(out.map((r) => r.unitId).sort()).toEqual(rows.map((r) => r.unitId).sort());
        out.forEach((r, i) => {
          if (i > 0) {
            const prev = out[i - 1]!;
            const cmp = compareRankKeys(k(prev.unitId), k(r.unitId));
            expect(cmp).toBeLessThanOrEqual(0);
            expect(r.rank).toBe(cmp === 0 ? prev.rank : i + 1);
          }
          const ahead = rows.filter((o) => compareRankKeys(k(o.unitId), k(r.unitId)) < 0).length;
          expect(r.rank).toBe(1 + ahead);
          const equal = rows.filter((o) => o.unitId !== r.unitId && compareRankKeys(k(o.unitId), k(r.unitId)) === 0).map((o) => o.unitId);
          if (equal.length === 0) expect(r.tie).toBeUndefined();
          else {
            expect(r.tie?.note).toBe('tie: needs council vote');
            if (equal.length <= TIE_WITH_LIMIT) expect([...r.tie!.with].sort()).toEqual(equal.sort());
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('shuffling the reports changes nothing (issue: "same inputs, same output, byte for byte")', () => {
  const caseArb = tableArb.chain((table) =>
    fc.tuple(fc.array(valuesArb(table), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), verificationArb(table)), { minLength: 1, maxLength: 10 })).chain(([pool, units]) => {
      // Units pick their values from a small pool, so several share values: full ties are common.
      const reports: StandingsReport[] = units.map(([pick], i) => ({ unitId: `XA-${i}`, period: 'final', taskRating: 'HTTNV', ...pool[pick % pool.length]! }));
      const verifications = Object.fromEntries(units.flatMap(([, v], i) => (v ? [[`XA-${i}`, v]] : [])));
      return fc.tuple(fc.constant(table), fc.constant(reports), fc.constant(verifications), fc.shuffledSubarray(reports, { minLength: reports.length, maxLength: reports.length }));
    }),
  );

  /** The same data with every object's keys in reverse insertion order. */
  const reverseKeys = <T>(x: T): T =>
    Array.isArray(x)
      ? (x.map(reverseKeys) as T)
      : x !== null && typeof x === 'object'
        ? (Object.fromEntries(
            Object.entries(x)
              .reverse()
              .map(([k, v]) => [k, reverseKeys(v)]),
          ) as T)
        : x;

  it('identical JSON and input hash for any order of the reports and of the keys of every object', () => {
    fc.assert(
      fc.property(caseArb, ([table, reports, verifications, shuffled]) => {
        const a = computeStandings(table, reports, verifications, { period: 'final' });
        const b = computeStandings(reverseKeys(table), reverseKeys(shuffled), reverseKeys(verifications), { period: 'final' });
        expect(b.inputHash).toBe(a.inputHash);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 60 },
    );
  });
});

describe('no float drift (issue: "never drifts (no binary-float sums of tenths)")', () => {
  const tenthsTable = (n: number, max: number): ScoringTable =>
    ScoringTable.parse({
      version: 'tenths-v1',
      legalBasis: 'Bảng điểm thử nghiệm',
      sections: [{ id: 's', name: 'S', kind: 'base', criteria: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `C${i}`, max, rule: { kind: 'manual' } })) }],
      tieBreak: [],
    });

  it('the float sum of thirty 0.1s is not 3, the engine’s total is 3.00', () => {
    expect(Array.from({ length: 30 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(3);
    const s = scoreReport(tenthsTable(30, 0.1), { unitId: 'U', values: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, 0.1])) });
    expect(s.total).toBe(300);
    expect(hundredthsToNumber(s.total)).toBe(3);
  });

  it('a sum of many 0.1-point manual criteria is exact, whatever their number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
        const s = scoreReport(tenthsTable(n, 0.1), { unitId: 'U', values: Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, 0.1])) });
        expect(s.total).toBe(10 * n);
        expect(hundredthsToNumber(s.total)).toBe(Number(`${Math.trunc(n / 10)}.${n % 10}`));
      }),
      { numRuns: 100 },
    );
  });

  it('any manual points with two decimals add up to the decimal sum, digit for digit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }), (hs) => {
        const table = tenthsTable(hs.length, 100);
        const values = Object.fromEntries(hs.map((h, i) => [`c${i}`, h / 100]));
        const s = scoreReport(table, { unitId: 'U', values } as ScorableReport);
        // Decimal reference: add the values as written, digit strings → BigInt hundredths.
        const ref = hs.map((h) => (h / 100).toFixed(2)).reduce((sum, str) => sum + BigInt(str.replace('.', '')), 0n);
        expect(BigInt(s.total)).toBe(ref);
      }),
      { numRuns: 100 },
    );
  });
});
