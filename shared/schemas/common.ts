import * as z from 'zod';
import * as fields from './fields';

/*
 * The field schemas of ./fields.ts (zod/mini, the one definition) as classic zod schemas, with
 * classic's methods (`.optional()`, `.describe()`, `.pipe()`), for the schemas still written in classic
 * zod (./agency.ts, ./user.ts). The singletons wrap the mini field in a classic `z.lazy`; `text` is
 * built with the same checks in the same order (a lazy would document `text(n).pipe(…)` by its input
 * side). The input schemas use ./fields.ts directly: a function that imports only those bundles no
 * classic zod (issue 9 "Lighter bundles").
 */

export const text = (max = 2000) =>
  z
    .string()
    .refine((s) => !fields.CONTROL.test(s), 'không được chứa ký tự điều khiển')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .refine((s) => s.replace(fields.INVISIBLE, '') !== '', 'không được để trống')
        .pipe(z.string().max(max)),
    );
export const optionalText = (max = 2000) => text(max).optional();
export const email = /* @__PURE__ */ z.lazy(() => fields.email);
export const isoDateTime = /* @__PURE__ */ z.lazy(() => fields.isoDateTime);
export const isoDate = /* @__PURE__ */ z.lazy(() => fields.isoDate);
export const code = /* @__PURE__ */ z.lazy(() => fields.code);
export const id = /* @__PURE__ */ z.lazy(() => fields.id);
