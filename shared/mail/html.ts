import { escapeHtml } from './escape';

/**
 * HTML that is safe by construction. Every mail's HTML part is assembled from `SafeHtml` values, and the only ways to
 * make one are the `html` tag (which escapes everything interpolated into it) and `trusted()` (which accepts only
 * strings known when the code is compiled). A name, a title or a reason typed by a user is a `string`: interpolated, it
 * is escaped; it cannot be passed where markup is expected, because no `string` is a `SafeHtml` and `trusted()`
 * refuses a string whose value is only known at run time.
 */

/**
 * Markup the code wrote. The class is not exported: nothing outside this module can construct one, and the private
 * field makes the type nominal, so an object with the same shape (or a `toString` returning tags) is not a SafeHtml.
 */
class Markup {
  readonly #markup: string;
  constructor(markup: string) {
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

export type SafeHtml = Markup;

/** What may be interpolated: text (escaped), a number (printed, escaped), markup (as is), or a list of markup. */
export type Interpolation = string | number | SafeHtml | readonly SafeHtml[];

export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof Markup;
}

/**
 * Text as HTML: the five significant characters escaped, line breaks kept as <br> (a multi-line field of a
 * campaign reads the same in both parts of the mail).
 */
function textAsHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Whatever is not markup is text, including a value typed `any` that slipped past the compiler. */
function interpolate(value: unknown): string {
  if (value instanceof Markup) return value.toString();
  if (Array.isArray(value)) return value.map(interpolate).join('');
  return textAsHtml(String(value));
}

/**
 * `html\`<p style="…">${unit.name}</p>\``: the literal parts are the code's markup, every `${…}` is escaped unless it
 * is itself SafeHtml (another `html` fragment, a `trusted()` constant, or a list of them, joined without separator).
 */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += interpolate(v) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/**
 * Markup or CSS the code itself spells out (a style attribute's value, a constant tag). Only a string whose value the
 * compiler knows is accepted: a string literal, or a template of literals and literal-typed constants. `string`, or a
 * template with a `string` in it, does not compile: runtime text goes through `html` and is escaped.
 */
// `Record<never, never> extends Record<S, true>` (is the empty object a Record<S, true>?) holds exactly when S is
// `string` or a pattern such as `x${string}`, whose Record is an index signature; for a literal, or a union of
// literals, it names required keys and does not hold.
export function trusted<const S extends string>(markup: Record<never, never> extends Record<S, true> ? never : S): SafeHtml {
  return new Markup(markup);
}

/** Fragments joined by a separator that is itself markup (a newline between block elements, a <br> between lines). */
export function joinHtml(parts: readonly SafeHtml[], separator: SafeHtml): SafeHtml {
  // interpolate, not String: a string cast to SafeHtml past the compiler is still escaped.
  return new Markup(parts.map(interpolate).join(interpolate(separator)));
}
