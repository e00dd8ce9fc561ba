import { performance } from 'node:perf_hooks';
import { decideNominations, type DecideNominationsInput } from '../shared/domain/decide';
import { DecideInput, type IndividualNominee, type Initiative, type NominationEntry, type TaskRating } from '../shared/schemas/nomination';
import { formatRuns, gcFunction, heapMb, mb, measureRuns, peakRssBytes, prng } from './measure';

/**
 * The decision engine at scale: 100,000 nominations across 5,000 units (seeded PRNG, the same campaign on every
 * machine), decided under vn-2025 with a Bằng khen quota (10% of collectives, 5% of a declared 20,000 individuals) and a 15% CSTĐCS
 * cap so the quota cuts run too. Reports the median of 3 runs, the heap the result holds, the process's peak RSS,
 * and, once, what parsing the same input with zod at the edge costs. A script, not a test: nothing asserts a duration.
 */

/** About 20% HTXSNV, 70% HTTNV, 8% HTNV, 2% KHTNV. */
const RATINGS: TaskRating[] = [...Array<TaskRating>(10).fill('HTXSNV'), ...Array<TaskRating>(35).fill('HTTNV'), ...Array<TaskRating>(4).fill('HTNV'), 'KHTNV'];
const YEAR = 2025;

export function syntheticCampaign(nominations = 100_000, units = 5_000, seed = 2025): DecideNominationsInput {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const unitId = (u: number) => `DV-${String(u).padStart(5, '0')}`;

  // Standings: a random score per unit, standard competition ranking (equal scores share a rank: ties).
  const scores = Array.from({ length: units }, (_, u) => ({ unitId: unitId(u), score: Math.floor(rnd() * 300) })); // about 17 units per score: ties at the quota lines
  const ordered = [...scores].sort((a, b) => b.score - a.score);
  const unitStandings = ordered.map((s, i) => {
    let first = i;
    while (first > 0 && ordered[first - 1]!.score === s.score) first--;
    const tie = (i > 0 && ordered[i - 1]!.score === s.score) || (i + 1 < ordered.length && ordered[i + 1]!.score === s.score);
    return { unitId: s.unitId, rank: first + 1, ...(tie ? { tie: true } : {}) };
  });

  const out: NominationEntry[] = [];
  let seq = 0;
  const id = () => `N${String(seq++).padStart(7, '0')}`;
  const people: IndividualNominee[] = [];
  const personFor = (u: number, k: number): IndividualNominee => {
    const initiatives: Initiative[] = [];
    const count = rnd() < 0.4 ? 1 + Math.floor(rnd() * 2) : 0;
    for (let i = 0; i < count; i++) {
      // A few initiative ids are shared inside a unit (co-authors), so CV 5007 conflicts happen.
      const iid = rnd() < 0.1 ? `SK-${u}-shared` : `SK-${u}-${k}-${i}`;
      initiatives.push({
        id: iid,
        title: `Sáng kiến cải tiến quy trình số ${k}-${i}`,
        recognisedBy: rnd() < 0.8 ? 'unit' : 'province',
        recognisedOn: `${YEAR - Math.floor(rnd() * 2)}-0${1 + Math.floor(rnd() * 9)}-15`,
        kind: rnd() < 0.8 ? 'initiative' : 'research',
      });
    }
    const pastTitles = [YEAR - 3, YEAR - 2, YEAR - 1].filter(() => rnd() < 0.5).map((y) => ({ year: y, title: 'CSTDCS' as const }));
    const r = rnd();
    const discipline: IndividualNominee['discipline'] =
      r < 0.97
        ? { status: 'none' }
        : r < 0.98
          ? { status: 'pending' }
          : r < 0.99
            ? { status: 'in-effect', level: 'khien-trach' }
            : { status: 'served', level: 'khien-trach', endedOn: `${YEAR - 1}-06-30` };
    return {
      kind: 'individual',
      personId: `${unitId(u)}-${k}`,
      name: `Nguyễn Văn ${k} ${u}`,
      gender: rnd() < 0.5 ? 'female' : 'male',
      unitId: unitId(u),
      hireDate: rnd() < 0.95 ? `20${10 + Math.floor(rnd() * 14)}-03-01` : `${YEAR}-0${6 + Math.floor(rnd() * 4)}-01`,
      taskRating: pick(RATINGS),
      discipline,
      initiatives,
      pastTitles,
      pastRatings: rnd() < 0.3 ? [{ year: YEAR - 1, rating: 'HTXSNV' }] : [],
    };
  };
  const entry = (nominee: NominationEntry['nominee'], title: NominationEntry['title'], extra: Partial<NominationEntry> = {}): NominationEntry => ({
    id: id(),
    title,
    nominee,
    achievementSummary: 'Hoàn thành tốt nhiệm vụ được giao; tích cực tham gia phong trào thi đua.',
    registered: rnd() < 0.97,
    ...extra,
  });

  const perUnit = Math.floor(nominations / units);
  for (let u = 0; u < units && out.length < nominations; u++) {
    const staff = 12 + Math.floor(rnd() * 8);
    const unitPeople = Array.from({ length: staff }, (_, k) => personFor(u, k));
    people.push(...unitPeople);
    const byRating = { HTXSNV: 0, HTTNV: 0, HTNV: 0, KHTNV: 0 };
    for (const p of unitPeople) byRating[p.taskRating]++;
    const collective: NominationEntry['nominee'] = {
      kind: 'collective',
      unitId: unitId(u),
      name: `Phòng chuyên môn ${u}`,
      taskRating: pick(RATINGS),
      members: { total: staff, byRating, women: Math.floor(rnd() * (staff + 1)) },
      disciplinedMembers: { khienTrach: 0, canhCao: rnd() < 0.05 ? 1 : 0, higher: 0 },
      discipline: { status: 'none' },
      pastTitles: rnd() < 0.3 ? [{ year: YEAR - 1, title: 'TTLDXS' }] : [],
      pastRatings: [],
      ledCluster: rnd() < 0.05,
      exceededTargets: rnd() < 0.5,
    };
    const budget = Math.min(perUnit, nominations - out.length);
    const list: NominationEntry[] = [];
    // Everyone for LĐTT, the collective for TTLĐTT, then the higher titles and forms from the same people.
    for (const p of unitPeople) list.push(entry(p, 'LDTT'));
    list.push(entry(collective, 'TTLDTT'));
    const higher: [NominationEntry['title'], () => NominationEntry][] = [
      ['CSTDCS', () => entry(pick(unitPeople), 'CSTDCS')],
      ['CSTDCS', () => entry(pick(unitPeople), 'CSTDCS')],
      ['TTLDXS', () => entry(collective, 'TTLDXS')],
      ['BANG_KHEN_TINH', () => entry(pick(unitPeople), 'BANG_KHEN_TINH', { grounds: rnd() < 0.5 ? 'movement' : 'record' })],
      ['GIAY_KHEN', () => entry(pick(unitPeople), 'GIAY_KHEN')],
      ['CSTD_TINH', () => entry(pick(unitPeople), 'CSTD_TINH')],
      ['BANG_KHEN_TINH', () => entry(collective, 'BANG_KHEN_TINH', { grounds: 'movement' })],
      ['CO_THI_DUA_TINH', () => entry(collective, 'CO_THI_DUA_TINH')],
    ];
    for (let k = 0; list.length < budget; k++) list.push(higher[k % higher.length]![1]());
    out.push(...list.slice(0, budget));
  }
  return {
    referenceDate: `${YEAR}-12-10`,
    campaignYear: YEAR,
    nominations: out,
    unitStandings,
    options: {
      cstdcsCapPct: 15,
      quotas: {
        BANG_KHEN_TINH: { collectivesPct: 10, individualsPct: 5, individualsBase: 20_000, minimum: 0, source: 'Kế hoạch phong trào (ví dụ Cần Thơ QĐ 10/2024/QĐ-UBND Điều 9 khoản 2 điểm a)' },
      },
    },
    usedInitiatives: Array.from({ length: 500 }, (_, i) => `SK-${i}-0-0`),
  };
}

export interface DecideBenchRow {
  nominations: number;
  units: number;
  'median ms': number;
  'runs ms': string;
  'nominations / s': number;
  'result heap MB': number | string;
  'result JSON MB': number;
  'zod parse ms (once)': number;
  'peak RSS MB': number;
  statuses: string;
  quotas: string;
}

export async function decideBench(nominations = 100_000, units = 5_000): Promise<DecideBenchRow> {
  const input = syntheticCampaign(nominations, units);
  const gc = gcFunction();

  const p0 = performance.now();
  DecideInput.parse(input);
  const parseMs = performance.now() - p0;

  decideNominations({ ...input, nominations: input.nominations.slice(0, 2_000) }); // warm-up: JIT
  const {
    runs,
    median,
    heap,
    last: result,
  } = await measureRuns(
    () => decideNominations(input),
    (r) => {
      if (r.decisions.length !== input.nominations.length) throw new Error('lost decisions');
    },
    gc,
  );
  const peakRss = peakRssBytes(); // before serialising the result, which the measure excludes
  const statuses = new Map<string, number>();
  for (const d of result.decisions) {
    const k = d.needsCouncilVote ? 'council-vote' : d.status;
    statuses.set(k, (statuses.get(k) ?? 0) + 1);
  }
  return {
    nominations: input.nominations.length,
    units,
    'median ms': Math.round(median),
    'runs ms': formatRuns(runs),
    'nominations / s': Math.round(input.nominations.length / (median / 1000)),
    'result heap MB': heapMb(heap),
    'result JSON MB': mb(Buffer.byteLength(JSON.stringify(result))),
    'zod parse ms (once)': Math.round(parseMs),
    'peak RSS MB': mb(peakRss),
    statuses: [...statuses.entries()]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    quotas: result.quotas.map((q) => `${q.id}: ${q.confirmed}+${q.councilSeats}/${q.limit} (over ${q.overQuota})`).join('; '),
  };
}

if (typeof require !== 'undefined' && require.main === module) {
  decideBench()
    .then((row) => {
      console.log('# decide: decideNominations, 100,000 nominations across 5,000 units, vn-2025, median of 3 runs (peak RSS is the process’s, cumulative)');
      console.table(Object.entries(row).map(([measure, value]) => ({ measure, value })));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
