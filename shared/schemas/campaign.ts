import * as z from 'zod/mini';
import { code, describe, id, isoDate, isoDateTime, optionalText, text } from './fields';
import { RuleOptions } from './nomination';
import { ScoringTable } from './scoring';
import { CampaignStatus } from './campaign-item';
import { AgencyLevel } from './agency';

/*
 * zod/mini, like every input schema (./fields.ts says why). Every object schema is built on its first
 * use (`z.lazy`), not at module load: the API serves one route per invocation, so a cold start builds
 * only the schemas its request needs (issue 9 "Lighter bundles", `npm run bench`). Parsing, messages
 * and the OpenAPI document are those of the classic schemas they replace.
 */

/**
 * Số và ký hiệu (NĐ 30/2020/NĐ-CP, Phụ lục I; docs/legal-sources.md §5.1): number, optional year, then
 * groups joined by "-". Ký hiệu is written in capitals, but real agency abbreviations keep a
 * lower-case letter ("SNgV" for Sở Ngoại vụ), so lower case is accepted after a group's first letter.
 */
export const documentNumber = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.normalize('NFC').trim()),
    ),
    z.string().check(z.regex(/^\d{1,5}(\/\d{4})?\/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$/u, 'phải là số, ký hiệu văn bản, ví dụ "15/KH-SNgV" hoặc "86/2025/QĐ-UBND"')),
  ),
);

export const Signer = /* @__PURE__ */ z.lazy(() => z.strictObject({ name: text(200), position: text(200) }));

export const Deadlines = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      registration: z.optional(isoDateTime),
      /** Sơ kết reports; when absent, mid-year reports share the final reports' deadline. */
      midYearReports: z.optional(isoDateTime),
      reports: z.optional(isoDateTime),
      nominations: isoDateTime,
    })
    .check(
      z.superRefine((d, ctx) => {
        const order = [
          ['registration', d.registration],
          ['midYearReports', d.midYearReports],
          ['reports', d.reports],
          ['nominations', d.nominations],
        ] as const;
        let prev: { key: string; at: number } | undefined;
        for (const [key, value] of order) {
          if (!value) continue;
          const at = Date.parse(value);
          if (prev && at < prev.at) ctx.addIssue({ code: 'custom', path: [key], message: `không được trước ${prev.key}` });
          prev = { key, at };
        }
      }),
    ),
);

const paragraphs = (what: string) => describe(z.array(text(20000)).check(z.maxLength(100)), what);

export const CampaignInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    documentNumber: describe(documentNumber, 'Số, ký hiệu, e.g. "15/KH-SNgV"'),
    title: describe(text(500), 'Trích yếu, e.g. "Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023"'),
    issuingBody: describe(text(300), 'Tên cơ quan ban hành, e.g. "SỞ NGOẠI VỤ"'),
    parentBody: describe(optionalText(300), 'Cơ quan chủ quản, e.g. "UBND TỈNH LẠNG SƠN"'),
    place: describe(text(100), 'Địa danh, e.g. "Lạng Sơn"'),
    date: describe(z.optional(isoDate), 'Ngày ban hành; defaults to the day it is issued'),
    theme: describe(text(5000), 'Chủ đề'),
    slogan: describe(optionalText(500), 'Khẩu hiệu'),
    legalBases: paragraphs('Căn cứ').check(z.minLength(1)),
    goals: paragraphs('Mục tiêu').check(z.minLength(1)),
    contents: paragraphs('Nội dung').check(z.minLength(1)),
    implementation: paragraphs('Tổ chức thực hiện').check(z.minLength(1)),
    closing: describe(optionalText(5000), 'Lời kêu gọi cuối thư'),
    signer: Signer,
    recipientGroups: describe(
      z.array(code).check(
        z.minLength(1),
        z.maxLength(50),
        z.refine((a) => new Set(a).size === a.length, 'không được lặp lại một mã'),
      ),
      'Nơi nhận: directory codes, in the letter’s order',
    ),
    participatingUnits: z._default(
      z.array(id).check(
        z.maxLength(1000),
        z.refine((a) => new Set(a).size === a.length, 'không được lặp lại một đơn vị'),
      ),
      [],
    ),
    deadlines: Deadlines,
    scoringTable: describe(z.optional(ScoringTable), 'Thang điểm: fixed once the campaign is issued'),
    officeGroup: describe(z.optional(code), 'The Office (Văn phòng) to notify of reports: a recipient-group code'),
    councilGroup: describe(z.optional(code), 'The Hội đồng TĐKT: a recipient-group code'),
    referenceDate: describe(z.optional(isoDate), 'The date whose law decides nominations (rule sets vn-2017, vn-2024, vn-2025); default: the nomination deadline’s day in Vietnam'),
    assessmentYear: describe(
      z.optional(z.number().check(z.int(), z.gte(1945), z.lte(2200))),
      'Năm đánh giá: the year whose work is judged (tenure, consecutive years, initiatives); the reference date still chooses the law. Default: the letter’s year (its date), else the year of the final reports’ deadline, else of the nomination deadline',
    ),
    ruleOptions: describe(z.optional(RuleOptions), 'Per-campaign settings of the rules the notes mark unverified, and quotas; each default states its source'),
    kind: describe(
      z.optional(z.enum(['regular', 'thematic'])),
      'Thi đua thường xuyên (the year’s regular movement) or theo chuyên đề (a thematic one, for a period): the Ministry’s form 0601.N counts them apart. Default: regular',
    ),
  }),
);
export type CampaignInput = z.infer<typeof CampaignInput>;

// The status enum lives beside the stored shape (zod/mini, ./campaign-item.ts says why).
export { CampaignStatus } from './campaign-item';

export const Campaign = /* @__PURE__ */ z.lazy(() =>
  z.extend(CampaignInput._zod.innerType, {
    id: z.string(),
    /** The issuing agency (the caller's, never from the body) and its level, which bounds the titles it may award. */
    agencyId: z.string(),
    agencyLevel: z.optional(AgencyLevel),
    status: CampaignStatus,
    version: z.number().check(z.int()),
    createdAt: z.string(),
    createdBy: z.string(),
    issuedAt: z.optional(z.string()),
    issuedBy: z.optional(z.string()),
    nominationsClosedAt: z.optional(z.string()),
    nominationsClosedBy: z.optional(z.string()),
    finalizedAt: z.optional(z.string()),
    finalizedBy: z.optional(z.string()),
  }),
);
export type Campaign = z.infer<typeof Campaign>;

export const CampaignList = /* @__PURE__ */ z.lazy(() => z.object({ items: z.array(Campaign), nextCursor: z.optional(z.string()) }));

export const ListQuery = z.strictObject({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20), cursor: z.optional(z.string().check(z.maxLength(2000))) });
