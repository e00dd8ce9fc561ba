import type { CollectiveNominee, IndividualNominee, Initiative, NominationEntry, QuotaTitle, RuleOptions, Title } from '../schemas/nomination';
import { DomainError } from './errors';
import { resolveOptions, ruleSetFor } from './rules';
import * as R from './rules/common';
import { DOC, cite, citeText } from './rules/documents';
import type { Citation, OptionKey, ResolvedRuleOptions, RuleCheck, RuleSetId } from './rules/types';
import { canonicalHash } from './standings';

/**
 * The decision engine (đề xuất xét khen thưởng): every nomination of a campaign decided against the criteria and
 * quotas of the rule set in force on the reference date, each decision explained rule by rule with its citation.
 * Pure: no clock, no I/O, no randomness; the same inputs, in any order, give the same bytes.
 *
 * Order (each tier reads the outcomes of the ones before it):
 *   LĐTT → CSTĐCS (then the CSTĐCS cap) → CSTĐ tỉnh → TTLĐTT → TTLĐXS → Bằng khen → Giấy khen → Cờ thi đua,
 * with a campaign quota applied right after the tier it covers, and nominations of one tier in id order.
 * Bằng khen is decided before Giấy khen so that, for one achievement (Law Art 5.2.c), the higher form is kept.
 */

export const DECIDE_ENGINE_VERSION = 'thidua-decide/1.0.0';

export type DecisionStatus = 'eligible' | 'not-eligible' | 'deferred' | 'over-quota';

export interface DecisionQuota {
  /** The quota's id in `quotas` (e.g. `CSTDCS:cap`, `BANG_KHEN_TINH:individuals`). */
  id: string;
  limit: number;
  /** `council-vote`: the line falls inside a group the tie chain cannot separate; status stays `eligible`. */
  outcome: 'within' | 'council-vote' | 'over';
  unitRank: number | null;
  /** For `council-vote`: seats left for the group, and how many contend for them. */
  seats?: number;
  contenders?: number;
}

export interface Decision {
  nominationId: string;
  title: Title;
  nominee: { kind: 'individual' | 'collective'; unitId: string; name: string; personId?: string };
  status: DecisionStatus;
  checks: RuleCheck[];
  /** One paragraph for the minutes. */
  summary: string;
  /** A quota tie the chain could not separate: the council chooses `quota.seats` among `quota.contenders`. */
  needsCouncilVote?: true;
  quota?: DecisionQuota;
  /** Initiatives this award spends (CV 5007/BNV-TĐKT); released when the decision ends over quota. */
  initiativesUsed?: string[];
  /** Decisions of this campaign this one relied on (a member's LĐTT, this year's CSTĐCS): re-decide if one changes. */
  dependsOn?: string[];
}

export interface QuotaUsage {
  id: string;
  title: Title;
  scope: 'individuals' | 'collectives';
  pct: number;
  base: number;
  baseSource: 'option' | 'ldtt-in-campaign' | 'individuals-nominated' | 'collectives-participating';
  /** floor(pct × base / 100), at least `minimum`. */
  limit: number;
  minimum: number;
  candidates: number;
  confirmed: number;
  councilSeats: number;
  councilContenders: number;
  overQuota: number;
  citation: Citation;
  sentence: string;
}

export interface DecideNominationsInput {
  referenceDate: string;
  campaignYear: number;
  nominations: readonly NominationEntry[];
  /** From the scoring core: rank 1 best; equal ranks are ties the chain could not separate. */
  unitStandings: readonly { unitId: string; rank: number; tie?: unknown }[];
  options: RuleOptions;
  usedInitiatives?: readonly string[];
}

export interface DecideResult {
  ruleSet: RuleSetId;
  engineVersion: string;
  /** sha256 (hex) of the canonical JSON of the inputs, order-insensitive collections sorted. */
  inputHash: string;
  referenceDate: string;
  campaignYear: number;
  legalBasis: string[];
  options: ResolvedRuleOptions;
  optionSources: Record<OptionKey, string>;
  decisions: Decision[];
  quotas: QuotaUsage[];
  /** The full citation of every rule applied, with its note (source, [U] caveat), by ruleId; checks omit the note. */
  rules: Record<string, Citation>;
}

const TIERS: readonly Title[] = ['LDTT', 'CSTDCS', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'BANG_KHEN_TINH', 'GIAY_KHEN', 'CO_THI_DUA_TINH'];
const TIER_INDEX = new Map(TIERS.map((t, i) => [t, i]));
const CANH_CAO_OR_ABOVE = new Set(['canh-cao', 'ha-bac-luong', 'giang-chuc', 'cach-chuc', 'buoc-thoi-viec']);

interface Work {
  entry: NominationEntry;
  /** One nominee across nominations: `p:<person>` or `c:<unit>`. */
  key: string;
  subject: R.Subject;
  rank: number | undefined;
  checks: RuleCheck[];
  take: Initiative[];
  dependsOn: string[];
  decision: Decision;
}

interface Person {
  nominee: IndividualNominee;
  collective: string;
  ldtt?: { status: 'met' | 'deferred' | 'not-met'; by: string };
  cstdcs?: { by: string; pendingVote: boolean };
}

interface Tally {
  nominated: number;
  ldttMet: number;
  ldttBy: string[];
  deferred: number;
  atLeastGood: number;
  khtnv: number;
  canhCaoPlus: number;
  cstdcs: number;
  cstdcsBy: string[];
}

export function personKeyOf(n: IndividualNominee): string {
  return n.personId ?? `${n.unitId}|${n.name.normalize('NFC')}|${n.hireDate}`;
}

const nomineeKey = (e: NominationEntry) => (e.nominee.kind === 'individual' ? `p:${personKeyOf(e.nominee)}` : `c:${e.nominee.unitId}`);

/** What the hash covers: every input, with the collections whose order carries no meaning sorted. */
export function decideInputs(input: DecideNominationsInput): unknown {
  return {
    referenceDate: input.referenceDate,
    campaignYear: input.campaignYear,
    nominations: [...input.nominations].sort((a, b) => R.cmp(a.id, b.id)),
    unitStandings: input.unitStandings
      .map((s) => ({ unitId: s.unitId, rank: s.rank, tie: s.tie !== undefined && s.tie !== false }))
      .sort((a, b) => R.cmp(a.unitId, b.unitId)),
    options: input.options,
    usedInitiatives: [...new Set(input.usedInitiatives ?? [])].sort(R.cmp),
  };
}

export function decideNominations(input: DecideNominationsInput): DecideResult {
  const rs = ruleSetFor(input.referenceDate);
  const { values: opt, sources } = resolveOptions(rs, input.options);
  const env = R.makeEnv(rs, opt, input.campaignYear);
  const year = input.campaignYear;

  const ids = new Set<string>();
  for (const e of input.nominations) {
    if (ids.has(e.id)) throw new DomainError('invalid', `Mã hồ sơ ${e.id} xuất hiện hai lần trong danh sách đề nghị.`);
    ids.add(e.id);
  }
  const ranks = new Map<string, number>();
  for (const s of input.unitStandings) ranks.set(s.unitId, s.rank);

  const ledger: R.InitiativeLedger = new Map((input.usedInitiatives ?? []).map((i) => [i, R.EARLIER_CAMPAIGN]));
  const sorted = [...input.nominations].sort((a, b) => (TIER_INDEX.get(a.title) as number) - (TIER_INDEX.get(b.title) as number) || R.cmp(a.id, b.id));

  // One record per person (the first nomination by id carries the facts used for the collectives' tallies).
  const persons = new Map<string, Person>();
  for (const e of [...input.nominations].sort((a, b) => R.cmp(a.id, b.id))) {
    if (e.nominee.kind !== 'individual') continue;
    const k = personKeyOf(e.nominee);
    if (!persons.has(k)) persons.set(k, { nominee: e.nominee, collective: e.nominee.memberOf ?? e.nominee.unitId });
  }
  const collectivesParticipating = new Set<string>(input.unitStandings.map((s) => s.unitId));
  for (const e of input.nominations) if (e.nominee.kind === 'collective') collectivesParticipating.add(e.nominee.unitId);

  const works: Work[] = sorted.map((entry) => {
    const n = entry.nominee;
    const subject = n.kind === 'individual' ? R.individualSubject(n) : R.collectiveSubject(n);
    const decision: Decision = {
      nominationId: entry.id,
      title: entry.title,
      nominee:
        n.kind === 'individual'
          ? { kind: 'individual', unitId: n.unitId, name: n.name, personId: personKeyOf(n) }
          : { kind: 'collective', unitId: n.unitId, name: n.name ?? n.unitId },
      status: 'eligible',
      checks: [],
      summary: '',
    };
    return { entry, key: nomineeKey(entry), subject, rank: ranks.get(n.unitId), checks: decision.checks, take: [], dependsOn: [], decision };
  });
  const tier = (t: Title) => works.filter((w) => w.entry.title === t);

  const quotas: QuotaUsage[] = [];
  const firstOfAward = new Map<string, Work>();

  /** Status from the checks, spending the initiatives of an eligible award. */
  const finish = (w: Work) => {
    // Law Art 5.2.c: the same nominee proposed twice for the same title or form: the first by id is the one decided.
    const dupKey = `${w.key}|${w.entry.title}`;
    const first = firstOfAward.get(dupKey);
    if (first) w.checks.push(R.oneAchievementRule(env, w.subject, { nominationId: first.entry.id, title: first.entry.title }, false));
    else firstOfAward.set(dupKey, w);

    const hardFail = w.checks.some((c) => !c.passed && c.outcome === undefined);
    const defer = w.checks.some((c) => c.outcome === 'defer');
    w.decision.status = hardFail ? 'not-eligible' : defer ? 'deferred' : 'eligible';
    if (w.decision.status === 'eligible' && w.take.length > 0) {
      for (const i of w.take) ledger.set(i.id, w.entry.id);
      w.decision.initiativesUsed = w.take.map((i) => i.id);
    }
    if (w.dependsOn.length > 0) w.decision.dependsOn = [...new Set(w.dependsOn)].sort(R.cmp);
  };

  const registration = (w: Work) => {
    if (opt.registrationRequired) w.checks.push(R.registrationRule(env, w.subject, w.entry.registered, w.entry.title));
  };

  const ldttOutcome = (checks: RuleCheck[], ldttIds: ReadonlySet<string>): 'met' | 'deferred' | 'not-met' => {
    const relevant = checks.filter((c) => ldttIds.has(c.ruleId) || c.ruleId === 'registration' || c.ruleId.startsWith('discipline'));
    if (relevant.some((c) => !c.passed && c.outcome === undefined)) return 'not-met';
    return relevant.some((c) => c.outcome === 'defer') ? 'deferred' : 'met';
  };
  const noteLdtt = (w: Work, n: IndividualNominee, outcome: 'met' | 'deferred' | 'not-met') => {
    const p = persons.get(personKeyOf(n));
    if (!p) return;
    const rankOf = { met: 2, deferred: 1, 'not-met': 0 } as const;
    if (!p.ldtt || rankOf[outcome] > rankOf[p.ldtt.status]) p.ldtt = { status: outcome, by: w.entry.id };
  };

  // ------------------------------------------------------------------ LĐTT
  for (const w of tier('LDTT')) {
    const n = w.entry.nominee as IndividualNominee;
    registration(w);
    w.checks.push(R.disciplineRule(env, w.subject, n.discipline));
    const ldtt = R.ldttCriteria(env, w.subject, n);
    w.checks.push(...ldtt);
    finish(w);
    noteLdtt(w, n, ldttOutcome(w.checks, new Set(ldtt.map((c) => c.ruleId))));
  }
  applyTitleQuota('LDTT');

  // ------------------------------------------------------------------ CSTĐCS
  const cstdcsWorks = tier('CSTDCS');
  for (const w of cstdcsWorks) {
    const n = w.entry.nominee as IndividualNominee;
    registration(w);
    w.checks.push(R.disciplineRule(env, w.subject, n.discipline));
    const ldtt = R.ldttCriteria(env, w.subject, n);
    w.checks.push(...ldtt, R.cstdcsLdttRule(env, w.subject, ldtt));
    const pool = R.initiativePool(env, n, ledger, 'unit');
    const basis = R.cstdcsBasisRule(env, w.subject, n, pool);
    w.checks.push(basis.check);
    if (basis.take.length > 0 || (!basis.check.passed && pool.used.length > 0)) w.checks.push(R.initiativeOnceRule(env, w.subject, basis.take, pool));
    w.take = basis.take;
    const p = persons.get(personKeyOf(n));
    if (p?.ldtt?.status === 'met' && p.ldtt.by !== w.entry.id) w.dependsOn.push(p.ldtt.by);
    finish(w);
    // Art 23.1: a CSTĐCS nominee meeting the LĐTT criteria counts as LĐTT (for the cap base and member shares).
    noteLdtt(w, n, ldttOutcome(w.checks, new Set(ldtt.map((c) => c.ruleId))));
  }
  if (opt.cstdcsCapPct !== null) {
    const ldttCount = [...persons.values()].filter((p) => p.ldtt?.status === 'met').length;
    const base = opt.ldttCountForCap ?? ldttCount;
    applyQuota(
      {
        id: 'CSTDCS:cap',
        title: 'CSTDCS',
        scope: 'individuals',
        pct: opt.cstdcsCapPct,
        base,
        baseSource: opt.ldttCountForCap !== undefined ? 'option' : 'ldtt-in-campaign',
        minimum: 0,
        citation: rs.cite.cstdcsCap,
        ruleId: 'cstdcs.cap',
      },
      cstdcsWorks.filter((w) => w.decision.status === 'eligible'),
    );
  }
  for (const w of cstdcsWorks) {
    if (w.decision.status !== 'eligible') continue;
    const p = persons.get(personKeyOf(w.entry.nominee as IndividualNominee));
    if (p && !p.cstdcs) p.cstdcs = { by: w.entry.id, pendingVote: w.decision.needsCouncilVote === true };
  }

  // ------------------------------------------------------------------ CSTĐ tỉnh
  for (const w of tier('CSTD_TINH')) {
    const n = w.entry.nominee as IndividualNominee;
    registration(w);
    w.checks.push(R.disciplineRule(env, w.subject, n.discipline));
    const { years, from } = cstdcsYears(n, w);
    w.checks.push(R.cstdTinhChainRule(env, w.subject, years, from, ignoreUpTo(n.discipline)));
    const pool = R.initiativePool(env, n, ledger, 'province');
    const ini = R.cstdTinhInitiativeRule(env, w.subject, pool);
    w.checks.push(ini.check);
    if (ini.take.length > 0 || (!ini.check.passed && pool.used.length > 0)) w.checks.push(R.initiativeOnceRule(env, w.subject, ini.take, pool));
    w.take = ini.take;
    finish(w);
  }
  applyTitleQuota('CSTD_TINH');

  // ------------------------------------------------------------------ collectives: member tallies from this campaign
  const tallies = new Map<string, Tally>();
  for (const p of persons.values()) {
    let t = tallies.get(p.collective);
    if (!t) {
      t = { nominated: 0, ldttMet: 0, ldttBy: [], deferred: 0, atLeastGood: 0, khtnv: 0, canhCaoPlus: 0, cstdcs: 0, cstdcsBy: [] };
      tallies.set(p.collective, t);
    }
    const n = p.nominee;
    // "Nominated here" for the LĐTT share = nominated for LĐTT or CSTĐCS; the others are covered by the declared counts.
    if (p.ldtt) {
      t.nominated++;
      if (p.ldtt.status === 'met') {
        t.ldttMet++;
        t.ldttBy.push(p.ldtt.by);
      } else if (p.ldtt.status === 'deferred') t.deferred++;
      if (n.taskRating === 'HTXSNV' || n.taskRating === 'HTTNV') t.atLeastGood++;
    }
    if (n.taskRating === 'KHTNV') t.khtnv++;
    const d = n.discipline;
    const inYear = d.status === 'in-effect' || (d.status === 'served' && (d.endedOn as string) >= env.periodStart);
    if (inYear && d.level && CANH_CAO_OR_ABOVE.has(d.level)) t.canhCaoPlus++;
    if (p.cstdcs) {
      t.cstdcs++;
      t.cstdcsBy.push(p.cstdcs.by);
    }
  }
  const emptyTally: Tally = { nominated: 0, ldttMet: 0, ldttBy: [], deferred: 0, atLeastGood: 0, khtnv: 0, canhCaoPlus: 0, cstdcs: 0, cstdcsBy: [] };

  const shareOf = (c: CollectiveNominee): { share: R.LdttShare; by: string[] } => {
    const t = tallies.get(c.unitId) ?? emptyTally;
    const notNominated = c.members.total - t.nominated;
    const declared = c.members.ldtt;
    const fromRatings = Math.max(0, c.members.byRating.HTXSNV + c.members.byRating.HTTNV - t.atLeastGood);
    const ldttNotNominated = Math.min(Math.max(0, notNominated), declared ?? fromRatings);
    return {
      share: {
        total: c.members.total,
        ldtt: t.ldttMet + ldttNotNominated,
        nominatedHere: t.nominated,
        ldttFromCampaign: t.ldttMet,
        deferredHere: t.deferred,
        notNominated: Math.max(0, notNominated),
        ldttNotNominated,
        notNominatedSource: declared !== undefined ? 'declared' : 'ratings',
        inconsistent: notNominated < 0,
      },
      by: t.ldttBy,
    };
  };

  // ------------------------------------------------------------------ TTLĐTT
  for (const w of tier('TTLDTT')) {
    const c = w.entry.nominee as CollectiveNominee;
    const t = tallies.get(c.unitId) ?? emptyTally;
    registration(w);
    w.checks.push(R.disciplineRule(env, w.subject, c.discipline), R.ttldttRatingRule(env, w.subject, c.taskRating));
    const { share, by } = shareOf(c);
    w.checks.push(R.ldttShareRule('ttldtt.ldtt-share', rs.cite.ttldttShare, w.subject, share, opt.ttldttLdttShare, 'TTLDTT'));
    w.checks.push(R.membersDisciplineRule('ttldtt.discipline', rs.cite.ttldttDiscipline, w.subject, c.disciplinedMembers.canhCao + c.disciplinedMembers.higher, t.canhCaoPlus, 'TTLDTT'));
    w.dependsOn.push(...by);
    finish(w);
  }
  applyTitleQuota('TTLDTT');

  // ------------------------------------------------------------------ TTLĐXS
  const ttldxsWorks = tier('TTLDXS');
  for (const w of ttldxsWorks) {
    const c = w.entry.nominee as CollectiveNominee;
    const t = tallies.get(c.unitId) ?? emptyTally;
    registration(w);
    w.checks.push(R.disciplineRule(env, w.subject, c.discipline), R.ttldxsRatingRule(env, w.subject, c.taskRating));
    w.checks.push(R.ttldxsAllMembersRule(env, w.subject, c.members.total, c.members.byRating.KHTNV, t.khtnv));
    const { share, by } = shareOf(c);
    // Art 27: at least 70% LĐTT, in both regimes (the old Art 27 had the same figure).
    w.checks.push(R.ldttShareRule('ttldxs.ldtt-share', rs.cite.ttldxsShare, w.subject, share, { pct: 70, inclusive: true }, 'TTLDXS'));
    w.checks.push(R.ttldxsCstdcsRule(env, w.subject, c.members.cstdcs ?? 0, t.cstdcs));
    if (rs.ttldxsDisciplineClause) {
      w.checks.push(R.membersDisciplineRule('ttldxs.discipline', rs.cite.ttldxsDiscipline, w.subject, c.disciplinedMembers.canhCao + c.disciplinedMembers.higher, t.canhCaoPlus, 'TTLDXS'));
    }
    w.dependsOn.push(...by, ...t.cstdcsBy);
    finish(w);
  }
  applyTitleQuota('TTLDXS');
  const ttldxsThisYear = new Map<string, Work>();
  for (const w of ttldxsWorks) if (w.decision.status === 'eligible' && !ttldxsThisYear.has(w.key)) ttldxsThisYear.set(w.key, w);

  // ------------------------------------------------------------------ Bằng khen (before Giấy khen: Art 5.2.c keeps the higher form)
  const bangKhenWorks = tier('BANG_KHEN_TINH');
  for (const w of bangKhenWorks) {
    const n = w.entry.nominee;
    w.checks.push(R.disciplineRule(env, w.subject, n.discipline));
    const grounds = w.entry.grounds ?? 'record';
    if (grounds === 'movement') {
      w.checks.push(R.bangKhenMovementRule(env, w.subject, n.unitId, w.rank));
    } else if (n.kind === 'individual') {
      const { years } = cstdcsYears(n, w);
      const htxs = new Set(n.pastRatings.filter((r) => r.rating === 'HTXSNV').map((r) => r.year));
      if (n.taskRating === 'HTXSNV') htxs.add(year);
      const pool = R.initiativePool(env, n, ledger, 'unit', `${year - 1}-01-01`);
      const rec = R.bangKhenIndividualRecordRule(env, w.subject, years, htxs, pool, ignoreUpTo(n.discipline));
      w.checks.push(rec.check);
      const needed = !rec.check.passed && (rec.check.facts.htxsnvChain as number) >= 2;
      if (rec.take.length > 0 || (needed && pool.used.length > 0)) w.checks.push(R.initiativeOnceRule(env, w.subject, rec.take, pool));
      w.take = rec.take;
    } else {
      const years = new Set<number>([
        ...n.pastRatings.filter((r) => r.rating === 'HTXSNV').map((r) => r.year),
        ...n.pastTitles.filter((t) => t.title === 'TTLDXS').map((t) => t.year),
      ]);
      if (n.taskRating === 'HTXSNV') years.add(year);
      const x = ttldxsThisYear.get(w.key);
      if (x) {
        years.add(year);
        w.dependsOn.push(x.entry.id);
      }
      w.checks.push(R.bangKhenCollectiveRecordRule(env, w.subject, years, ignoreUpTo(n.discipline)));
    }
    finish(w);
  }
  applyTitleQuota('BANG_KHEN_TINH');
  const bangKhenOf = new Map<string, Work>();
  for (const w of bangKhenWorks) if (w.decision.status === 'eligible' && !bangKhenOf.has(w.key)) bangKhenOf.set(w.key, w);

  // ------------------------------------------------------------------ Giấy khen
  for (const w of tier('GIAY_KHEN')) {
    const n = w.entry.nominee;
    w.checks.push(R.disciplineRule(env, w.subject, n.discipline), R.giayKhenRule(env, w.subject, n.taskRating));
    const higher = bangKhenOf.get(w.key);
    if (higher) {
      const pending = higher.decision.needsCouncilVote === true;
      w.checks.push(R.oneAchievementRule(env, w.subject, { nominationId: higher.entry.id, title: higher.entry.title }, pending));
      if (pending) w.dependsOn.push(higher.entry.id);
    }
    finish(w);
  }
  applyTitleQuota('GIAY_KHEN');

  // ------------------------------------------------------------------ Cờ thi đua
  for (const w of tier('CO_THI_DUA_TINH')) {
    const c = w.entry.nominee as CollectiveNominee;
    registration(w);
    w.checks.push(R.disciplineRule(env, w.subject, c.discipline), ...R.coThiDuaRules(env, w.subject, c));
    finish(w);
  }
  applyTitleQuota('CO_THI_DUA_TINH');

  for (const w of works) w.decision.summary = summarise(w);

  // Each check carries its citation (document, article, clause, point, confidence); the notes that explain a
  // citation (its [U] caveat, the provincial text it was read from) are given once per rule in `rules`.
  const rules: Record<string, Citation> = {};
  const slim = new Map<Citation, Citation>();
  for (const w of works) {
    for (const c of w.checks) {
      if (c.citation.note === undefined) continue;
      rules[c.ruleId] ??= c.citation;
      let s = slim.get(c.citation);
      if (!s) {
        const { note: _note, ...rest } = c.citation;
        s = rest;
        slim.set(c.citation, s);
      }
      c.citation = s;
    }
  }
  for (const q of quotas) rules[q.id.startsWith('CSTDCS') ? 'cstdcs.cap' : `quota.${q.title}`] ??= q.citation;

  return {
    ruleSet: rs.id,
    engineVersion: DECIDE_ENGINE_VERSION,
    inputHash: canonicalHash(decideInputs(input)),
    referenceDate: input.referenceDate,
    campaignYear: year,
    legalBasis: [...rs.legalBasis],
    options: opt,
    optionSources: sources,
    decisions: works.map((w) => w.decision),
    quotas,
    rules: Object.fromEntries(Object.entries(rules).sort(([a], [b]) => R.cmp(a, b))),
  };

  // ------------------------------------------------------------------ helpers (closures over the run's state)

  /** Years of CSTĐCS: past titles, plus this year if achieved in this campaign (after the cap) or already recorded. */
  function cstdcsYears(n: IndividualNominee, w: Work): { years: Set<number>; from: string | null } {
    const years = new Set(n.pastTitles.filter((t) => t.title === 'CSTDCS').map((t) => t.year));
    let from: string | null = years.has(year) ? 'record' : null;
    const p = persons.get(personKeyOf(n));
    if (p?.cstdcs) {
      years.add(year);
      from = 'campaign';
      w.dependsOn.push(p.cstdcs.by);
    }
    return { years, from };
  }

  /**
   * NĐ 152/2025 Art 4.4: after a served discipline, past years up to the one it ended in do not count in a chain.
   * This year's own title is judged by the discipline check (the part of the year after it ended).
   */
  function ignoreUpTo(d: IndividualNominee['discipline']): number | undefined {
    return d.status === 'served' && d.endedOn ? Math.min(R.yearOf(d.endedOn), year - 1) : undefined;
  }

  function applyTitleQuota(title: QuotaTitle): void {
    const q = opt.quotas[title];
    if (!q) return;
    const source = cite(q.source ?? DOC.CAMPAIGN, 'V', { note: 'Chỉ tiêu do phong trào thi đua khai báo (RuleOptions.quotas).' });
    const eligible = works.filter((w) => w.entry.title === title && w.decision.status === 'eligible');
    // The same cut for each scope the quota names: its own %, base and candidates.
    const scopes = [
      { scope: 'individuals', kind: 'individual', pct: q.individualsPct, base: q.individualsBase, count: persons.size, defaultSource: 'individuals-nominated' },
      { scope: 'collectives', kind: 'collective', pct: q.collectivesPct, base: q.collectivesBase, count: collectivesParticipating.size, defaultSource: 'collectives-participating' },
    ] as const;
    for (const sc of scopes) {
      if (sc.pct === undefined) continue;
      applyQuota(
        {
          id: `${title}:${sc.scope}`,
          title,
          scope: sc.scope,
          pct: sc.pct,
          base: sc.base ?? sc.count,
          baseSource: sc.base !== undefined ? 'option' : sc.defaultSource,
          minimum: q.minimum ?? 0,
          citation: source,
          ruleId: `quota.${title}`,
        },
        eligible.filter((w) => w.entry.nominee.kind === sc.kind),
      );
    }
  }

  /**
   * Cut a quota: candidates ranked by their unit's standing (better first), then, under vn-2025, by NĐ 152/2025
   * Art 4.6 (women; collectives with ≥ 70% women) inside a rank group the line falls in. A group the chain cannot
   * separate and the line falls inside is never cut: all of it stays eligible with `needsCouncilVote`, holding the
   * seats left; groups after the line are `over-quota`. So confirmed + council seats ≤ limit, always.
   */
  function applyQuota(
    q: Omit<QuotaUsage, 'limit' | 'candidates' | 'confirmed' | 'councilSeats' | 'councilContenders' | 'overQuota' | 'sentence'> & { ruleId: string },
    candidates: Work[],
  ): void {
    const limit = Math.max(q.minimum, Math.floor((q.pct * q.base) / 100));
    const rankOf = (w: Work) => w.rank ?? Number.POSITIVE_INFINITY;
    const ordered = [...candidates].sort((a, b) => rankOf(a) - rankOf(b) || R.cmp(a.entry.id, b.entry.id));
    const groups: Work[][] = [];
    for (const w of ordered) {
      const last = groups[groups.length - 1];
      if (last && rankOf(last[0] as Work) === rankOf(w)) last.push(w);
      else groups.push([w]);
    }
    let remaining = limit;
    let confirmed = 0;
    let councilSeats = 0;
    let councilContenders = 0;
    let over = 0;
    const place = (group: Work[], outcome: DecisionQuota['outcome'], seats?: number) => {
      for (const w of group) {
        const quota: DecisionQuota = { id: q.id, limit, outcome, unitRank: w.rank ?? null };
        if (outcome === 'council-vote') {
          quota.seats = seats as number;
          quota.contenders = group.length;
          w.decision.needsCouncilVote = true;
        }
        if (outcome === 'over') {
          w.decision.status = 'over-quota';
          for (const i of w.take) if (ledger.get(i.id) === w.entry.id) ledger.delete(i.id);
          delete w.decision.initiativesUsed;
        }
        w.decision.quota = quota;
        w.checks.push(quotaCheck(q, limit, w, quota));
      }
      if (outcome === 'within') confirmed += group.length;
      if (outcome === 'over') over += group.length;
      if (outcome === 'council-vote') {
        councilSeats += seats as number;
        councilContenders += group.length;
      }
    };
    const fill = (group: Work[]) => {
      if (group.length <= remaining) {
        place(group, 'within');
        remaining -= group.length;
      } else if (remaining === 0) {
        place(group, 'over');
      } else {
        place(group, 'council-vote', remaining);
        remaining = 0;
      }
    };
    for (const group of groups) {
      const straddles = group.length > remaining && remaining > 0;
      if (straddles && rs.womenTiePreference) {
        const preferred = group.filter(isPreferred);
        const others = group.filter((w) => !isPreferred(w));
        if (preferred.length > 0 && others.length > 0) {
          for (const w of group) w.checks.push(womenCheck(w, isPreferred(w)));
          fill(preferred);
          fill(others);
          continue;
        }
      }
      fill(group);
    }
    const usage: QuotaUsage = {
      id: q.id,
      title: q.title,
      scope: q.scope,
      pct: q.pct,
      base: q.base,
      baseSource: q.baseSource,
      limit,
      minimum: q.minimum,
      candidates: candidates.length,
      confirmed,
      councilSeats,
      councilContenders,
      overQuota: over,
      citation: q.citation,
      sentence: '',
    };
    usage.sentence = quotaSentence(usage);
    quotas.push(usage);
  }

  /** NĐ 152/2025 Art 4.6: a woman; a collective with at least 70% women (integer arithmetic). */
  function isPreferred(w: Work): boolean {
    const n = w.entry.nominee;
    return n.kind === 'individual' ? n.gender === 'female' : n.members.women * 100 >= 70 * n.members.total;
  }

  function womenCheck(w: Work, preferred: boolean): RuleCheck {
    const c = rs.cite.womenPreference;
    const n = w.entry.nominee;
    const facts: Record<string, unknown> =
      n.kind === 'individual' ? { gender: n.gender, preferred } : { women: n.members.women, total: n.members.total, thresholdPct: 70, preferred };
    const who =
      n.kind === 'individual'
        ? preferred
          ? `${w.subject.upper} là cá nhân nữ`
          : `${w.subject.upper} không phải là cá nhân nữ`
        : `${w.subject.upper} có ${n.members.women}/${n.members.total} thành viên là nữ (${R.formatPct(n.members.women, n.members.total)}%)`;
    const sentence = preferred
      ? `${who}, được ưu tiên lựa chọn khi cùng đủ điều kiện, tiêu chuẩn theo ${citeText(c)}.`
      : `${who}, không thuộc diện ưu tiên (cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên) khi cùng đủ điều kiện, tiêu chuẩn theo ${citeText(c)}.`;
    return { ruleId: 'tie.women-preference', citation: c, facts, passed: preferred, sentence };
  }

  function quotaCheck(q: { id: string; pct: number; base: number; baseSource: QuotaUsage['baseSource']; scope: QuotaUsage['scope']; citation: Citation; ruleId: string }, limit: number, w: Work, quota: DecisionQuota): RuleCheck {
    const unitText = w.rank === undefined ? 'đơn vị chưa có kết quả xếp hạng' : `đơn vị xếp hạng thứ ${w.rank}`;
    const noun = q.scope === 'individuals' ? 'cá nhân' : 'tập thể';
    const line = `chỉ tiêu ${limit} ${noun} (${q.pct}% của ${q.base} ${baseText(q.baseSource, q.scope)})`;
    const facts: Record<string, unknown> = { quota: q.id, limit, pct: q.pct, base: q.base, baseSource: q.baseSource, unitRank: w.rank ?? null, outcome: quota.outcome };
    const tail = `theo ${citeText(q.citation)}`;
    if (quota.outcome === 'within') {
      return { ruleId: q.ruleId, citation: q.citation, facts, passed: true, sentence: `${w.subject.upper} (${unitText}) nằm trong ${line} ${tail}.` };
    }
    if (quota.outcome === 'over') {
      return { ruleId: q.ruleId, citation: q.citation, facts, passed: false, sentence: `${w.subject.upper} (${unitText}) nằm ngoài ${line} ${tail}.` };
    }
    return {
      ruleId: q.ruleId,
      citation: q.citation,
      facts: { ...facts, seats: quota.seats, contenders: quota.contenders },
      passed: false,
      outcome: 'council-vote',
      sentence: `${w.subject.upper} (${unitText}) đồng hạng với ${(quota.contenders as number) - 1} trường hợp khác tại vị trí giới hạn ${line}: còn ${quota.seats} suất cho ${quota.contenders} trường hợp, đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn ${tail}.`,
    };
  }
}

function baseText(source: QuotaUsage['baseSource'], scope: QuotaUsage['scope']): string {
  switch (source) {
    case 'ldtt-in-campaign':
      return 'cá nhân đạt danh hiệu “Lao động tiên tiến”';
    case 'individuals-nominated':
      return 'cá nhân được đề nghị trong đợt';
    case 'collectives-participating':
      return 'tập thể tham gia phong trào';
    case 'option':
      return scope === 'individuals' ? 'cá nhân theo số liệu của phong trào' : 'tập thể theo số liệu của phong trào';
  }
}

function quotaSentence(u: QuotaUsage): string {
  const noun = u.scope === 'individuals' ? 'cá nhân' : 'tập thể';
  const parts = [`${u.confirmed} trường hợp trong chỉ tiêu`];
  if (u.councilContenders > 0) parts.push(`${u.councilContenders} trường hợp đồng hạng chờ Hội đồng bỏ phiếu chọn ${u.councilSeats}`);
  if (u.overQuota > 0) parts.push(`${u.overQuota} trường hợp ngoài chỉ tiêu`);
  return `${R.awardPhrase(u.title).replace(/^./u, (c) => c.toUpperCase())}: tối đa ${u.limit} ${noun} (${u.pct}% của ${u.base} ${baseText(u.baseSource, u.scope)}) theo ${citeText(u.citation)}; ${u.candidates} trường hợp đủ tiêu chuẩn: ${parts.join(', ')}.`;
}

function summarise(w: Work): string {
  const d = w.decision;
  const award = R.awardPhrase(d.title);
  switch (d.status) {
    case 'eligible': {
      const base = `${w.subject.upper} đủ điều kiện, tiêu chuẩn, đề nghị xét tặng ${award}.`;
      if (!d.needsCouncilVote || !d.quota) return base;
      return `${base} Trường hợp này đồng hạng tại vị trí giới hạn chỉ tiêu (còn ${d.quota.seats} suất cho ${d.quota.contenders} trường hợp), đề nghị Hội đồng Thi đua - Khen thưởng bỏ phiếu lựa chọn.`;
    }
    case 'not-eligible': {
      const reasons = d.checks.filter((c) => !c.passed && c.outcome === undefined).map((c) => c.sentence);
      return `${w.subject.upper} chưa đủ điều kiện, tiêu chuẩn ${award}. Lý do: ${reasons.join(' ')}`;
    }
    case 'deferred': {
      const reasons = d.checks.filter((c) => c.outcome === 'defer').map((c) => c.sentence);
      return `Chưa xét ${award} đối với ${w.subject.lower}. ${reasons.join(' ')}`;
    }
    case 'over-quota':
      return `${w.subject.upper} đủ điều kiện, tiêu chuẩn ${award} nhưng nằm ngoài chỉ tiêu (${d.quota?.limit ?? 0} trường hợp) theo thứ tự xếp hạng của phong trào thi đua.`;
  }
}
