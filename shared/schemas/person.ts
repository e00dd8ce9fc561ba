import * as z from 'zod/mini';
import { describe, id, isoDate, optionalText, text } from './fields';

/**
 * The agency's staff list (danh sách cán bộ, công chức, viên chức, người lao động; issue 13): who a nomination's
 * `personId` names, and whose achievement record (`GET /people/{personId}/record`) the system keeps across years.
 * The Office imports it from its spreadsheet (`POST /imports`, kind `staff`) or puts one person at a time.
 * `personId` is unique within the agency (the agency's own staff code, e.g. "CB0123"); the same id in another agency
 * is another person.
 */
export const PersonInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: describe(text(200), 'Full name, as on the decision'),
    gender: z.enum(['female', 'male']),
    unitId: describe(id, 'The unit the person works in (a unit of the directory)'),
    position: describe(optionalText(200), 'Chức vụ, e.g. "Chuyên viên", "Trưởng phòng"'),
    hireDate: describe(isoDate, 'Ngày tuyển dụng: the start of the tenure some titles count'),
  }),
);
export type PersonInput = z.infer<typeof PersonInput>;

export const Person = /* @__PURE__ */ z.lazy(() =>
  z.object({
    personId: z.string(),
    name: z.string(),
    gender: z.enum(['female', 'male']),
    unitId: z.string(),
    position: z.optional(z.string()),
    hireDate: z.string(),
    updatedAt: z.string(),
  }),
);
export type Person = z.infer<typeof Person>;
