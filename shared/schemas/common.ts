import * as z from 'zod';
// Field messages in Vietnamese (README "Errors"): set before any schema of this module parses.
import './locale';
import { CODE_MESSAGE, CODE_PATTERN, ID_MESSAGE, ID_PATTERN } from './ids';

/**
 * Control characters (C0 but tab, line feed and carriage return; DEL; C1) have no place in a letter, a name or an
 * email subject: they corrupt terminals, logs and mail headers. Refused, not stripped, so the sender sees why.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this pattern is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Characters that print as nothing: a name made only of these (and spaces) is blank. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/g;

/** Vietnamese text is stored NFC-normalised (docs/architecture.md "Standards"): decomposed input from some keyboards compares equal. */
export const text = (max = 2000) =>
  z
    .string()
    .refine((s) => !CONTROL.test(s), 'không được chứa ký tự điều khiển')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .refine((s) => s.replace(INVISIBLE, '') !== '', 'không được để trống')
        .pipe(z.string().max(max)),
    );

export const optionalText = (max = 2000) => text(max).optional();

// The shared field schemas below are `z.lazy`, like every object schema of the input modules: built
// on the first parse that needs them, so that importing the schemas builds (and compiles) nothing
// a cold start's request does not use (issue 9 "Lighter bundles", `npm run bench`).

export const email = z.lazy(() =>
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.email()),
);

/** ISO 8601 with an explicit offset, as deadlines are instants the Office states in local time. */
export const isoDateTime = z.lazy(() => z.iso.datetime({ offset: true }));

/** A calendar date of the letter (ngày ký), YYYY-MM-DD. */
export const isoDate = z.lazy(() => z.iso.date());

/** Directory codes are what the Office types in Nơi nhận: short, upper-case, stable (patterns and messages: ./ids.ts). */
export const code = z.lazy(() => z.string().regex(CODE_PATTERN, CODE_MESSAGE));

export const id = z.lazy(() => z.string().regex(ID_PATTERN, ID_MESSAGE));
