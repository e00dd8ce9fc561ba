import * as z from 'zod';
import { code, id, isoDate, isoDateTime, optionalText, text } from './common';
import { RuleOptions } from './nomination';
import { ScoringTable } from './scoring';
import { CampaignStatus } from './campaign-item';

/*
 * Every object schema here is built on its first use (`z.lazy`), not at module load: the API serves
 * one route per invocation and a stream consumer parses few of them, so a cold start builds only
 * the schemas its request needs (issue 9 "Lighter bundles": building them all was 15–38 ms of each
 * cold import, `npm run bench`). Parsing, messages and the OpenAPI document are unchanged.
 */

/**
 * Số và ký hiệu (NĐ 30/2020/NĐ-CP, Phụ lục I; docs/legal-sources.md §5.1): number, optional year, then
 * groups joined by "-". Ký hiệu is written in capitals, but real agency abbreviations keep a
 * lower-case letter ("SNgV" for Sở Ngoại vụ), so lower case is accepted after a group's first letter.
 */
export const documentNumber = z.lazy(() =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().regex(/^\d{1,5}(\/\d{4})?\/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$/u, 'phải là số, ký hiệu văn bản, ví dụ "15/KH-SNgV" hoặc "86/2025/QĐ-UBND"')),
);

export const Signer = z.lazy(() => z.object({ name: text(200), position: text(200) }).strict());

export const Deadlines = z.lazy(() =>
  z
    .object({
      registration: isoDateTime.optional(),
      /** Sơ kết reports; when absent, mid-year reports share the final reports' deadline. */
      midYearReports: isoDateTime.optional(),
      reports: isoDateTime.optional(),
      nominations: isoDateTime,
    })
    .strict()
    .superRefine((d, ctx) => {
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
);

const paragraphs = (what: string) => z.array(text(20000)).max(100).describe(what);

export const CampaignInput = z.lazy(() =>
  z
    .object({
      documentNumber: documentNumber.describe('Số, ký hiệu, e.g. "15/KH-SNgV"'),
      title: text(500).describe('Trích yếu, e.g. "Phong trào thi đua thực hiện thắng lợi nhiệm vụ chính trị năm 2023"'),
      issuingBody: text(300).describe('Tên cơ quan ban hành, e.g. "SỞ NGOẠI VỤ"'),
      parentBody: optionalText(300).describe('Cơ quan chủ quản, e.g. "UBND TỈNH LẠNG SƠN"'),
      place: text(100).describe('Địa danh, e.g. "Lạng Sơn"'),
      date: isoDate.optional().describe('Ngày ban hành; defaults to the day it is issued'),
      theme: text(5000).describe('Chủ đề'),
      slogan: optionalText(500).describe('Khẩu hiệu'),
      legalBases: paragraphs('Căn cứ').min(1),
      goals: paragraphs('Mục tiêu').min(1),
      contents: paragraphs('Nội dung').min(1),
      implementation: paragraphs('Tổ chức thực hiện').min(1),
      closing: optionalText(5000).describe('Lời kêu gọi cuối thư'),
      signer: Signer,
      recipientGroups: z
        .array(code)
        .min(1)
        .max(50)
        .refine((a) => new Set(a).size === a.length, 'không được lặp lại một mã')
        .describe('Nơi nhận: directory codes, in the letter’s order'),
      participatingUnits: z
        .array(id)
        .max(1000)
        .refine((a) => new Set(a).size === a.length, 'không được lặp lại một đơn vị')
        .default([]),
      deadlines: Deadlines,
      scoringTable: ScoringTable.optional().describe('Thang điểm: fixed once the campaign is issued'),
      officeGroup: code.optional().describe('The Office (Văn phòng) to notify of reports: a recipient-group code'),
      councilGroup: code.optional().describe('The Hội đồng TĐKT: a recipient-group code'),
      referenceDate: isoDate.optional().describe('The date whose law decides nominations (rule sets vn-2017, vn-2024, vn-2025); default: the nomination deadline’s day in Vietnam'),
      ruleOptions: RuleOptions.optional().describe('Per-campaign settings of the rules the notes mark unverified, and quotas; each default states its source'),
    })
    .strict(),
);
export type CampaignInput = z.infer<typeof CampaignInput>;

// The status enum lives beside the stored shape (zod/mini, ./campaign-item.ts says why).
export { CampaignStatus } from './campaign-item';

export const Campaign = z.lazy(() =>
  CampaignInput._zod.innerType.extend({
    id: z.string(),
    status: CampaignStatus,
    version: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    issuedAt: z.string().optional(),
    issuedBy: z.string().optional(),
    nominationsClosedAt: z.string().optional(),
    nominationsClosedBy: z.string().optional(),
    finalizedAt: z.string().optional(),
    finalizedBy: z.string().optional(),
  }),
);
export type Campaign = z.infer<typeof Campaign>;

export const CampaignList = z.lazy(() => z.object({ items: z.array(Campaign), nextCursor: z.string().optional() }));

export const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(2000).optional() }).strict();
