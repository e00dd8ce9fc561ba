import * as z from 'zod/mini';
import { uploadFileFields } from '../files/schemas';
import { describe, id } from './fields';

/**
 * Spreadsheet imports (issue 13): the Office (or a unit, for its own nominations) asks for an upload URL, uploads the
 * .xlsx, then applies it. A file with any bad cell is refused whole, every bad cell named; a good one is applied
 * whole, and applying the same file again changes nothing. zod/mini and built on first use (./fields.ts says why).
 */
export const IMPORT_KINDS = ['units', 'staff', 'recipient-groups', 'nominations'] as const;
export const ImportKindName = z.enum(IMPORT_KINDS);

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSX_MIME = XLSX_MEDIA_TYPE;

/** The spreadsheets' names in their paths (API Gateway takes a parameter only as a whole path segment). */
export const TEMPLATE_FILES = ['units.xlsx', 'staff.xlsx', 'recipient-groups.xlsx', 'nominations.xlsx'] as const;
export const EXPORT_FILES = ['registrations.xlsx', 'reports.xlsx', 'standings.xlsx', 'standings.csv', 'proposal.xlsx', 'results.xlsx', 'results.csv'] as const;

export const ImportRequest = z.lazy(() => {
  const { filename, size, sha256 } = uploadFileFields();
  return z.strictObject({
    kind: describe(ImportKindName, 'What the workbook holds; its template is GET /templates/{kind}.xlsx'),
    campaignId: describe(z.optional(id), 'For `nominations`: the campaign they are filed in'),
    filename,
    size,
    sha256,
    contentType: describe(z.literal(XLSX_MIME), 'An .xlsx workbook'),
  });
});
export type ImportRequest = z.infer<typeof ImportRequest>;

/** One bad cell (or a problem of the whole file or sheet, with `row`/`column` null), in Vietnamese. */
export const ImportCellError = z.lazy(() =>
  z.object({
    sheet: z.string(),
    row: z.nullable(z.number()),
    column: z.nullable(z.object({ letter: z.string(), header: z.string() })),
    message: z.string(),
  }),
);

export const ImportStatus = z.enum(['awaiting-upload', 'refused', 'applying', 'applied']);

/** As stored and returned. */
export const ImportRecord = z.lazy(() =>
  z.object({
    importId: z.string(),
    kind: ImportKindName,
    campaignId: z.optional(z.string()),
    filename: z.string(),
    size: z.number(),
    sha256: z.string(),
    status: ImportStatus,
    requestedBy: z.string(),
    requestedAt: z.string(),
    /** Set once applied: how many rows were new, changed, and already as the file says. */
    counts: z.optional(z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() })),
    /** Set when refused: every bad cell, as the 400 answered. */
    errors: z.optional(z.array(ImportCellError)),
    appliedAt: z.optional(z.string()),
  }),
);
export type ImportRecord = z.infer<typeof ImportRecord>;
