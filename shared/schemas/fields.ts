import * as z from 'zod/mini';
// Field messages in Vietnamese (README "Errors"): set before any schema of this module parses.
import './locale';
import { CODE_MESSAGE, CODE_PATTERN, ID_MESSAGE, ID_PATTERN } from './ids';

/*
 * The field schemas every input schema is made of, in zod/mini: the input schemas (./campaign.ts,
 * ./scoring.ts, ./nomination.ts, …) are mini too, so that a function bundles classic zod only if it
 * imports it itself (issue 9 "Lighter bundles", `npm run bench`). Each check is the one classic zod's
 * method adds (`.min(n)` on a string is `z.minLength(n)`, `.refine` is `z.refine`, `.transform` a pipe
 * into `z.transform`), so values parse, and are refused with the same paths and messages, as before.
 * ./common.ts offers the same fields to the schemas still written in classic zod.
 *
 * Every top-level `z.lazy(…)` of these modules carries a `@__PURE__` annotation: zod/mini marks its `lazy` as
 * free of side effects, but esbuild does not carry that through the `z` namespace, so without the mark
 * a bundle kept every schema of a module it imported one schema from (the consumer that decides
 * nominations held the rule options, the quotas and the council ballot, with their descriptions).
 */

/**
 * Control characters (C0 but tab, line feed and carriage return; DEL; C1) have no place in a letter, a name or an
 * email subject: they corrupt terminals, logs and mail headers. Refused, not stripped, so the sender sees why.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Characters that print as nothing: a name made only of these (and spaces) is blank. */
export const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/g;

/** Vietnamese text is stored NFC-normalised (docs/architecture.md "Standards"): decomposed input from some keyboards compares equal. */
export const text = (max = 2000) =>
  z.pipe(
    z.pipe(
      z.string().check(z.refine((s) => !CONTROL.test(s), 'không được chứa ký tự điều khiển')),
      z.transform((s: string) => s.normalize('NFC').trim()),
    ),
    z.pipe(z.string().check(z.refine((s) => s.replace(INVISIBLE, '') !== '', 'không được để trống')), z.string().check(z.maxLength(max))),
  );

export const optionalText = (max = 2000) => z.optional(text(max));

/** A description for the API document, as classic zod's `.describe()` gives one (a copy of the schema, registered with it). */
export const describe = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, { description });
  return copy;
};

// The shared field schemas below are `z.lazy`: built on the first parse that needs them, so that
// importing the schemas builds (and compiles) nothing a cold start's request does not use.

export const email = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.trim().toLowerCase()),
    ),
    z.email(),
  ),
);

/** ISO 8601 with an explicit offset, as deadlines are instants the Office states in local time. */
export const isoDateTime = /* @__PURE__ */ z.lazy(() => z.iso.datetime({ offset: true }));

/** A calendar date of the letter (ngày ký), YYYY-MM-DD. */
export const isoDate = /* @__PURE__ */ z.lazy(() => z.iso.date());

/** Directory codes are what the Office types in Nơi nhận: short, upper-case, stable (patterns and messages: ./ids.ts). */
export const code = /* @__PURE__ */ z.lazy(() => z.string().check(z.regex(CODE_PATTERN, CODE_MESSAGE)));

export const id = /* @__PURE__ */ z.lazy(() => z.string().check(z.regex(ID_PATTERN, ID_MESSAGE)));

/** An agency's part of a ký hiệu ("SNgV" in "15/KH-SNgV"): groups of capitals and digits, lower case after a group's first letter. */
export const documentSymbol = /* @__PURE__ */ z.lazy(() => z.string().check(z.regex(/^[A-ZĐ0-9][A-Za-zĐđ0-9]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$/u, 'ký hiệu viết tắt tên cơ quan, ví dụ "SNgV"')));
