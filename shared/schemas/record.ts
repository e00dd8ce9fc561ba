import * as z from 'zod/mini';
import { id, isoDate } from './fields';
import { Title } from './titles';

/**
 * Achievement records (hồ sơ thành tích, issue 13): every award a campaign's results decided, kept against the person or
 * the collective across years. The decision engine checks a nomination's declared past titles against them
 * (shared/domain/decision/claims.ts), `GET /people/{personId}/record` and `GET /units/{unitId}/record` list them, and the
 * Ministry's statistical forms count them (shared/statistics/).
 *
 * `awarded`: the agency's head decided it (its Quyết định). `proposed`: the agency's Council passed it and the agency
 * proposed it up the line (Tờ trình đề nghị); the decision is the superior's and is not in the system, so a proposed
 * record never verifies a claim on its own.
 */
export const RecordSubject = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('individual'), personId: z.string(), name: z.string(), unitId: id, gender: z.optional(z.enum(['female', 'male'])) }),
    z.strictObject({ kind: z.literal('collective'), unitId: id, name: z.optional(z.string()) }),
  ]),
);
export type RecordSubject = z.infer<typeof RecordSubject>;

/** The document an award rests on: the agency's Quyết định (awarded) or its Tờ trình đề nghị (proposed). */
export const RecordDocument = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    /** "05/QĐ-SNgV"; absent only for results finalized before the register (issue 12). */
    number: z.optional(z.string()),
    /** The day the results were finalized (the document's date). */
    date: isoDate,
    /** Who decided or to whom it was proposed: "Giám đốc Sở Ngoại vụ", "Chủ tịch Ủy ban nhân dân tỉnh". */
    decidedBy: z.string(),
  }),
);
export type RecordDocument = z.infer<typeof RecordDocument>;

export const AwardRecord = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    agencyId: z.string(),
    subject: RecordSubject,
    /** The assessment year of the campaign (năm đánh giá), not the year it was decided in. */
    year: z.number().check(z.int()),
    title: Title,
    outcome: z.enum(['awarded', 'proposed']),
    campaignId: z.string(),
    campaignTitle: z.string(),
    nominationId: z.string(),
    document: RecordDocument,
    recordedAt: z.string(),
  }),
);
export type AwardRecord = z.infer<typeof AwardRecord>;

/**
 * What the agency's records cover: one entry per (year, title) its finalized campaigns decided on, whoever was
 * nominated. A claimed past title of a covered year and title that no record holds is contradicted; one of a year and
 * title not covered predates the records and stands as declared.
 */
export const RecordCoverage = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ year: z.number().check(z.int()), title: Title, campaignId: z.string(), campaignTitle: z.string(), document: RecordDocument }),
);
export type RecordCoverage = z.infer<typeof RecordCoverage>;

export const AwardRecordList = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(AwardRecord) }));
