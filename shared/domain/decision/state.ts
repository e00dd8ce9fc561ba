import type { IndividualNominee, Initiative, NominationEntry, Nominee, Title } from '../../schemas/nomination';
import { DomainError } from '../errors';
import { resolveOptions, ruleSetFor } from '../rules';
import * as R from '../rules/common';
import type { OptionKey, ResolvedRuleOptions, RuleCheck, RuleSet } from '../rules/types';
import { type PastTitleClaim, classifyClaims, indexRecords } from './claims';
import type { Claim, DecideNominationsInput, Decision, QuotaUsage } from './types';

/**
 * The state one run of the decision engine builds up, tier after tier. Each step (a tier, a quota cut, the member
 * tallies) reads what the steps before it left here and adds its own outcomes; nothing else is shared between them.
 */

/** Tiers in the order they are decided: each reads the outcomes of the ones before it. */
export const TIERS: readonly Title[] = ['LDTT', 'CSTDCS', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'BANG_KHEN_TINH', 'GIAY_KHEN', 'CO_THI_DUA_TINH'];
const TIER_INDEX = new Map(TIERS.map((t, i) => [t, i]));

/** One nomination being decided. */
export interface Work {
  entry: NominationEntry;
  /** One nominee across nominations: `p:<person>` or `c:<unit>`. */
  key: string;
  subject: R.Subject;
  /** The nominee's unit's rank in the campaign's standings (1 best); undefined when the unit is not ranked. */
  rank: number | undefined;
  /** The same array as `decision.checks`: rules append to it in the order the minutes read them. */
  checks: RuleCheck[];
  /** Initiatives this award would spend if it ends eligible (CV 5007/BNV-TĐKT). */
  take: Initiative[];
  /** Nominations of this campaign the outcome relied on. */
  dependsOn: string[];
  /** The past titles the rules count: the declared ones, less those the records contradict (issue 13). */
  pastTitles: readonly PastTitleClaim[];
  /** Every declared past title checked against the records; undefined when the engine was given none. */
  claims?: Claim[];
  /** The past titles the rules read (pastYears): the claims the decision shows. */
  read: Set<Title>;
  decision: Decision;
}

/** One person across their nominations: the facts the collectives' tallies read, and what this campaign gave them. */
export interface Person {
  /** The nominee of the person's first nomination by id. */
  nominee: IndividualNominee;
  /** The collective the person counts in: `memberOf`, else the unit. */
  collective: string;
  /** The best LĐTT outcome among their LĐTT and CSTĐCS nominations (Art 23.1: CSTĐCS implies LĐTT), and which. */
  ldtt?: { status: 'met' | 'deferred' | 'not-met'; by: string };
  /** Their first CSTĐCS still eligible after the cap (possibly waiting for the council's choice at the line). */
  cstdcs?: { by: string };
}

/** A collective's members as this campaign decided them (declared counts cover the members not nominated). */
export interface Tally {
  /** Members nominated for LĐTT or CSTĐCS here. */
  nominated: number;
  ldttMet: number;
  ldttBy: string[];
  deferred: number;
  /** Nominated members rated HTTNV or better: they are not among the "not nominated" of the declared ratings. */
  atLeastGood: number;
  khtnv: number;
  /** Members disciplined at cảnh cáo or above during the year. */
  canhCaoPlus: number;
  cstdcs: number;
  cstdcsBy: string[];
}

export interface DecideState {
  /** The rule set in force on the reference date. */
  rs: RuleSet;
  /** The campaign's options over the rule set's defaults, and where each came from. */
  opt: ResolvedRuleOptions;
  sources: Record<OptionKey, string>;
  /** What every rule reads besides the nominee. */
  env: R.Env;
  /** The assessment year (năm xét). */
  year: number;
  /** Every nomination, in tier order then id: the order of the decisions in the result. */
  works: Work[];
  /** Initiative id → the nomination spending it, or `earlier-campaign` (CV 5007/BNV-TĐKT). */
  ledger: R.InitiativeLedger;
  /** By person key (personKeyOf). */
  persons: Map<string, Person>;
  /** Units in the standings plus every collective nominated: the default base of a collectives' quota. */
  collectivesParticipating: Set<string>;
  /** `<nominee key>|<title>` → its first nomination (Law Art 5.2.c: one of two identical proposals is decided). */
  firstOfAward: Map<string, Work>;
  /** Quota usages in the order they were cut. */
  quotas: QuotaUsage[];
  /** By collective unit id, once the individual tiers are decided (tallyMembers). */
  tallies: Map<string, Tally>;
  /** Collectives eligible for TTLĐXS this year, by nominee key: a year of the Bằng khen chain. */
  ttldxsThisYear: Map<string, Work>;
  /** The eligible Bằng khen of each nominee: Giấy khen for the same achievement yields to it (Art 5.2.c). */
  bangKhenOf: Map<string, Work>;
}

export function personKeyOf(n: IndividualNominee): string {
  return n.personId ?? `${n.unitId}|${n.name.normalize('NFC')}|${n.hireDate}`;
}

/** One nominee across nominations, and the key of their achievement records (claims.ts `recordSubjectKey`). */
export const subjectKeyOf = (n: Nominee): string => (n.kind === 'individual' ? `p:${personKeyOf(n)}` : `c:${n.unitId}`);

/** The state before any tier is decided; refuses a list where one nomination id appears twice. */
export function initialState(input: DecideNominationsInput): DecideState {
  const rs = ruleSetFor(input.referenceDate);
  const { values: opt, sources } = resolveOptions(rs, input.options);
  const env = R.makeEnv(rs, opt, input.campaignYear);

  const ids = new Set<string>();
  for (const e of input.nominations) {
    if (ids.has(e.id)) throw new DomainError('invalid', `Mã hồ sơ ${e.id} xuất hiện hai lần trong danh sách đề nghị.`);
    ids.add(e.id);
  }
  const ranks = new Map<string, number>();
  for (const s of input.unitStandings) ranks.set(s.unitId, s.rank);

  const ledger: R.InitiativeLedger = new Map((input.usedInitiatives ?? []).map((i) => [i, R.EARLIER_CAMPAIGN]));
  const index = input.records ? indexRecords(input.records) : undefined;
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
      nominee: n.kind === 'individual' ? { kind: 'individual', unitId: n.unitId, name: n.name, personId: personKeyOf(n) } : { kind: 'collective', unitId: n.unitId, name: n.name ?? n.unitId },
      // Stryker disable next-line StringLiteral: equivalent, every nomination's tier sets its status (finish) and the last step its summary
      status: 'eligible',
      checks: [],
      // Stryker disable next-line StringLiteral: equivalent, as above
      summary: '',
    };
    const key = subjectKeyOf(n);
    const work: Work = { entry, key, subject, rank: ranks.get(n.unitId), checks: decision.checks, take: [], dependsOn: [], pastTitles: n.pastTitles, read: new Set(), decision };
    if (index) {
      const { claims, accepted } = classifyClaims(index, key, subject, n.pastTitles);
      work.claims = claims;
      work.pastTitles = accepted;
    }
    return work;
  });

  return {
    rs,
    opt,
    sources,
    env,
    year: input.campaignYear,
    works,
    ledger,
    persons,
    collectivesParticipating,
    firstOfAward: new Map(),
    quotas: [],
    tallies: new Map(),
    ttldxsThisYear: new Map(),
    bangKhenOf: new Map(),
  };
}

/** Every individual nominee has a person record (initialState). */
export const personOf = (s: DecideState, n: IndividualNominee): Person => s.persons.get(personKeyOf(n)) as Person;

/** How a sentence names the award of this campaign that spent an initiative: its title and nominee, never its id (issue 11). */
export function awardOf(s: DecideState, nominationId: string): string {
  const w = s.works.find((x) => x.entry.id === nominationId);
  return w ? `đã dùng làm căn cứ đề nghị ${R.awardPhrase(w.entry.title)} của ${w.subject.lower} trong đợt này` : 'đã dùng cho một đề nghị khác trong đợt này';
}

/** The nominations of one tier, in id order. */
export const worksOf = (s: DecideState, title: Title): Work[] => s.works.filter((w) => w.entry.title === title);

/** Status from the checks, spending the initiatives of an eligible award. */
export function finish(s: DecideState, w: Work): void {
  // Law Art 5.2.c: the same nominee proposed twice for the same title or form: the first by id is the one decided.
  const dupKey = `${w.key}|${w.entry.title}`;
  const first = s.firstOfAward.get(dupKey);
  if (first) w.checks.push(R.oneAchievementRule(s.env, w.subject, { nominationId: first.entry.id, title: first.entry.title }, false));
  else s.firstOfAward.set(dupKey, w);

  const hardFail = w.checks.some((c) => !c.passed && c.outcome === undefined);
  const defer = w.checks.some((c) => c.outcome === 'defer');
  w.decision.status = hardFail ? 'not-eligible' : defer ? 'deferred' : 'eligible';
  if (w.decision.status === 'eligible' && w.take.length > 0) {
    for (const i of w.take) s.ledger.set(i.id, w.entry.id);
    w.decision.initiativesUsed = w.take.map((i) => i.id);
  }
  if (w.dependsOn.length > 0) w.decision.dependsOn = [...new Set(w.dependsOn)].sort(R.cmp);
}

/** §1.4 [U]: the registration check, when the campaign requires registration. */
export function registration(s: DecideState, w: Work): void {
  if (s.opt.registrationRequired) w.checks.push(R.registrationRule(s.env, w.subject, w.entry.registered, w.entry.title));
}

/** NĐ 152/2025 Art 4.4: after a served discipline, past years up to the one it ended in do not count in a chain.
 * This year's own title is judged by the discipline check (the part of the year after it ended). */
export function ignoreUpTo(s: DecideState, d: IndividualNominee['discipline']): number | undefined {
  // The schema (Discipline) gives endedOn exactly when the discipline is served.
  return d.endedOn && s.opt.disciplinePrinciple ? Math.min(R.yearOf(d.endedOn), s.year - 1) : undefined;
}

/** The years of a past title the rules count (a contradicted claim is not among them), noting that the rules read it. */
export function pastYears(w: Work, title: Title): Set<number> {
  w.read.add(title);
  return new Set(w.pastTitles.filter((t) => t.title === title).map((t) => t.year));
}

/** Years of CSTĐCS: past titles, plus this year if achieved in this campaign (after the cap) or already recorded. */
export function cstdcsYears(s: DecideState, n: IndividualNominee, w: Work): { years: Set<number>; from: string | null } {
  const years = pastYears(w, 'CSTDCS');
  let from: string | null = years.has(s.year) ? 'record' : null;
  const p = personOf(s, n);
  if (p.cstdcs) {
    years.add(s.year);
    from = 'campaign';
    w.dependsOn.push(p.cstdcs.by);
  }
  return { years, from };
}
