import * as z from 'zod';
import { id, isoDate, text } from './common';
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
 * Every object schema here is built on its first use (`z.lazy`), not at module load: the API serves
 * one route per invocation and a stream consumer parses few of them, so a cold start builds only
 * the schemas its request needs (issue 9 "Lighter bundles": building them all was 15–38 ms of each
 * cold import, `npm run bench`). Parsing, messages and the OpenAPI document are unchanged.
 */

/** Hình thức kỷ luật, lightest first (Luật Cán bộ, công chức; Luật Viên chức). */
export const DisciplineLevel = z.lazy(() => z.enum(['khien-trach', 'canh-cao', 'ha-bac-luong', 'giang-chuc', 'cach-chuc', 'buoc-thoi-viec']));
export type DisciplineLevel = z.infer<typeof DisciplineLevel>;

const year = z.lazy(() => z.number().int().min(1945).max(2200));

/**
 * `pending`: being considered for discipline, or under investigation/inspection/complaint (NĐ 152/2025 Art 4.4: defer).
 * `in-effect`: serving a disciplinary period. `served`: the period ended on `endedOn`; achievements count only from then.
 */
export const Discipline = z.lazy(() =>
  z
    .object({
      status: z.enum(['none', 'pending', 'in-effect', 'served']),
      level: DisciplineLevel.optional(),
      endedOn: isoDate.optional(),
    })
    .strict()
    .superRefine((d, ctx) => {
      if ((d.status === 'in-effect' || d.status === 'served') && !d.level) {
        ctx.addIssue({ code: 'custom', path: ['level'], message: `bắt buộc khi status là ${d.status}` });
      }
      if (d.status === 'served' && !d.endedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'bắt buộc khi status là served' });
      if (d.status !== 'served' && d.endedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'chỉ dùng khi status là served' });
    }),
);
export type Discipline = z.infer<typeof Discipline>;

/** A sáng kiến or an accepted đề tài/đề án/công trình khoa học, with the level that recognised it. */
export const Initiative = z.lazy(() =>
  z
    .object({
      id,
      title: text(500),
      recognisedBy: z.enum(['unit', 'province', 'national']),
      recognisedOn: isoDate,
      kind: z.enum(['initiative', 'research']),
    })
    .strict(),
);
export type Initiative = z.infer<typeof Initiative>;

export const PastTitle = z.lazy(() => z.object({ year, title: Title }).strict());
export const PastRating = z.lazy(() => z.object({ year, rating: TaskRating }).strict());

export const IndividualNominee = z.lazy(() =>
  z
    .object({
      kind: z.literal('individual'),
      /** Stable person id; links one person's LĐTT, CSTĐCS and Bằng khen nominations. Default: unitId|name|hireDate. */
      personId: id.optional(),
      name: text(200),
      gender: z.enum(['female', 'male']),
      /** The unit whose standing ranks this person in quota cuts. */
      unitId: id,
      /** The collective (phòng, ban) whose member shares this person counts in; default `unitId`. */
      memberOf: id.optional(),
      hireDate: isoDate,
      taskRating: TaskRating,
      discipline: Discipline.default({ status: 'none' }),
      initiatives: z.array(Initiative).max(100).default([]),
      pastTitles: z.array(PastTitle).max(200).default([]),
      /** Past years' task ratings: the "02 năm liên tục HTXSNV" route of Bằng khen needs them. */
      pastRatings: z.array(PastRating).max(200).default([]),
    })
    .strict(),
);
export type IndividualNominee = z.infer<typeof IndividualNominee>;

const count = z.lazy(() => z.number().int().min(0));

export const CollectiveNominee = z.lazy(() =>
  z
    .object({
      kind: z.literal('collective'),
      unitId: id,
      name: text(200).optional(),
      taskRating: TaskRating,
      members: z
        .object({
          total: z.number().int().min(1),
          byRating: z.object({ HTXSNV: count, HTTNV: count, HTNV: count, KHTNV: count }).strict(),
          women: count,
          /** Members already LĐTT this year who are NOT nominated in this campaign. */
          ldtt: count.optional(),
          /** Members already CSTĐCS this year who are NOT nominated in this campaign (TTLĐXS needs one). */
          cstdcs: count.optional(),
        })
        .strict(),
      disciplinedMembers: z.object({ khienTrach: count, canhCao: count, higher: count }).strict().default({ khienTrach: 0, canhCao: 0, higher: 0 }),
      /** The collective's own situation (NĐ 152/2025 Art 4.4 covers "cá nhân, tập thể"). */
      discipline: Discipline.default({ status: 'none' }),
      pastTitles: z.array(PastTitle).max(200).default([]),
      pastRatings: z.array(PastRating).max(200).default([]),
      /** Led its provincial cụm/khối this year (Cờ thi đua, Bắc Ninh QĐ 86/2025 Art 3.1). */
      ledCluster: z.boolean().optional(),
      /** Exceeded the year's emulation targets and assigned tasks (Cờ thi đua). */
      exceededTargets: z.boolean().optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
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
);
export type CollectiveNominee = z.infer<typeof CollectiveNominee>;

export const Nominee = z.lazy(() => z.discriminatedUnion('kind', [IndividualNominee, CollectiveNominee]));
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
  grounds: z.enum(['record', 'movement']).optional(),
});

function checkTitleFitsNominee(n: { nominee: Nominee; title: Title; grounds?: 'record' | 'movement' | undefined }, ctx: z.RefinementCtx) {
  const allowed = n.nominee.kind === 'individual' ? INDIVIDUAL_TITLES : COLLECTIVE_TITLES;
  if (!allowed.includes(n.title)) {
    ctx.addIssue({ code: 'custom', path: ['title'], message: `${n.title} không xét cho ${n.nominee.kind === 'individual' ? 'cá nhân' : 'tập thể'}` });
  }
  if (n.grounds !== undefined && n.title !== 'BANG_KHEN_TINH') {
    ctx.addIssue({ code: 'custom', path: ['grounds'], message: 'chỉ dùng cho BANG_KHEN_TINH' });
  }
}

export const Nomination = z.lazy(() => z.object(nominationShape()).strict().superRefine(checkTitleFitsNominee));
export type Nomination = z.infer<typeof Nomination>;

/** A nomination as the engine decides it: its id, and whether the nominee registered for the emulation (§1.4). */
export const NominationEntry = z.lazy(() =>
  z
    .object({ ...nominationShape(), id, registered: z.boolean() })
    .strict()
    .superRefine(checkTitleFitsNominee),
);
export type NominationEntry = z.infer<typeof NominationEntry>;

const pct = z.lazy(() => z.number().int().min(0).max(100));

export const QuotaRule = z.lazy(() =>
  z
    .object({
      individualsPct: pct.optional().describe('At most this % of the individuals base may receive the title or form (rounded down).'),
      collectivesPct: pct.optional().describe('At most this % of the collectives base may receive the title or form (rounded down).'),
      individualsBase: count.optional().describe('Headcount the % applies to ("cá nhân trực tiếp tham gia"). Default: distinct individuals nominated in this campaign, any title.'),
      collectivesBase: count.optional().describe('Number of collectives the % applies to ("tập thể tham gia"). Default: distinct units in the unit standings or nominated as collectives.'),
      minimum: count
        .default(0)
        .describe('Seats granted even when the % rounds below it. Default 0: "không quá x%" is an upper bound, so rounding is down with no floor unless the plan says otherwise.'),
      source: text(400).optional().describe('The legal basis of the quota, cited in every quota check, e.g. "Quyết định số 10/2024/QĐ-UBND của UBND thành phố Cần Thơ, điểm a khoản 2 Điều 9".'),
    })
    .strict()
    .refine((q) => q.individualsPct !== undefined || q.collectivesPct !== undefined, { message: 'cần individualsPct hoặc collectivesPct' }),
);
export type QuotaRule = z.infer<typeof QuotaRule>;

/** Titles a campaign quota may cover. CSTĐCS has its own cap (`cstdcsCapPct`), whose base is the number of LĐTT. */
export const QuotaTitle = z.lazy(() => z.enum(['LDTT', 'CSTD_TINH', 'TTLDTT', 'TTLDXS', 'GIAY_KHEN', 'BANG_KHEN_TINH', 'CO_THI_DUA_TINH']));
export type QuotaTitle = z.infer<typeof QuotaTitle>;

/**
 * The [U] rules of the notes, configurable per campaign. Every field is optional: an absent field takes the default of
 * the rule set in force on the reference date (shared/domain/rules/vn-*.ts), and the decision output lists the value
 * used and where it came from.
 */
export const RuleOptions = z.lazy(() =>
  z
    .object({
      registrationRequired: z
        .boolean()
        .optional()
        .describe(
          'Only registered nominees are considered for emulation titles (not for forms: Giấy khen, Bằng khen). Default true in every rule set. Source: old-regime principle "không đăng ký thi đua sẽ không được xem xét, công nhận các danh hiệu thi đua" (training material, docs/legal-sources.md §1.4) [U]: not confirmed in TT 01/2024 or TT 15/2025.',
        ),
      cstdcsCapPct: pct
        .nullable()
        .optional()
        .describe(
          'CSTĐCS may not exceed this % of the number of LĐTT (rounded down); null = no cap. Default vn-2017: 15 (NĐ 91/2017/NĐ-CP Điều 9 khoản 3 [S]); vn-2024, vn-2025: null (Law 2022 Art 23 and NĐ 98/2023 set none [S]); a province or sector may still set one [U].',
        ),
      ldttCountForCap: count.optional().describe('Number of LĐTT the CSTĐCS cap is computed on. Default: distinct persons meeting LĐTT in this campaign (LĐTT or CSTĐCS nominations).'),
      ttldttLdttShare: z
        .object({ pct, inclusive: z.boolean() })
        .strict()
        .optional()
        .describe(
          'Share of members who must be LĐTT for TTLĐTT. Default vn-2017: more than 50% (pct 50, inclusive false; Luật TĐKT 2003 Điều 28 "trên 50%" [V]); vn-2024, vn-2025: at least 70% (pct 70, inclusive true; Law 2022 Art 28 as reproduced by Bắc Ninh QĐ 86/2025 Art 4.2 [U-ish]).',
        ),
      ldttMinTenureMonths: z
        .number()
        .int()
        .min(0)
        .max(12)
        .optional()
        .describe(
          'LĐTT is not awarded to people hired fewer than this many months before the end of the assessment year. Default vn-2017: 10 (NĐ 91/2017 [S]); vn-2024: 6 (TT 01/2024/TT-BNV [S]); vn-2025: 6 (TT 15/2025 replaces TT 01/2024; the figure is assumed kept [U]).',
        ),
      ldttExcludesKhienTrach: z
        .boolean()
        .optional()
        .describe(
          'No LĐTT for anyone disciplined at khiển trách or above during the assessment year. Default vn-2017: true (NĐ 91/2017 [S]); vn-2024, vn-2025: false ([U] whether TT 01/2024, TT 15/2025 keep it; discipline in the year already rates the person KHTNV).',
        ),
      quotas: z
        .partialRecord(QuotaTitle, QuotaRule)
        .optional()
        .describe(
          'Campaign quotas per title or form. Default: none (no national quota on Bằng khen; provinces set them, e.g. Cần Thơ QĐ 10/2024/QĐ-UBND Art 9.2.a: ≤ 10% of participating collectives and ≤ 5% of individuals [V]).',
        ),
    })
    .strict(),
);
export type RuleOptions = z.infer<typeof RuleOptions>;

/**
 * The scoring core's ranking of units (shared/domain/standings.ts rows can be passed as they are: other fields are
 * dropped). Rank 1 is best, standard competition ranking (1, 2, 2, 4): units sharing a rank are the ones the tie chain
 * could not separate. `tie` may be a boolean or the scoring core's tie object; it is kept as a boolean.
 */
export const UnitStanding = z.lazy(() =>
  z.object({
    unitId: id,
    rank: z.number().int().min(1),
    tie: z
      .union([z.boolean(), z.looseObject({})])
      .optional()
      .transform((t) => (t === undefined ? undefined : t !== false)),
  }),
);
export type UnitStanding = z.infer<typeof UnitStanding>;

export const DecideInput = z.lazy(() =>
  z
    .object({
      /** Ngày xét / ngày trình: chooses the rule set (docs/legal-sources.md §0). */
      referenceDate: isoDate,
      /** The assessment year (năm xét). */
      campaignYear: year,
      nominations: z.array(NominationEntry),
      unitStandings: z.array(UnitStanding).default([]),
      options: RuleOptions.default({}),
      /** Initiative ids already used as the basis of an award in earlier campaigns (CV 5007/BNV-TĐKT). */
      usedInitiatives: z.array(id).default([]),
    })
    .strict()
    .superRefine((input, ctx) => {
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
);
export type DecideInput = z.infer<typeof DecideInput>;

export const RuleSetId = z.lazy(() => z.enum(['vn-2017', 'vn-2024', 'vn-2025']));
export type RuleSetId = z.infer<typeof RuleSetId>;

/** One council ballot (Hội đồng Thi đua - Khen thưởng), docs/legal-sources.md §1.8 and §3.5. */
const councilVoteShape = () => ({
  membersTotal: z.number().int().min(1),
  present: count,
  /** Written opinions of absent members (ý kiến bằng văn bản), counted in the votes. */
  writtenVotes: count,
  /** `award` sessions need ≥ 80% present, others ≥ 2/3 (Bắc Ninh QĐ 86/2025 Art 8.4.b, a province example). */
  session: z.enum(['award', 'general']).default('award'),
  votes: z
    .array(
      z
        .object({
          nominationId: id,
          title: Title,
          yes: count,
          /** Name of the nominee, for the sentence of the minutes. */
          nominee: text(200).optional(),
        })
        .strict(),
    )
    // One ballot line per nomination: a campaign of a province's size stays far below this.
    .max(5000)
    .default([]),
  options: z
    .object({
      quorumPct: pct.optional().describe('Members present needed, in % of all members. Default: 80 for award sessions, 2/3 otherwise (Bắc Ninh QĐ 86/2025 Art 8.4.b [V], a province example).'),
      quorumCountsWritten: z.boolean().optional().describe('Count written opinions toward the quorum. Default false: the source requires members present; written opinions count in the votes only.'),
      thresholds: z
        .partialRecord(Title, pct)
        .optional()
        .describe('Approval needed, in % of ALL members, per title. Default: CSTĐCS, Cờ thi đua 80; CSTĐ tỉnh 90 (NĐ 98/2023 Art 30.7 [S]; vn-2025 keeps them [U]); others: more than 50%.'),
    })
    .strict()
    .default({}),
});

type CouncilVoteCounts = { membersTotal: number; present: number; writtenVotes: number; votes: { yes: number }[] };
function checkCounts(v: CouncilVoteCounts, ctx: z.RefinementCtx) {
  if (v.present > v.membersTotal) ctx.addIssue({ code: 'custom', path: ['present'], message: `không được vượt quá membersTotal (${v.membersTotal})` });
  if (v.present + v.writtenVotes > v.membersTotal) {
    ctx.addIssue({ code: 'custom', path: ['writtenVotes'], message: `present + writtenVotes không được vượt quá membersTotal (${v.membersTotal})` });
  }
  v.votes.forEach((b, i) => {
    if (b.yes > v.present + v.writtenVotes) {
      ctx.addIssue({ code: 'custom', path: ['votes', i, 'yes'], message: `không được vượt quá số thành viên đã biểu quyết (${v.present + v.writtenVotes})` });
    }
  });
}

/** One council ballot (Hội đồng Thi đua - Khen thưởng), docs/legal-sources.md §1.8 and §3.5. */
export const CouncilVote = z.lazy(() =>
  z
    .object({ ruleSet: RuleSetId, ...councilVoteShape() })
    .strict()
    .superRefine(checkCounts),
);
/** The ballot as the Office records it: the rule set is the proposal's, not the caller's to choose. */
export const CouncilVoteRequest = z.lazy(() => z.object(councilVoteShape()).strict().superRefine(checkCounts));
export type CouncilVoteRequest = z.infer<typeof CouncilVoteRequest>;
export type CouncilVote = z.infer<typeof CouncilVote>;
export type CouncilVoteInput = z.input<typeof CouncilVote>;
