import * as z from 'zod/mini';
import { describe, id, isoDate, text } from './fields';
import { TaskRating } from './ratings';

/**
 * Nominations (đề nghị khen thưởng) and the per-campaign configuration of the decision engine.
 * The legal notes are docs/legal-sources.md; §-references below point there.
 * Types are inferred from these schemas (docs/architecture.md "Standards").
 */

/** Mức độ hoàn thành nhiệm vụ: the scoring core's enum (shared/schemas/ratings.ts), one definition for both. */
export { TaskRating };

// Title and the title lists: zod/mini, in ./titles.ts (it says why); re-exported under the same names.
import { COLLECTIVE_TITLES, INDIVIDUAL_TITLES, Title } from './titles';
export { COLLECTIVE_TITLES, FORMS, INDIVIDUAL_TITLES, Title } from './titles';

/*
 * zod/mini (./fields.ts says why): the consumer that decides nominations parses these and nothing
 * else. Every object schema is built on its first use (`z.lazy`), not at module load: the API serves
 * one route per invocation and a stream consumer parses few of them, so a cold start builds only the
 * schemas its request needs (issue 9 "Lighter bundles", `npm run bench`). Parsing, messages and the
 * OpenAPI document are those of the classic schemas they replace.
 */

/** Hình thức kỷ luật, lightest first (Luật Cán bộ, công chức; Luật Viên chức). */
export const DisciplineLevel = /* @__PURE__ */ z.lazy(() => z.enum(['khien-trach', 'canh-cao', 'ha-bac-luong', 'giang-chuc', 'cach-chuc', 'buoc-thoi-viec']));
export type DisciplineLevel = z.infer<typeof DisciplineLevel>;

const year = /* @__PURE__ */ z.lazy(() => z.number().check(z.int(), z.gte(1945), z.lte(2200)));

/**
 * `pending`: being considered for discipline, or under investigation/inspection/complaint (NĐ 152/2025 Art 4.4: defer).
 * `in-effect`: serving a disciplinary period. `served`: the period ended on `endedOn`; achievements count only from then.
 */
export const Discipline = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      status: z.enum(['none', 'pending', 'in-effect', 'served']),
      level: z.optional(DisciplineLevel),
      endedOn: z.optional(isoDate),
    })
    .check(
      z.superRefine((d, ctx) => {
        if ((d.status === 'in-effect' || d.status === 'served') && !d.level) {
          ctx.addIssue({ code: 'custom', path: ['level'], message: `bắt buộc khi status là ${d.status}` });
        }
        if (d.status === 'served' && !d.endedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'bắt buộc khi status là served' });
        if (d.status !== 'served' && d.endedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'chỉ dùng khi status là served' });
      }),
    ),
);
export type Discipline = z.infer<typeof Discipline>;

/** A sáng kiến or an accepted đề tài/đề án/công trình khoa học, with the level that recognised it. */
export const Initiative = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    id,
    title: text(500),
    recognisedBy: z.enum(['unit', 'province', 'national']),
    recognisedOn: isoDate,
    kind: z.enum(['initiative', 'research']),
  }),
);
export type Initiative = z.infer<typeof Initiative>;

export const PastTitle = /* @__PURE__ */ z.lazy(() => z.strictObject({ year, title: Title }));
export const PastRating = /* @__PURE__ */ z.lazy(() => z.strictObject({ year, rating: TaskRating }));

export const IndividualNominee = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    kind: z.literal('individual'),
    /** Stable person id; links one person's LĐTT, CSTĐCS and Bằng khen nominations. Default: unitId|name|hireDate. */
    personId: z.optional(id),
    name: text(200),
    gender: z.enum(['female', 'male']),
    /** The unit whose standing ranks this person in quota cuts. */
    unitId: id,
    /** The collective (phòng, ban) whose member shares this person counts in; default `unitId`. */
    memberOf: z.optional(id),
    hireDate: isoDate,
    taskRating: TaskRating,
    discipline: z._default(Discipline, { status: 'none' }),
    initiatives: z._default(z.array(Initiative).check(z.maxLength(100)), []),
    pastTitles: z._default(z.array(PastTitle).check(z.maxLength(200)), []),
    /** Past years' task ratings: the "02 năm liên tục HTXSNV" route of Bằng khen needs them. */
    pastRatings: z._default(z.array(PastRating).check(z.maxLength(200)), []),
  }),
);
export type IndividualNominee = z.infer<typeof IndividualNominee>;

const count = /* @__PURE__ */ z.lazy(() => z.number().check(z.int(), z.gte(0)));

export const CollectiveNominee = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      kind: z.literal('collective'),
      unitId: id,
      name: z.optional(text(200)),
      taskRating: TaskRating,
      members: z.strictObject({
        total: z.number().check(z.int(), z.gte(1)),
        byRating: z.strictObject({ HTXSNV: count, HTTNV: count, HTNV: count, KHTNV: count }),
        women: count,
        /** Members already LĐTT this year who are NOT nominated in this campaign. */
        ldtt: z.optional(count),
        /** Members already CSTĐCS this year who are NOT nominated in this campaign (TTLĐXS needs one). */
        cstdcs: z.optional(count),
      }),
      disciplinedMembers: z._default(z.strictObject({ khienTrach: count, canhCao: count, higher: count }), { khienTrach: 0, canhCao: 0, higher: 0 }),
      /** The collective's own situation (NĐ 152/2025 Art 4.4 covers "cá nhân, tập thể"). */
      discipline: z._default(Discipline, { status: 'none' }),
      pastTitles: z._default(z.array(PastTitle).check(z.maxLength(200)), []),
      pastRatings: z._default(z.array(PastRating).check(z.maxLength(200)), []),
      /** Led its provincial cụm/khối this year (Cờ thi đua, Bắc Ninh QĐ 86/2025 Art 3.1). */
      ledCluster: z.optional(z.boolean()),
      /** Exceeded the year's emulation targets and assigned tasks (Cờ thi đua). */
      exceededTargets: z.optional(z.boolean()),
    })
    .check(
      z.superRefine((c, ctx) => {
        const m = c.members;
        const sum = m.byRating.HTXSNV + m.byRating.HTTNV + m.byRating.HTNV + m.byRating.KHTNV;
        if (sum !== m.total) ctx.addIssue({ code: 'custom', path: ['members', 'byRating'], message: `tổng phải bằng members.total (${m.total}), hiện là ${sum}` });
        for (const key of ['women', 'ldtt', 'cstdcs'] as const) {
          const v = m[key];
          if (v !== undefined && v > m.total) ctx.addIssue({ code: 'custom', path: ['members', key], message: `không được vượt quá members.total (${m.total})` });
        }
        const d = c.disciplinedMembers;
        if (d.khienTrach + d.canhCao + d.higher > m.total) {
          ctx.addIssue({ code: 'custom', path: ['disciplinedMembers'], message: `không được vượt quá members.total (${m.total})` });
        }
      }),
    ),
);
export type CollectiveNominee = z.infer<typeof CollectiveNominee>;

export const Nominee = /* @__PURE__ */ z.lazy(() => z.discriminatedUnion('kind', [IndividualNominee, CollectiveNominee]));
export type Nominee = z.infer<typeof Nominee>;

// A function, like every schema of this module: built on first use (see `z.lazy` below, issue 9 "Lighter bundles").
const nominationShape = () => ({
  nominee: Nominee,
  title: Title,
  achievementSummary: text(8000),
  /**
   * Bằng khen only: `record` = the consecutive-year routes of Law Art 74 (02 lần liên tục CSTĐCS, or 02 năm liên tục
   * HTXSNV with 02 initiatives; collectives 02 năm HTXSNV or TTLĐXS); `movement` = outstanding in the province-launched
   * movement this campaign is (Art 74, Bắc Ninh QĐ 86/2025 Art 3.3 first route). Default `record`.
   */
  grounds: z.optional(z.enum(['record', 'movement'])),
});

function checkTitleFitsNominee(n: { nominee: Nominee; title: Title; grounds?: 'record' | 'movement' | undefined }, ctx: z.core.$RefinementCtx) {
  const allowed = n.nominee.kind === 'individual' ? INDIVIDUAL_TITLES : COLLECTIVE_TITLES;
  if (!allowed.includes(n.title)) {
    ctx.addIssue({ code: 'custom', path: ['title'], message: `${n.title} không xét cho ${n.nominee.kind === 'individual' ? 'cá nhân' : 'tập thể'}` });
  }
  if (n.grounds !== undefined && n.title !== 'BANG_KHEN_TINH') {
    ctx.addIssue({ code: 'custom', path: ['grounds'], message: 'chỉ dùng cho BANG_KHEN_TINH' });
  }
}

export const Nomination = /* @__PURE__ */ z.lazy(() => z.strictObject(nominationShape()).check(z.superRefine(checkTitleFitsNominee)));
export type Nomination = z.infer<typeof Nomination>;

/** A nomination as the engine decides it: its id, and whether the nominee registered for the emulation (§1.4). */
export const NominationEntry = /* @__PURE__ */ z.lazy(() => z.strictObject({ ...nominationShape(), id, registered: z.boolean() }).check(z.superRefine(checkTitleFitsNominee)));
export type NominationEntry = z.infer<typeof NominationEntry>;

const pct = /* @__PURE__ */ z.lazy(() => z.number().check(z.int(), z.gte(0), z.lte(100)));

export const QuotaRule = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      individualsPct: describe(z.optional(pct), 'At most this % of the individuals base may receive the title or form (rounded down).'),
      collectivesPct: describe(z.optional(pct), 'At most this % of the collectives base may receive the title or form (rounded down).'),
      individualsBase: describe(z.optional(count), 'Headcount the % applies to ("cá nhân trực tiếp tham gia"). Default: distinct individuals nominated in this campaign, any title.'),
      collectivesBase: describe(z.optional(count), 'Number of collectives the % applies to ("tập thể tham gia"). Default: distinct units in the unit standings or nominated as collectives.'),
      minimum: describe(
        z._default(count, 0),
        'Seats granted even when the % rounds below it. Default 0: "không quá x%" is an upper bound, so rounding is down with no floor unless the plan says otherwise.',
      ),
      source: describe(z.optional(text(400)), 'The legal basis of the quota, cited in every quota check, e.g. "Quyết định số 10/2024/QĐ-UBND của UBND thành phố Cần Thơ, điểm a khoản 2 Điều 9".'),
    })
    .check(z.refine((q) => q.individualsPct !== undefined || q.collectivesPct !== undefined, { message: 'cần individualsPct hoặc collectivesPct' })),
);
export type QuotaRule = z.infer<typeof QuotaRule>;

/** Titles a campaign quota may cover. CSTĐCS has its own cap (`cstdcsCapPct`), whose base is the number of LĐTT. */
export const QuotaTitle = /* @__PURE__ */ z.lazy(() => z.enum(['LDTT', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']));
export type QuotaTitle = z.infer<typeof QuotaTitle>;

/**
 * The [U] rules of the notes, configurable per campaign. Every field is optional: an absent field takes the default of
 * the rule set in force on the reference date (shared/domain/rules/vn-*.ts), and the decision output lists the value
 * used and where it came from.
 */
export const RuleOptions = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    registrationRequired: describe(
      z.optional(z.boolean()),
      'Only registered nominees are considered for emulation titles (not for forms: Giấy khen, Bằng khen). Default false in every rule set: unverified rules decide nothing unless the campaign turns them on (issue 11); turn it on when the campaign plan requires registration. Source: old-regime principle "không đăng ký thi đua sẽ không được xem xét, công nhận các danh hiệu thi đua" (training material, docs/legal-sources.md §1.4) [U]: not confirmed in TT 01/2024 or TT 15/2025.',
    ),
    cstdcsCapPct: describe(
      z.optional(z.nullable(pct)),
      'CSTĐCS may not exceed this % of the number of LĐTT (rounded down); null = no cap. Default vn-2017: 15 (NĐ 91/2017/NĐ-CP Điều 9 khoản 3 [S]); vn-2024, vn-2025: null (Law 2022 Art 23 and NĐ 98/2023 set none [S]); a province or sector may still set one [U].',
    ),
    ldttCountForCap: describe(z.optional(count), 'Number of LĐTT the CSTĐCS cap is computed on. Default: distinct persons meeting LĐTT in this campaign (LĐTT or CSTĐCS nominations).'),
    ttldttLdttShare: describe(
      z.optional(z.strictObject({ pct, inclusive: z.boolean() })),
      'Share of members who must be LĐTT for TTLĐTT. Default vn-2017: more than 50% (pct 50, inclusive false; Luật TĐKT 2003 Điều 28 "trên 50%" [V]); vn-2024, vn-2025: at least 70% (pct 70, inclusive true; Law 2022 Art 28 as reproduced by Bắc Ninh QĐ 86/2025 Art 4.2 [U-ish]).',
    ),
    ldttMinTenureMonths: describe(
      z.optional(z.number().check(z.int(), z.gte(0), z.lte(12))),
      'LĐTT is not awarded to people hired fewer than this many months before the end of the assessment year. Default vn-2017: 10 (NĐ 91/2017 [S]); vn-2024: 6 (TT 01/2024/TT-BNV [S]); vn-2025: 6 (TT 15/2025 replaces TT 01/2024; the figure is assumed kept [U]).',
    ),
    ldttExcludesKhienTrach: describe(
      z.optional(z.boolean()),
      'No LĐTT for anyone disciplined at khiển trách or above during the assessment year. Default vn-2017: true (NĐ 91/2017 [S]); vn-2024, vn-2025: false ([U] whether TT 01/2024, TT 15/2025 keep it; discipline in the year already rates the person KHTNV).',
    ),
    disciplinePrinciple: describe(
      z.optional(z.boolean()),
      'Apply the principle of NĐ 152/2025/NĐ-CP Art 4.4: no award while discipline or an inquiry is pending (deferred), none while a discipline is in effect, achievements counted from the end of a served one (years before it leave the consecutive-year chains). Default vn-2025: true [V]; vn-2024: false, its article in NĐ 98/2023 not verified [U]; vn-2017: false, its article in NĐ 91/2017 not verified [U] (issue 11: unverified rules are the campaign choice, listed among the unverified options in force when on).',
    ),
    bangKhenCstdcsRoute: describe(
      z.optional(z.boolean()),
      "The Bằng khen route of 02 consecutive CSTĐCS. Default vn-2024, vn-2025: true (Law 2022 Art 74 as detailed by Bắc Ninh QĐ 86/2025 Art 3.3 [V]); vn-2017: false, the route is the 2022 law's and was not found in the 2003 law or NĐ 91/2017 [U].",
    ),
    quotas: describe(
      z.optional(z.partialRecord(QuotaTitle, QuotaRule)),
      'Campaign quotas per title or form. Default: none (no national quota on Bằng khen; provinces set them, e.g. Cần Thơ QĐ 10/2024/QĐ-UBND Art 9.2.a: ≤ 10% of participating collectives and ≤ 5% of individuals [V]).',
    ),
  }),
);
export type RuleOptions = z.infer<typeof RuleOptions>;

/**
 * The scoring core's ranking of units (shared/domain/standings.ts rows can be passed as they are: other fields are
 * dropped). Rank 1 is best, standard competition ranking (1, 2, 2, 4): units sharing a rank are the ones the tie chain
 * could not separate. `tie` may be a boolean or the scoring core's tie object; it is kept as a boolean.
 */
export const UnitStanding = /* @__PURE__ */ z.lazy(() =>
  z.object({
    unitId: id,
    rank: z.number().check(z.int(), z.gte(1)),
    tie: z.pipe(
      z.optional(z.union([z.boolean(), z.looseObject({})])),
      z.transform((t) => (t === undefined ? undefined : t !== false)),
    ),
  }),
);
export type UnitStanding = z.infer<typeof UnitStanding>;

export const DecideInput = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      /** Ngày xét / ngày trình: chooses the rule set (docs/legal-sources.md §0). */
      referenceDate: isoDate,
      /** The assessment year (năm xét). */
      campaignYear: year,
      nominations: z.array(NominationEntry),
      unitStandings: z._default(z.array(UnitStanding), []),
      options: z._default(RuleOptions, {}),
      /** Initiative ids already used as the basis of an award in earlier campaigns (CV 5007/BNV-TĐKT). */
      usedInitiatives: z._default(z.array(id), []),
    })
    .check(
      z.superRefine((input, ctx) => {
        const seen = new Set<string>();
        input.nominations.forEach((n, i) => {
          if (seen.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nominations', i, 'id'], message: `mã hồ sơ ${n.id} bị lặp` });
          seen.add(n.id);
        });
        const units = new Set<string>();
        input.unitStandings.forEach((s, i) => {
          if (units.has(s.unitId)) ctx.addIssue({ code: 'custom', path: ['unitStandings', i, 'unitId'], message: `đơn vị ${s.unitId} bị lặp` });
          units.add(s.unitId);
        });
      }),
    ),
);
export type DecideInput = z.infer<typeof DecideInput>;

export const RuleSetId = /* @__PURE__ */ z.lazy(() => z.enum(['vn-2017', 'vn-2024', 'vn-2025']));
export type RuleSetId = z.infer<typeof RuleSetId>;

/** One council ballot (Hội đồng Thi đua - Khen thưởng), docs/legal-sources.md §1.8 and §3.5. */
const councilVoteShape = () => ({
  membersTotal: z.number().check(z.int(), z.gte(1)),
  present: count,
  /** Written opinions of absent members (ý kiến bằng văn bản), counted in the votes. */
  writtenVotes: count,
  /** `award` sessions need ≥ 80% present, others ≥ 2/3 (Bắc Ninh QĐ 86/2025 Art 8.4.b, a province example). */
  session: z._default(z.enum(['award', 'general']), 'award'),
  votes: z._default(
    z
      .array(
        z.strictObject({
          nominationId: id,
          title: Title,
          yes: count,
          /** Name of the nominee, for the sentence of the minutes; the proposal's name and unit win where it has the nomination (issue 11). */
          nominee: z.optional(text(200)),
        }),
      )
      // One ballot line per nomination: a campaign of a province's size stays far below this.
      .check(z.maxLength(5000)),
    [],
  ),
  /**
   * The Council's choice among the tied (issue 11): a tie of the proposal (`ties`, by its id) and the contenders chosen,
   * in order (a quota tie: those given its seats; a standings tie: the order the Council sets), with the yes votes.
   */
  tieChoices: z._default(
    z
      .array(
        z.strictObject({
          tieId: describe(text(200), 'The id of a tie of the proposal: `standings:<rank>` or a quota id (`GIAY_KHEN:individuals`)'),
          chosen: describe(z.array(id).check(z.minLength(1), z.maxLength(100)), 'The contenders chosen (nomination ids for a quota tie, unit ids for a standings tie), first the preferred'),
          yes: count,
          note: z.optional(text(2000)),
        }),
      )
      .check(z.maxLength(200)),
    [],
  ),
  options: z._default(
    z.strictObject({
      quorumPct: describe(z.optional(pct), 'Members present needed, in % of all members. Default: 80 for award sessions, 2/3 otherwise (Bắc Ninh QĐ 86/2025 Art 8.4.b [V], a province example).'),
      quorumCountsWritten: describe(z.optional(z.boolean()), 'Count written opinions toward the quorum. Default false: the source requires members present; written opinions count in the votes only.'),
      thresholds: describe(
        z.optional(z.partialRecord(Title, pct)),
        'Approval needed, in % of ALL members, per title. Default: CSTĐCS, Cờ thi đua 80; CSTĐ tỉnh 90 (NĐ 98/2023 Art 30.7 [S]; vn-2025 keeps them [U]); others: more than 50%.',
      ),
    }),
    {},
  ),
});

type CouncilVoteCounts = { membersTotal: number; present: number; writtenVotes: number; votes: { yes: number }[]; tieChoices: { tieId: string; chosen: string[]; yes: number }[] };
function checkCounts(v: CouncilVoteCounts, ctx: z.core.$RefinementCtx) {
  if (v.present > v.membersTotal) ctx.addIssue({ code: 'custom', path: ['present'], message: `không được vượt quá membersTotal (${v.membersTotal})` });
  if (v.present + v.writtenVotes > v.membersTotal) {
    ctx.addIssue({ code: 'custom', path: ['writtenVotes'], message: `present + writtenVotes không được vượt quá membersTotal (${v.membersTotal})` });
  }
  v.votes.forEach((b, i) => {
    if (b.yes > v.present + v.writtenVotes) {
      ctx.addIssue({ code: 'custom', path: ['votes', i, 'yes'], message: `không được vượt quá số thành viên đã biểu quyết (${v.present + v.writtenVotes})` });
    }
  });
  const tieIds = new Set<string>();
  v.tieChoices.forEach((c, i) => {
    if (c.yes > v.present + v.writtenVotes) {
      ctx.addIssue({ code: 'custom', path: ['tieChoices', i, 'yes'], message: `không được vượt quá số thành viên đã biểu quyết (${v.present + v.writtenVotes})` });
    }
    if (tieIds.has(c.tieId)) ctx.addIssue({ code: 'custom', path: ['tieChoices', i, 'tieId'], message: `trường hợp đồng hạng "${c.tieId}" đã có lựa chọn` });
    tieIds.add(c.tieId);
    if (new Set(c.chosen).size !== c.chosen.length) ctx.addIssue({ code: 'custom', path: ['tieChoices', i, 'chosen'], message: 'không được lặp lại một lựa chọn' });
  });
}

/** One council ballot (Hội đồng Thi đua - Khen thưởng), docs/legal-sources.md §1.8 and §3.5. */
export const CouncilVote = /* @__PURE__ */ z.lazy(() => z.strictObject({ ruleSet: RuleSetId, ...councilVoteShape() }).check(z.superRefine(checkCounts)));
/** The ballot as the Office records it: the rule set is the proposal's, not the caller's to choose. */
/** Who chaired and who took the minutes, where and when: the Biên bản of the meeting is drawn up from them (issue 12). */
export const CouncilMeeting = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    date: describe(z.optional(isoDate), 'The meeting’s day; default the day the ballot is recorded'),
    start: describe(z.optional(text(20)), 'e.g. "08 giờ 00"'),
    end: describe(z.optional(text(20)), 'e.g. "10 giờ 30"'),
    venue: describe(text(300), 'Địa điểm, e.g. "Phòng họp tầng 2, Sở Ngoại vụ"'),
    chair: describe(z.strictObject({ name: text(200), position: text(200) }), 'Chủ trì: the Council’s chair'),
    secretary: describe(z.strictObject({ name: text(200), position: text(200) }), 'Thư ký'),
  }),
);
export type CouncilMeeting = z.infer<typeof CouncilMeeting>;

export const CouncilVoteRequest = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({ ...councilVoteShape(), meeting: describe(z.optional(CouncilMeeting), 'The meeting, for its minutes (Biên bản): without it no minutes are drawn up') })
    .check(z.superRefine(checkCounts)),
);
export type CouncilVoteRequest = z.infer<typeof CouncilVoteRequest>;
export type CouncilVote = z.infer<typeof CouncilVote>;
export type CouncilVoteInput = z.input<typeof CouncilVote>;
