import * as z from 'zod/mini';
import './locale';

/*
 * Identifiers as zod/mini schemas, for the code that checks a path parameter or a stored item and
 * needs nothing else from zod (the stores, the use cases behind the stream consumers and the tick):
 * their bundles then hold no classic zod (issue 9 "Lighter bundles"). ./fields.ts builds the
 * `code` and `id` of the input schemas (on their first use) from the same patterns and messages,
 * so both refuse the same values with the same words.
 */

/** Directory codes are what the Office types in Nơi nhận: short, upper-case, stable. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
export const CODE_MESSAGE = 'phải gồm 1–64 ký tự A–Z, 0–9, _ hoặc -, bắt đầu bằng chữ hoặc số';
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ID_MESSAGE = 'phải gồm 1–64 ký tự A–Z, a–z, 0–9, _ hoặc -';

export const code = z.string().check(z.regex(CODE_PATTERN, CODE_MESSAGE));
export const id = z.string().check(z.regex(ID_PATTERN, ID_MESSAGE));
