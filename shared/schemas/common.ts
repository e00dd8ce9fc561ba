import { z } from 'zod';

/** Vietnamese text is stored NFC-normalised (docs/architecture.md "Standards"): decomposed input from some keyboards compares equal. */
export const text = (max = 2000) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max));

export const optionalText = (max = 2000) => text(max).optional();

export const email = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email());

/** ISO 8601 with an explicit offset, as deadlines are instants the Office states in local time. */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A calendar date of the letter (ngày ký), YYYY-MM-DD. */
export const isoDate = z.iso.date();

/** Directory codes are what the Office types in Nơi nhận: short, upper-case, stable. */
export const code = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,63}$/, 'must be 1–64 characters of A–Z, 0–9, _ or -, starting with a letter or digit');

export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 characters of A–Z, a–z, 0–9, _ or -');
