import type { CollectiveNominee, Discipline, DisciplineLevel, IndividualNominee, Initiative, TaskRating, Title } from '../../schemas/nomination';
import { taskRatingLabel } from '../../schemas/ratings';
import { formatShortDate } from '../vn-date';
import { citeText } from './documents';
import type { Citation, ResolvedRuleOptions, RuleCheck, RuleSet } from './types';

/**
 * Rule functions shared by the three rule sets. Each is pure: it reads facts, returns one RuleCheck with the rule
 * set's citation and a sentence a clerk can paste into the minutes. What differs between rule sets is data
 * (citations, thresholds, flags) in vn-2017.ts, vn-2024.ts and vn-2025.ts.
 */

// ---------------------------------------------------------------- labels

/** The scoring core's labels (shared/schemas/ratings.ts): one wording of the four levels. */
export const RATING_LABEL = taskRatingLabel;

export const TITLE_LABEL: Record<Title, string> = {
  LDTT: 'Lao động tiên tiến',
  CSTDCS: 'Chiến sĩ thi đua cơ sở',
  CSTD_TINH: 'Chiến sĩ thi đua cấp tỉnh',
  TTLDTT: 'Tập thể lao động tiên tiến',
  TTLDXS: 'Tập thể lao động xuất sắc',
  GIAY_KHEN: 'Giấy khen',
  BANG_KHEN_TINH: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
  CO_THI_DUA_TINH: 'Cờ thi đua của Ủy ban nhân dân tỉnh',
};

/** Emulation titles are written in quotes after "danh hiệu"; forms of commendation are named as they are. */
export function awardPhrase(title: Title): string {
  if (title === 'GIAY_KHEN' || title === 'BANG_KHEN_TINH' || title === 'CO_THI_DUA_TINH') return TITLE_LABEL[title];
  return `danh hiệu “${TITLE_LABEL[title]}”`;
}

export const DISCIPLINE_LABEL: Record<DisciplineLevel, string> = {
  'khien-trach': 'khiển trách',
  'canh-cao': 'cảnh cáo',
  'ha-bac-luong': 'hạ bậc lương',
  'giang-chuc': 'giáng chức',
  'cach-chuc': 'cách chức',
  'buoc-thoi-viec': 'buộc thôi việc',
};

const LEVEL_ORDER: Record<Initiative['recognisedBy'], number> = { unit: 0, province: 1, national: 2 };
const RECOGNISED_LABEL: Record<Initiative['recognisedBy'], string> = { unit: 'cấp cơ sở', province: 'cấp tỉnh', national: 'cấp toàn quốc' };
const KIND_LABEL: Record<Initiative['kind'], string> = { initiative: 'sáng kiến', research: 'đề tài khoa học' };

export function initiativePhrase(i: Initiative): string {
  return `${KIND_LABEL[i.kind]} “${i.title}” được công nhận ở ${RECOGNISED_LABEL[i.recognisedBy]} ngày ${formatShortDate(i.recognisedOn)}`;
}

/** How the minutes name a nominee: "Ông Nguyễn Văn A", "Tập thể Phòng Tổng hợp". */
export interface Subject {
  upper: string;
  lower: string;
}

export function individualSubject(n: IndividualNominee): Subject {
  const [upper, lower] = n.gender === 'female' ? ['Bà', 'bà'] : ['Ông', 'ông'];
  return { upper: `${upper} ${n.name}`, lower: `${lower} ${n.name}` };
}

export function collectiveSubject(n: CollectiveNominee): Subject {
  const name = n.name ?? `đơn vị ${n.unitId}`;
  if (/^tập thể\s/iu.test(name)) return { upper: `Tập thể ${name.replace(/^tập thể\s+/iu, '')}`, lower: `tập thể ${name.replace(/^tập thể\s+/iu, '')}` };
  return { upper: `Tập thể ${name}`, lower: `tập thể ${name}` };
}

/** "77,8" for 7/9: a share in % with one decimal and a decimal comma, by integer arithmetic (round half up). */
export function formatPct(num: number, den: number): string {
  if (den <= 0) return '0';
  const tenths = Math.floor((num * 2000 + den) / (2 * den));
  const whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  return rest === 0 ? String(whole) : `${whole},${rest}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

// ---------------------------------------------------------------- calendar (no clock: dates are inputs)

/** Complete months from `from` up to (not including) `toExclusive`, both YYYY-MM-DD; 0 when `from` is not before it. */
export function completeMonths(from: string, toExclusive: string): number {
  if (from >= toExclusive) return 0;
  const part = (d: string, a: number, b: number) => Number(d.slice(a, b));
  const months = (part(toExclusive, 0, 4) - part(from, 0, 4)) * 12 + (part(toExclusive, 5, 7) - part(from, 5, 7));
  return Math.max(0, months - (part(toExclusive, 8, 10) < part(from, 8, 10) ? 1 : 0));
}

export function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

export const yearOf = (date: string) => Number(date.slice(0, 4));

// ---------------------------------------------------------------- evaluation context

/** What every rule reads besides the nominee: the rule set, the resolved options and the assessment year. */
export interface Env {
  rs: RuleSet;
  opt: ResolvedRuleOptions;
  year: number;
  /** 01/01 of the assessment year. */
  periodStart: string;
  /** 01/01 of the following year: the assessment period ends the day before. */
  nextYearStart: string;
}

export function makeEnv(rs: RuleSet, opt: ResolvedRuleOptions, year: number): Env {
  return { rs, opt, year, periodStart: `${year}-01-01`, nextYearStart: `${year + 1}-01-01` };
}

function check(ruleId: string, citation: Citation, facts: Record<string, unknown>, passed: boolean, sentence: string): RuleCheck {
  return { ruleId, citation, facts, passed, sentence };
}

const by = (c: Citation) => `theo ${citeText(c)}`;

// ---------------------------------------------------------------- shared by individuals and collectives

/** §1.4: without registration an emulation title is not considered ([U], configurable, on by default). */
export function registrationRule(env: Env, s: Subject, registered: boolean, title: Title): RuleCheck {
  const c = env.rs.cite.registration;
  return registered
    ? check('registration', c, { registered, required: true }, true, `${s.upper} đã đăng ký thi đua năm ${env.year}.`)
    : check(
        'registration',
        c,
        { registered, required: true },
        false,
        `${s.upper} không đăng ký thi đua năm ${env.year} nên không được xem xét ${awardPhrase(title)} theo quy định về đăng ký thi đua của phong trào.`,
      );
}

/** The day from which achievements count after a served discipline (NĐ 152/2025 Art 4.4), if it falls after 01/01. */
export function countsFrom(d: Discipline): string | undefined {
  return d.status === 'served' && d.endedOn ? dayAfter(d.endedOn) : undefined;
}

/**
 * NĐ 152/2025 Art 4.4 (and its predecessors): pending → defer; in effect → nothing counts yet; served → achievements
 * count from the day after it ended. When that day falls inside the assessment year, the part of the year after it
 * must reach the same minimum as a new hire's tenure (ldttMinTenureMonths): the law sets no other length for a
 * year's achievement, and the title of a year needs that much of the year.
 */
export function disciplineRule(env: Env, s: Subject, d: Discipline): RuleCheck {
  const c = env.rs.cite;
  switch (d.status) {
    case 'none':
      return check('discipline', c.disciplinePending, { status: 'none' }, true, `${s.upper} không trong thời gian xem xét kỷ luật hoặc thi hành kỷ luật.`);
    case 'pending':
      return {
        ...check(
          'discipline.pending',
          c.disciplinePending,
          { status: 'pending', level: d.level ?? null },
          false,
          `${s.upper} đang trong thời gian xem xét kỷ luật hoặc thanh tra, kiểm tra, xác minh đơn thư; chưa xét khen thưởng ${by(c.disciplinePending)}.`,
        ),
        outcome: 'defer',
      };
    case 'in-effect':
      return check(
        'discipline.in-effect',
        c.disciplineInEffect,
        { status: 'in-effect', level: d.level ?? null },
        false,
        `${s.upper} đang trong thời gian thi hành kỷ luật (hình thức ${d.level ? DISCIPLINE_LABEL[d.level] : 'kỷ luật'}); thành tích chỉ được tính từ khi chấp hành xong kỷ luật ${by(c.disciplineInEffect)}.`,
      );
    case 'served': {
      const from = countsFrom(d) as string;
      const level = d.level ? DISCIPLINE_LABEL[d.level] : 'kỷ luật';
      const ended = formatShortDate(d.endedOn as string);
      if (from <= env.periodStart) {
        return check(
          'discipline.served',
          c.disciplineServed,
          { status: 'served', level: d.level ?? null, endedOn: d.endedOn, countsFrom: from, wholeYearCounts: true },
          true,
          `${s.upper} đã chấp hành xong kỷ luật (hình thức ${level}) ngày ${ended}; thành tích năm ${env.year} được tính đầy đủ ${by(c.disciplineServed)}.`,
        );
      }
      const months = completeMonths(from, env.nextYearStart);
      const min = env.opt.ldttMinTenureMonths;
      const passed = months >= min;
      return check(
        'discipline.served',
        c.disciplineServed,
        { status: 'served', level: d.level ?? null, endedOn: d.endedOn, countsFrom: from, monthsCounted: months, minMonths: min },
        passed,
        `${s.upper} chấp hành xong kỷ luật (hình thức ${level}) ngày ${ended}; thành tích được tính từ ngày ${formatShortDate(from)}, được ${months} tháng trong năm ${env.year}, ${passed ? 'đủ' : 'chưa đủ'} thời gian tối thiểu ${min} tháng để xét thành tích của năm ${by(c.disciplineServed)}.`,
      );
    }
  }
}

// ---------------------------------------------------------------- individuals

/** NĐ 91/2017 [S], vn-2017 default: no LĐTT for anyone disciplined at khiển trách or above during the year. */
export function khienTrachRule(env: Env, s: Subject, d: Discipline): RuleCheck {
  const c = env.rs.cite.ldttKhienTrach;
  const inYear = d.status === 'in-effect' || (d.status === 'served' && (d.endedOn as string) >= env.periodStart);
  const facts = { status: d.status, level: d.level ?? null, endedOn: d.endedOn ?? null, disciplinedInYear: inYear };
  return inYear
    ? check(
        'ldtt.khien-trach',
        c,
        facts,
        false,
        `${s.upper} bị kỷ luật hình thức ${d.level ? DISCIPLINE_LABEL[d.level] : 'kỷ luật'} trong năm ${env.year} nên không được xét tặng danh hiệu “Lao động tiên tiến” ${by(c)}.`,
      )
    : check('ldtt.khien-trach', c, facts, true, `${s.upper} không bị kỷ luật từ hình thức khiển trách trở lên trong năm ${env.year}.`);
}

const atLeastGood = (r: TaskRating) => r === 'HTXSNV' || r === 'HTTNV';

/** Law 2022 Art 24.1.a [V] (old law Art 24): hoàn thành tốt nhiệm vụ trở lên. */
export function ldttRatingRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.ldttRating;
  const passed = atLeastGood(rating);
  return check(
    'ldtt.rating',
    c,
    { taskRating: rating, required: 'HTTNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá ${RATING_LABEL[rating]}, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ trở lên của danh hiệu “Lao động tiên tiến” ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành tốt nhiệm vụ trở lên để xét danh hiệu “Lao động tiên tiến” ${by(c)}.`,
  );
}

/** TT 01/2024 [S]: not for people hired < 06 months (NĐ 91/2017: 10). Months counted to the end of the assessment year. */
export function ldttTenureRule(env: Env, s: Subject, hireDate: string): RuleCheck {
  const c = env.rs.cite.ldttTenure;
  const months = completeMonths(hireDate, env.nextYearStart);
  const min = env.opt.ldttMinTenureMonths;
  const passed = months >= min;
  const hired = formatShortDate(hireDate);
  const facts = { hireDate, periodEnd: `${env.year}-12-31`, months, minMonths: min };
  if (passed) {
    const span = months >= 12 ? 'có từ 12 tháng công tác trở lên' : `có ${months} tháng công tác`;
    return check('ldtt.tenure', c, facts, true, `${s.upper} được tuyển dụng ngày ${hired}, ${span} tính đến hết năm ${env.year}, đủ thời gian tối thiểu ${min} tháng để xét danh hiệu “Lao động tiên tiến” ${by(c)}.`);
  }
  return check(
    'ldtt.tenure',
    c,
    facts,
    false,
    `${s.upper} được tuyển dụng ngày ${hired}, mới có ${months} tháng công tác tính đến hết năm ${env.year}, chưa đủ ${min} tháng nên chưa được xét danh hiệu “Lao động tiên tiến” ${by(c)}.`,
  );
}

/** The LĐTT criteria of an individual this year (Art 24 and its decree), used by LĐTT and by CSTĐCS (Art 23.1). */
export function ldttCriteria(env: Env, s: Subject, n: IndividualNominee): RuleCheck[] {
  const out = [ldttRatingRule(env, s, n.taskRating), ldttTenureRule(env, s, n.hireDate)];
  if (env.opt.ldttExcludesKhienTrach) out.push(khienTrachRule(env, s, n.discipline));
  return out;
}

/** Art 23.1: a CSTĐCS nominee must meet LĐTT this year. */
export function cstdcsLdttRule(env: Env, s: Subject, ldtt: RuleCheck[]): RuleCheck {
  const c = env.rs.cite.cstdcsLdtt;
  const failed = ldtt.filter((x) => !x.passed).map((x) => x.ruleId);
  const passed = failed.length === 0;
  return check(
    'cstdcs.ldtt',
    c,
    { ldttRules: ldtt.map((x) => x.ruleId), failed },
    passed,
    passed
      ? `${s.upper} đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” năm ${env.year}, là điều kiện để xét danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`
      : `${s.upper} chưa đạt tiêu chuẩn danh hiệu “Lao động tiên tiến” năm ${env.year} nên không đủ điều kiện xét danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`,
  );
}

// ---------------------------------------------------------------- initiatives (CV 5007/BNV-TĐKT: each used once)

/** Initiative id → the nomination that used it, or `earlier-campaign`. */
export type InitiativeLedger = Map<string, string>;
export const EARLIER_CAMPAIGN = 'earlier-campaign';

export interface InitiativePool {
  /** Usable now, in the order they are spent: lowest recognition level first, then oldest, then id. */
  usable: Initiative[];
  /** Would qualify but were already used as the basis of an award. */
  used: { initiative: Initiative; usedBy: string }[];
}

/**
 * The nominee's initiatives that may back an award of this year: recognised by the end of the year, at or above
 * `minLevel`, not before `notBefore` (a window), after a served discipline (NĐ 152/2025 Art 4.4), and unused.
 * Spending the lowest level first keeps a province-level initiative for CSTĐ tỉnh.
 */
export function initiativePool(env: Env, n: IndividualNominee, ledger: InitiativeLedger, minLevel: Initiative['recognisedBy'], notBefore?: string): InitiativePool {
  const after = countsFrom(n.discipline);
  const qualifying = n.initiatives.filter(
    (i) =>
      i.recognisedOn < env.nextYearStart &&
      LEVEL_ORDER[i.recognisedBy] >= LEVEL_ORDER[minLevel] &&
      (notBefore === undefined || i.recognisedOn >= notBefore) &&
      (after === undefined || i.recognisedOn >= after),
  );
  const usable: Initiative[] = [];
  const used: InitiativePool['used'] = [];
  const seen = new Set<string>();
  for (const i of qualifying) {
    if (seen.has(i.id)) continue;
    seen.add(i.id);
    const usedBy = ledger.get(i.id);
    if (usedBy === undefined) usable.push(i);
    else used.push({ initiative: i, usedBy });
  }
  usable.sort((a, b) => LEVEL_ORDER[a.recognisedBy] - LEVEL_ORDER[b.recognisedBy] || cmp(a.recognisedOn, b.recognisedOn) || cmp(a.id, b.id));
  used.sort((a, b) => cmp(a.initiative.id, b.initiative.id));
  return { usable, used };
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * CV 5007/BNV-TĐKT [S]: one initiative backs one award. Emitted when an award relies on initiatives: passes when the
 * ones it takes are unused, fails when only already-used ones could have met the need.
 */
export function initiativeOnceRule(env: Env, s: Subject, taken: Initiative[], pool: InitiativePool): RuleCheck {
  const c = env.rs.cite.initiativeOnce;
  if (taken.length > 0) {
    const names = taken.map((i) => `${i.kind === 'initiative' ? 'sáng kiến' : 'đề tài'} “${i.title}”`).join(', ');
    return check('initiative.once', c, { initiatives: taken.map((i) => i.id) }, true, `${capitalise(names)} chưa được dùng làm căn cứ cho khen thưởng nào khác ${by(c)}.`);
  }
  const list = pool.used
    .map(({ initiative: i, usedBy }) => `${i.kind === 'initiative' ? 'sáng kiến' : 'đề tài'} “${i.title}” (${usedBy === EARLIER_CAMPAIGN ? 'đã dùng trong đợt khen thưởng trước' : `đã dùng cho hồ sơ ${usedBy}`})`)
    .join(', ');
  return check(
    'initiative.once',
    c,
    { alreadyUsed: pool.used.map(({ initiative, usedBy }) => ({ id: initiative.id, usedBy })) },
    false,
    `${capitalise(list)} của ${s.lower} đã được dùng làm căn cứ khen thưởng, không được sử dụng lại ${by(c)}.`,
  );
}

const capitalise = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

/**
 * Art 23.2 (2024+): HTXSNV, or an initiative recognised by the unit, or an accepted research topic. Old regime
 * (NĐ 91/2017 Art 9.3.b, old Art 23): an initiative or research topic is required; HTXSNV alone is not enough.
 * HTXSNV is preferred when it suffices, so no initiative is spent.
 */
export function cstdcsBasisRule(env: Env, s: Subject, n: IndividualNominee, pool: InitiativePool): { check: RuleCheck; take: Initiative[] } {
  const c = env.rs.cite.cstdcsBasis;
  const requiresInitiative = env.rs.cstdcsRequiresInitiative;
  const facts = { taskRating: n.taskRating, initiativeRequired: requiresInitiative, usable: pool.usable.map((i) => i.id), alreadyUsed: pool.used.map((u) => u.initiative.id) };
  if (!requiresInitiative && n.taskRating === 'HTXSNV') {
    return { check: check('cstdcs.basis', c, { ...facts, basis: 'HTXSNV' }, true, `${s.upper} được đánh giá Hoàn thành xuất sắc nhiệm vụ, đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`), take: [] };
  }
  const first = pool.usable[0];
  if (first) {
    return {
      check: check('cstdcs.basis', c, { ...facts, basis: first.id }, true, `${s.upper} có ${initiativePhrase(first)}, đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`),
      take: [first],
    };
  }
  const sentence = requiresInitiative
    ? `${s.upper} không có sáng kiến được cơ sở công nhận hoặc đề tài nghiên cứu khoa học đã nghiệm thu, áp dụng (chưa dùng làm căn cứ khen thưởng) nên chưa đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`
    : `${s.upper} được đánh giá ${RATING_LABEL[n.taskRating]}, không có sáng kiến hoặc đề tài khoa học được công nhận (chưa dùng làm căn cứ khen thưởng) nên chưa đạt tiêu chuẩn danh hiệu “Chiến sĩ thi đua cơ sở” ${by(c)}.`;
  return { check: check('cstdcs.basis', c, { ...facts, basis: null }, false, sentence), take: [] };
}

/** Length of the unbroken run of years ending at `end`, ignoring years up to `ignoreUpTo` (discipline, Art 4.4). */
export function chainLength(years: ReadonlySet<number>, end: number, ignoreUpTo?: number): number {
  let n = 0;
  for (let y = end; years.has(y) && (ignoreUpTo === undefined || y > ignoreUpTo); y--) n++;
  return n;
}

const yearsText = (end: number, n: number) =>
  Array.from({ length: n }, (_, k) => end - n + 1 + k).join(', ');

/** Art 22 [V]: selected among those with 03 consecutive CSTĐCS, the last one this year. */
export function cstdTinhChainRule(env: Env, s: Subject, years: ReadonlySet<number>, currentFrom: string | null, ignoreUpTo?: number): RuleCheck {
  const c = env.rs.cite.cstdTinhChain;
  const n = chainLength(years, env.year, ignoreUpTo);
  const passed = n >= 3;
  const facts = { cstdcsYears: [...years].sort((a, b) => a - b), chain: n, required: 3, endsAt: env.year, currentYearFrom: currentFrom, ignoredUpToYear: ignoreUpTo ?? null };
  const ignored = ignoreUpTo === undefined ? '' : ` (thành tích đến năm ${ignoreUpTo}, trước khi chấp hành xong kỷ luật, không được tính)`;
  return check(
    'cstd-tinh.chain',
    c,
    facts,
    passed,
    passed
      ? `${s.upper} có ${n} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (các năm ${yearsText(env.year, n)}), đạt tiêu chuẩn ${by(c)}.`
      : `${s.upper} có ${n} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” tính đến năm ${env.year}${ignored}, chưa đủ 03 lần liên tục ${by(c)}.`,
  );
}

/** Art 22 [V]: an initiative or research topic with province-wide effect, recognised at province level or above. */
export function cstdTinhInitiativeRule(env: Env, s: Subject, pool: InitiativePool): { check: RuleCheck; take: Initiative[] } {
  const c = env.rs.cite.cstdTinhInitiative;
  const first = pool.usable[0];
  const facts = { usable: pool.usable.map((i) => i.id), alreadyUsed: pool.used.map((u) => u.initiative.id), minLevel: 'province' };
  if (first) {
    return { check: check('cstd-tinh.initiative', c, { ...facts, basis: first.id }, true, `${s.upper} có ${initiativePhrase(first)}, có phạm vi ảnh hưởng cấp tỉnh ${by(c)}.`), take: [first] };
  }
  return {
    check: check(
      'cstd-tinh.initiative',
      c,
      { ...facts, basis: null },
      false,
      `${s.upper} không có sáng kiến hoặc đề tài khoa học có phạm vi ảnh hưởng cấp tỉnh được công nhận (chưa dùng làm căn cứ khen thưởng) ${by(c)}.`,
    ),
    take: [],
  };
}

/** Law Art 75 [V via Bắc Ninh Art 4.3]: Giấy khen needs hoàn thành tốt nhiệm vụ (individual and collective). */
export function giayKhenRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.giayKhen;
  const passed = atLeastGood(rating);
  return check(
    'giay-khen.rating',
    c,
    { taskRating: rating, required: 'HTTNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá ${RATING_LABEL[rating]}, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ để xét tặng Giấy khen ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành tốt nhiệm vụ để xét tặng Giấy khen ${by(c)}.`,
  );
}

/**
 * Law Art 74 [V via Bắc Ninh Art 3.3], individual, `record` grounds: 02 consecutive CSTĐCS (ending this year), or
 * HTXSNV this year and last with 02 initiatives recognised in those two years. The CSTĐCS route spends nothing.
 */
export function bangKhenIndividualRecordRule(
  env: Env,
  s: Subject,
  cstdcsYears: ReadonlySet<number>,
  htxsYears: ReadonlySet<number>,
  pool: InitiativePool,
  ignoreUpTo?: number,
): { check: RuleCheck; take: Initiative[] } {
  const c = env.rs.cite.bangKhenRecord;
  const chainA = chainLength(cstdcsYears, env.year, ignoreUpTo);
  const chainB = chainLength(htxsYears, env.year, ignoreUpTo);
  const facts = {
    cstdcsChain: chainA,
    htxsnvChain: chainB,
    required: 2,
    usableInitiatives: pool.usable.map((i) => i.id),
    alreadyUsed: pool.used.map((u) => u.initiative.id),
    ignoredUpToYear: ignoreUpTo ?? null,
  };
  if (chainA >= 2) {
    return {
      check: check('bang-khen.record', c, { ...facts, route: 'cstdcs-chain' }, true, `${s.upper} có ${chainA} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” (các năm ${yearsText(env.year, chainA)}), đạt tiêu chuẩn Bằng khen ${by(c)}.`),
      take: [],
    };
  }
  if (chainB >= 2 && pool.usable.length >= 2) {
    const take = pool.usable.slice(0, 2);
    return {
      check: check(
        'bang-khen.record',
        c,
        { ...facts, route: 'htxsnv-and-initiatives', basis: take.map((i) => i.id) },
        true,
        `${s.upper} có ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ (các năm ${yearsText(env.year, chainB)}), trong thời gian đó có 02 sáng kiến, đề tài được công nhận, đạt tiêu chuẩn Bằng khen ${by(c)}.`,
      ),
      take,
    };
  }
  const why =
    chainB >= 2
      ? `có ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ nhưng chỉ có ${pool.usable.length} sáng kiến, đề tài được công nhận trong thời gian đó và chưa dùng làm căn cứ khen thưởng (cần 02)`
      : `có ${chainA} lần liên tục đạt danh hiệu “Chiến sĩ thi đua cơ sở” và ${chainB} năm liên tục hoàn thành xuất sắc nhiệm vụ tính đến năm ${env.year}`;
  return {
    check: check('bang-khen.record', c, { ...facts, route: null }, false, `${s.upper} ${why}, chưa đạt tiêu chuẩn Bằng khen (02 lần liên tục Chiến sĩ thi đua cơ sở, hoặc 02 năm liên tục hoàn thành xuất sắc nhiệm vụ có 02 sáng kiến) ${by(c)}.`),
    take: [],
  };
}

/** Law Art 74 [V via Bắc Ninh Art 3.3], collective, `record` grounds: 02 consecutive years of HTXSNV or TTLĐXS. */
export function bangKhenCollectiveRecordRule(env: Env, s: Subject, years: ReadonlySet<number>, ignoreUpTo?: number): RuleCheck {
  const c = env.rs.cite.bangKhenRecord;
  const n = chainLength(years, env.year, ignoreUpTo);
  const passed = n >= 2;
  return check(
    'bang-khen.record',
    c,
    { years: [...years].sort((a, b) => a - b), chain: n, required: 2, ignoredUpToYear: ignoreUpTo ?? null },
    passed,
    passed
      ? `${s.upper} có ${n} năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động xuất sắc” (các năm ${yearsText(env.year, n)}), đạt tiêu chuẩn Bằng khen ${by(c)}.`
      : `${s.upper} có ${n} năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt danh hiệu “Tập thể lao động xuất sắc” tính đến năm ${env.year}, chưa đủ 02 năm liên tục để xét Bằng khen ${by(c)}.`,
  );
}

/** Law Art 74, first route: outstanding in the province-launched movement; the unit must be ranked in this campaign. */
export function bangKhenMovementRule(env: Env, s: Subject, unitId: string, rank: number | undefined): RuleCheck {
  const c = env.rs.cite.bangKhenMovement;
  return rank !== undefined
    ? check('bang-khen.movement', c, { unitId, rank }, true, `${s.upper} có thành tích trong phong trào thi đua; đơn vị xếp hạng thứ ${rank} trong kết quả chấm điểm của phong trào ${by(c)}.`)
    : check(
        'bang-khen.movement',
        c,
        { unitId, rank: null },
        false,
        `Đơn vị của ${s.lower} không có trong kết quả xếp hạng của phong trào thi đua nên chưa có căn cứ đề nghị Bằng khen về thành tích trong phong trào ${by(c)}.`,
      );
}

/** Law Art 5.2.c [V]: one achievement is commended once, by one form. */
export function oneAchievementRule(env: Env, s: Subject, other: { nominationId: string; title: Title }, pendingVote: boolean): RuleCheck {
  const c = env.rs.cite.oneAchievement;
  if (pendingVote) {
    return check(
      'achievement.once',
      c,
      { other: other.nominationId, otherTitle: other.title, otherPendingCouncilVote: true },
      true,
      `${s.upper} đồng thời được đề nghị ${awardPhrase(other.title)} (hồ sơ ${other.nominationId}) đang chờ Hội đồng bỏ phiếu; nếu được chọn thì không đồng thời khen thưởng hình thức này cho cùng thành tích ${by(c)}.`,
    );
  }
  return check(
    'achievement.once',
    c,
    { other: other.nominationId, otherTitle: other.title },
    false,
    `${s.upper} đã được đề nghị ${awardPhrase(other.title)} cho cùng thành tích trong đợt này (hồ sơ ${other.nominationId}); không khen thưởng nhiều lần, nhiều hình thức cho một thành tích ${by(c)}.`,
  );
}

// ---------------------------------------------------------------- collectives

export function ttldttRatingRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.ttldttRating;
  const passed = atLeastGood(rating);
  return check(
    'ttldtt.rating',
    c,
    { taskRating: rating, required: 'HTTNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá ${RATING_LABEL[rating]}, đạt tiêu chuẩn hoàn thành tốt nhiệm vụ được giao của danh hiệu “Tập thể lao động tiên tiến” ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành tốt nhiệm vụ để xét danh hiệu “Tập thể lao động tiên tiến” ${by(c)}.`,
  );
}

/** How many members are LĐTT this year, and where the numbers come from (see MemberTally in decide.ts). */
export interface LdttShare {
  total: number;
  ldtt: number;
  nominatedHere: number;
  ldttFromCampaign: number;
  deferredHere: number;
  notNominated: number;
  ldttNotNominated: number;
  notNominatedSource: 'declared' | 'ratings';
  inconsistent: boolean;
}

/** TTLĐTT (Art 28: ≥ 70% from 2024, > 50% before) and TTLĐXS (Art 27: ≥ 70%) member LĐTT share, integer arithmetic. */
export function ldttShareRule(ruleId: 'ttldtt.ldtt-share' | 'ttldxs.ldtt-share', c: Citation, s: Subject, share: LdttShare, threshold: { pct: number; inclusive: boolean }, title: Title): RuleCheck {
  const facts = { ...share, thresholdPct: threshold.pct, inclusive: threshold.inclusive };
  if (share.inconsistent) {
    return check(
      ruleId,
      c,
      facts,
      false,
      `Số thành viên của ${s.lower} được đề nghị trong đợt này (${share.nominatedHere}) lớn hơn tổng số thành viên khai báo (${share.total}); đề nghị đơn vị kiểm tra lại số liệu trước khi xét ${awardPhrase(title)}.`,
    );
  }
  const passed = threshold.inclusive ? share.ldtt * 100 >= threshold.pct * share.total : share.ldtt * 100 > threshold.pct * share.total;
  const bound = threshold.inclusive ? `ít nhất ${threshold.pct}%` : `trên ${threshold.pct}%`;
  return check(
    ruleId,
    c,
    facts,
    passed,
    `${s.upper} có ${share.ldtt}/${share.total} thành viên đạt danh hiệu “Lao động tiên tiến” (${formatPct(share.ldtt, share.total)}%), ${passed ? 'đạt' : 'chưa đạt'} tỷ lệ ${bound} để xét ${awardPhrase(title)} ${by(c)}.`,
  );
}

/** TTLĐTT (Art 28) and old TTLĐXS (old Art 27): no member disciplined at cảnh cáo or above. */
export function membersDisciplineRule(ruleId: 'ttldtt.discipline' | 'ttldxs.discipline', c: Citation, s: Subject, declared: number, fromCampaign: number, title: Title): RuleCheck {
  const n = Math.max(declared, fromCampaign);
  const passed = n === 0;
  return check(
    ruleId,
    c,
    { declaredCanhCaoOrAbove: declared, nominatedHereCanhCaoOrAbove: fromCampaign, counted: n },
    passed,
    passed
      ? `${s.upper} không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên ${by(c)}.`
      : `${s.upper} có ${n} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên nên không đủ tiêu chuẩn ${awardPhrase(title)} ${by(c)}.`,
  );
}

export function ttldxsRatingRule(env: Env, s: Subject, rating: TaskRating): RuleCheck {
  const c = env.rs.cite.ttldxsRating;
  const passed = rating === 'HTXSNV';
  return check(
    'ttldxs.rating',
    c,
    { taskRating: rating, required: 'HTXSNV' },
    passed,
    passed
      ? `${s.upper} được đánh giá Hoàn thành xuất sắc nhiệm vụ, đạt tiêu chuẩn của danh hiệu “Tập thể lao động xuất sắc” ${by(c)}.`
      : `${s.upper} được đánh giá ${RATING_LABEL[rating]}, chưa đạt mức hoàn thành xuất sắc nhiệm vụ để xét danh hiệu “Tập thể lao động xuất sắc” ${by(c)}.`,
  );
}

/** Art 27 [V]: 100% of members hoàn thành nhiệm vụ (nobody rated KHTNV). */
export function ttldxsAllMembersRule(env: Env, s: Subject, total: number, declaredKhtnv: number, fromCampaign: number): RuleCheck {
  const c = env.rs.cite.ttldxsAllMembers;
  const n = Math.max(declaredKhtnv, fromCampaign);
  const passed = n === 0;
  return check(
    'ttldxs.all-members',
    c,
    { total, declaredKHTNV: declaredKhtnv, nominatedHereKHTNV: fromCampaign, counted: n },
    passed,
    passed
      ? `100% thành viên của ${s.lower} (${total}/${total}) hoàn thành nhiệm vụ được giao trở lên ${by(c)}.`
      : `${s.upper} có ${n}/${total} thành viên không hoàn thành nhiệm vụ, chưa đạt yêu cầu 100% thành viên hoàn thành nhiệm vụ ${by(c)}.`,
  );
}

/** Art 27 [V]: at least one member is CSTĐCS this year. */
export function ttldxsCstdcsRule(env: Env, s: Subject, declared: number, fromCampaign: number): RuleCheck {
  const c = env.rs.cite.ttldxsCstdcs;
  const n = declared + fromCampaign;
  const passed = n >= 1;
  return check(
    'ttldxs.cstdcs',
    c,
    { declaredNotNominated: declared, fromCampaign, counted: n, required: 1 },
    passed,
    passed
      ? `${s.upper} có ${n} thành viên đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm ${env.year} ${by(c)}.`
      : `${s.upper} không có thành viên đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm ${env.year} nên chưa đạt tiêu chuẩn danh hiệu “Tập thể lao động xuất sắc” ${by(c)}.`,
  );
}

/** Cờ thi đua tỉnh, Art 26 [V via Bắc Ninh Art 3.1]: outstanding (HTXSNV), leads its cụm/khối, exceeded all targets. */
export function coThiDuaRules(env: Env, s: Subject, n: CollectiveNominee): RuleCheck[] {
  const c = env.rs.cite;
  const rated = n.taskRating === 'HTXSNV';
  const led = n.ledCluster === true;
  const exceeded = n.exceededTargets === true;
  return [
    check(
      'co-thi-dua.rating',
      c.coRating,
      { taskRating: n.taskRating, required: 'HTXSNV' },
      rated,
      rated
        ? `${s.upper} được đánh giá Hoàn thành xuất sắc nhiệm vụ, là tập thể tiêu biểu xuất sắc ${by(c.coRating)}.`
        : `${s.upper} được đánh giá ${RATING_LABEL[n.taskRating]}, chưa đạt mức hoàn thành xuất sắc nhiệm vụ để xét Cờ thi đua ${by(c.coRating)}.`,
    ),
    check(
      'co-thi-dua.led-cluster',
      c.coLedCluster,
      { ledCluster: n.ledCluster ?? null },
      led,
      led
        ? `${s.upper} được suy tôn dẫn đầu Cụm, Khối thi đua năm ${env.year} ${by(c.coLedCluster)}.`
        : `${s.upper} không phải là tập thể dẫn đầu Cụm, Khối thi đua năm ${env.year} nên chưa đủ điều kiện xét Cờ thi đua ${by(c.coLedCluster)}.`,
    ),
    check(
      'co-thi-dua.exceeded-targets',
      c.coExceeded,
      { exceededTargets: n.exceededTargets ?? null },
      exceeded,
      exceeded
        ? `${s.upper} hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao năm ${env.year} ${by(c.coExceeded)}.`
        : `${s.upper} chưa hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao năm ${env.year} ${by(c.coExceeded)}.`,
    ),
  ];
}
