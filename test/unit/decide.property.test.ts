import fc from 'fast-check';
import { decideNominations, type DecideResult } from '../../shared/domain/decide';
import { COLLECTIVE_TITLES, DecideInput, INDIVIDUAL_TITLES } from '../../shared/schemas/nomination';

/**
 * Properties of the decision engine over random campaigns:
 *  - no quota is ever exceeded: confirmed + council seats ≤ limit, and the quota is filled in standing order;
 *  - an initiative backs at most one award (CV 5007/BNV-TĐKT), never one used in an earlier campaign;
 *  - deciding twice gives the same bytes, and the input is not mutated;
 *  - shuffling the nominations and standings gives the same bytes (hence the same decisions by id).
 */

const UNITS = ['U0', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'];
const PEOPLE = Array.from({ length: 14 }, (_, i) => `p${i}`);
const INITIATIVES = ['S0', 'S1', 'S2', 'S3', 'S4', 'S5'];
const DATES = ['2010-01-01', '2022-06-30', '2023-05-01', '2023-07-02', '2023-12-31', '2024-03-31', '2024-07-01', '2025-01-15', '2025-07-01', '2025-09-30'];
const REFS = [
  ['2023-12-10', 2023],
  ['2024-01-15', 2023],
  ['2024-12-10', 2024],
  ['2025-06-30', 2025],
  ['2025-12-10', 2025],
] as const;

const level = fc.constantFrom('khien-trach', 'canh-cao', 'ha-bac-luong', 'giang-chuc', 'cach-chuc', 'buoc-thoi-viec');
const rating = fc.oneof(
  { weight: 4, arbitrary: fc.constant('HTXSNV' as const) },
  { weight: 4, arbitrary: fc.constant('HTTNV' as const) },
  { weight: 1, arbitrary: fc.constantFrom('HTNV' as const, 'KHTNV' as const) },
);
const year = fc.integer({ min: 2019, max: 2025 });

const discipline = fc.oneof(
  { weight: 16, arbitrary: fc.constant({ status: 'none' as const }) },
  { weight: 1, arbitrary: fc.constant({ status: 'pending' as const }) },
  { weight: 1, arbitrary: level.map((l) => ({ status: 'in-effect' as const, level: l })) },
  { weight: 2, arbitrary: fc.record({ level, endedOn: fc.constantFrom(...DATES) }).map((d) => ({ status: 'served' as const, ...d })) },
);

const individual = fc.record({
  personId: fc.constantFrom(...PEOPLE),
  gender: fc.constantFrom('female', 'male'),
  unitId: fc.constantFrom(...UNITS),
  memberOf: fc.option(fc.constantFrom(...UNITS), { nil: undefined }),
  hireDate: fc.oneof({ weight: 4, arbitrary: fc.constant('2010-01-01') }, { weight: 1, arbitrary: fc.constantFrom(...DATES) }),
  taskRating: rating,
  discipline,
  initiatives: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom(...INITIATIVES),
      recognisedBy: fc.constantFrom('unit', 'province', 'national'),
      recognisedOn: fc.constantFrom(...DATES),
      kind: fc.constantFrom('initiative', 'research'),
    }).map((i) => ({ ...i, title: `Sáng kiến ${i.id}` })),
    { maxLength: 3, selector: (i) => i.id },
  ),
  pastTitles: fc.array(fc.record({ year, title: fc.constantFrom('CSTDCS', 'LDTT', 'TTLDXS') }), { maxLength: 4 }),
  pastRatings: fc.array(fc.record({ year, rating }), { maxLength: 3 }),
});

const collective = fc
  .record({
    unitId: fc.constantFrom(...UNITS),
    taskRating: rating,
    byRating: fc.tuple(fc.nat(6), fc.nat(6), fc.nat(3), fc.nat(1)),
    womenShare: fc.integer({ min: 0, max: 100 }),
    ldtt: fc.option(fc.nat(20), { nil: undefined }),
    cstdcs: fc.option(fc.nat(2), { nil: undefined }),
    canhCao: fc.nat(1),
    discipline,
    pastTitles: fc.array(fc.record({ year, title: fc.constantFrom('TTLDXS', 'TTLDTT') }), { maxLength: 3 }),
    pastRatings: fc.array(fc.record({ year, rating }), { maxLength: 3 }),
    ledCluster: fc.boolean(),
    exceededTargets: fc.boolean(),
  })
  .map((c) => {
    const [a, b, d, e] = c.byRating;
    const total = Math.max(1, a + b + d + e);
    const byRating = { HTXSNV: a + (total - (a + b + d + e)), HTTNV: b, HTNV: d, KHTNV: e };
    return {
      kind: 'collective' as const,
      unitId: c.unitId,
      name: `Phòng ${c.unitId}`,
      taskRating: c.taskRating,
      members: {
        total,
        byRating,
        women: Math.floor((c.womenShare * total) / 100),
        ...(c.ldtt !== undefined ? { ldtt: Math.min(c.ldtt, total) } : {}),
        ...(c.cstdcs !== undefined ? { cstdcs: Math.min(c.cstdcs, total) } : {}),
      },
      disciplinedMembers: { khienTrach: 0, canhCao: Math.min(c.canhCao, total), higher: 0 },
      discipline: c.discipline,
      pastTitles: c.pastTitles,
      pastRatings: c.pastRatings,
      ledCluster: c.ledCluster,
      exceededTargets: c.exceededTargets,
    };
  });

const nomination = fc.oneof(
  { weight: 3, arbitrary: fc.record({ nominee: individual.map((p) => ({ kind: 'individual' as const, name: `Cán bộ ${p.personId}`, ...p })), title: fc.constantFrom(...INDIVIDUAL_TITLES) }) },
  { weight: 1, arbitrary: fc.record({ nominee: collective, title: fc.constantFrom(...COLLECTIVE_TITLES) }) },
);

const quota = fc.record(
  {
    individualsPct: fc.integer({ min: 0, max: 40 }),
    collectivesPct: fc.integer({ min: 0, max: 40 }),
    individualsBase: fc.nat(30),
    collectivesBase: fc.nat(12),
    minimum: fc.nat(2),
  },
  { requiredKeys: ['individualsPct', 'collectivesPct'] },
);

const campaign = fc
  .record({
    ref: fc.constantFrom(...REFS),
    nominations: fc.array(
      fc.record({ n: nomination, registered: fc.nat(9).map((x) => x > 0), grounds: fc.option(fc.constantFrom('record', 'movement', 'movement'), { nil: undefined }) }),
      { maxLength: 45, size: 'large' },
    ),
    scores: fc.array(fc.record({ unitId: fc.constantFrom(...UNITS), score: fc.nat(2) }), { maxLength: 10, size: 'large' }),
    cap: fc.option(fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }), { nil: undefined }),
    registrationRequired: fc.option(fc.boolean(), { nil: undefined }),
    quotas: fc.record({ BANG_KHEN_TINH: quota, GIAY_KHEN: quota, LDTT: quota, TTLDTT: quota, TTLDXS: quota }, { requiredKeys: [] }),
    used: fc.subarray(INITIATIVES, { maxLength: 2 }),
  })
  .map((c) => {
    // Standard competition ranking of the sampled scores (1, 2, 2, 4): equal scores are ties.
    const scores = new Map<string, number>();
    for (const s of c.scores) scores.set(s.unitId, s.score);
    const units = [...scores.entries()];
    const unitStandings = units.map(([unitId, score]) => {
      const better = units.filter(([, s]) => s > score).length;
      const tied = units.filter(([, s]) => s === score).length > 1;
      return { unitId, rank: better + 1, ...(tied ? { tie: true } : {}) };
    });
    return DecideInput.parse({
      referenceDate: c.ref[0],
      campaignYear: c.ref[1],
      nominations: c.nominations.map((x, i) => ({
        id: `n${String(i).padStart(3, '0')}`,
        title: x.n.title,
        nominee: x.n.nominee,
        achievementSummary: 'Thành tích trong năm.',
        registered: x.registered,
        ...(x.n.title === 'BANG_KHEN_TINH' && x.grounds ? { grounds: x.grounds } : {}),
      })),
      unitStandings,
      options: {
        ...(c.cap !== undefined ? { cstdcsCapPct: c.cap } : {}),
        ...(c.registrationRequired !== undefined ? { registrationRequired: c.registrationRequired } : {}),
        quotas: c.quotas,
      },
      usedInitiatives: c.used,
    });
  });

const decide = (input: DecideInput): DecideResult => decideNominations(input);

/** A deterministic shuffle (the engine must not care about order). */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const RUNS = { numRuns: 150 };

describe('decideNominations: properties', () => {
  it('never exceeds a quota, and fills it in standing order', () => {
    fc.assert(
      fc.property(campaign, (input) => {
        const res = decide(input);
        for (const q of res.quotas) {
          const mine = res.decisions.filter((d) => d.quota?.id === q.id);
          const within = mine.filter((d) => d.quota?.outcome === 'within');
          const council = mine.filter((d) => d.quota?.outcome === 'council-vote');
          const over = mine.filter((d) => d.quota?.outcome === 'over');
          const seats = new Set(council.map((d) => d.quota?.seats));
          expect(seats.size).toBeLessThanOrEqual(1);
          const councilSeats = council.length > 0 ? (council[0]!.quota!.seats as number) : 0;
          expect(councilSeats).toBeLessThan(council.length || 1);
          expect(within.length + councilSeats).toBeLessThanOrEqual(q.limit);
          expect(within.length + councilSeats).toBe(Math.min(q.limit, q.candidates));
          expect([within.length, councilSeats, council.length, over.length]).toEqual([q.confirmed, q.councilSeats, q.councilContenders, q.overQuota]);
          for (const d of within) expect(d.status).toBe('eligible');
          for (const d of council) expect([d.status, d.needsCouncilVote]).toEqual(['eligible', true]);
          for (const d of over) expect(d.status).toBe('over-quota');
          const rank = (r: number | null | undefined) => (r === null || r === undefined ? Number.POSITIVE_INFINITY : r);
          const worstIn = Math.max(-1, ...[...within, ...council].map((d) => rank(d.quota?.unitRank)));
          const bestOut = Math.min(Number.POSITIVE_INFINITY, ...over.map((d) => rank(d.quota?.unitRank)));
          expect(worstIn).toBeLessThanOrEqual(bestOut);
        }
        // A tied group at the line is never cut silently: over-quota only ever follows a filled quota.
        for (const d of res.decisions) if (d.status === 'over-quota') expect(d.quota?.outcome).toBe('over');
      }),
      RUNS,
    );
  });

  it('spends each initiative at most once, never one used in an earlier campaign', () => {
    fc.assert(
      fc.property(campaign, (input) => {
        const res = decide(input);
        const spent = res.decisions.filter((d) => d.status === 'eligible').flatMap((d) => d.initiativesUsed ?? []);
        expect(new Set(spent).size).toBe(spent.length);
        for (const id of spent) expect(input.usedInitiatives).not.toContain(id);
        for (const d of res.decisions) if (d.status !== 'eligible') expect(d.initiativesUsed).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('explains every decision consistently with its checks', () => {
    fc.assert(
      fc.property(campaign, (input) => {
        for (const d of decide(input).decisions) {
          expect(d.checks.length).toBeGreaterThan(0);
          const hard = d.checks.filter((c) => !c.passed && c.outcome === undefined && !c.ruleId.startsWith('quota.') && c.ruleId !== 'cstdcs.cap' && c.ruleId !== 'tie.women-preference');
          if (d.status === 'not-eligible') expect(hard.length).toBeGreaterThan(0);
          else expect(hard).toEqual([]);
          if (d.status === 'deferred') expect(d.checks.some((c) => c.outcome === 'defer')).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('gives the same bytes when run twice, and leaves its input untouched', () => {
    fc.assert(
      fc.property(campaign, (input) => {
        const before = JSON.stringify(input);
        const a = JSON.stringify(decide(input));
        const b = JSON.stringify(decide(input));
        expect(a).toBe(b);
        expect(JSON.stringify(input)).toBe(before);
      }),
      RUNS,
    );
  });

  it('gives the same bytes whatever the order of nominations and standings', () => {
    fc.assert(
      fc.property(campaign, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (input, seed) => {
        const a = decide(input);
        const b = decide({ ...input, nominations: shuffled(input.nominations, seed), unitStandings: shuffled(input.unitStandings, seed + 1), usedInitiatives: shuffled(input.usedInitiatives, seed + 2) });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        const byId = (r: DecideResult) => Object.fromEntries(r.decisions.map((d) => [d.nominationId, d.status]));
        expect(byId(b)).toEqual(byId(a));
      }),
      RUNS,
    );
  });
});
