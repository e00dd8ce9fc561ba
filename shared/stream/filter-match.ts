/**
 * Lambda event filtering, as an event source mapping applies it to DynamoDB stream records, for the
 * pattern subset the wiring uses (`FilterValue`). The stream router (functions/stream-router.ts)
 * routes each record with it to the queue of every consumer whose patterns match, in the cloud and
 * on the twin alike; the twin's poller also applies the router's own mapping filter with it, since
 * DynamoDB Local's streams apply none (docs/toolchain.md "Stream filters").
 *
 * Semantics follow Lambda/EventBridge content filtering:
 * - every key of a pattern must match (AND); the values listed for one key are alternatives (OR);
 * - a string matches an equal string; `{ prefix }` a string starting with it;
 * - `{ exists: true }` a leaf value that is present, `{ exists: false }` its absence;
 * - `{ 'anything-but': [...] }` a present value equal to none of them;
 * - when the record holds an array at that key, any of its elements may match.
 * The pattern is matched against the record as Lambda sees it: `eventName`, `dynamodb.NewImage`
 * in attribute-value JSON (`{ S: '...' }`), and so on.
 */
/**
 * A Lambda event filter pattern (the EventBridge pattern subset Lambda supports). Only value lists
 * and `{ prefix }`, `{ exists }`, `{ 'anything-but' }` matchers are used: DynamoDB stream filters
 * cannot compare numbers (toolchain notes), so events are filtered on string attributes.
 */
export type FilterValue = string | { prefix: string } | { exists: boolean } | { 'anything-but': string[] };
export interface FilterPattern {
  [key: string]: FilterPattern | FilterValue[];
}

type Json = unknown;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws on a matcher Lambda would accept but this emulation does not know (better than dropping records silently). */
export function assertSupportedPattern(pattern: FilterPattern, path = ''): void {
  if (!isPlainObject(pattern)) throw new Error(`filter pattern${path ? ` at ${path}` : ''} must be an object`);
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) {
      if (value.length === 0) throw new Error(`filter pattern at ${at}: an empty list matches nothing (Lambda rejects it)`);
      for (const v of value) assertSupportedValue(v, at);
    } else {
      assertSupportedPattern(value, at);
    }
  }
}

function assertSupportedValue(v: unknown, at: string): void {
  if (typeof v === 'string') return;
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1) {
      if (keys[0] === 'prefix' && typeof v.prefix === 'string') return;
      if (keys[0] === 'exists' && typeof v.exists === 'boolean') return;
      if (keys[0] === 'anything-but' && Array.isArray(v['anything-but']) && v['anything-but'].every((x) => typeof x === 'string')) return;
    }
  }
  throw new Error(`filter pattern at ${at}: unsupported matcher ${JSON.stringify(v)} (the local twin knows strings, prefix, exists and anything-but)`);
}

function matchLeaf(matcher: FilterValue, present: boolean, value: Json): boolean {
  if (typeof matcher === 'string') return present && valuesOf(value).some((v) => v === matcher);
  if ('prefix' in matcher) return present && valuesOf(value).some((v) => typeof v === 'string' && v.startsWith(matcher.prefix));
  // `exists` only applies to leaf values: an object (intermediate node) does not count as existing.
  if ('exists' in matcher) return matcher.exists === (present && !isPlainObject(value));
  if ('anything-but' in matcher) {
    if (!present || isPlainObject(value)) return false;
    const values = valuesOf(value);
    return values.length > 0 && values.every((v) => !matcher['anything-but'].includes(v as string));
  }
  return false;
}

/** A record value as the list of scalars a matcher is compared with (arrays match element-wise). */
const valuesOf = (value: Json): Json[] => (Array.isArray(value) ? value : [value]);

/** Whether `record` matches one filter pattern. */
export function matches(pattern: FilterPattern, record: object): boolean {
  const obj = record as Record<string, Json>;
  for (const [key, expected] of Object.entries(pattern)) {
    const present = Object.hasOwn(obj, key) && obj[key] !== undefined;
    const value = present ? obj[key] : undefined;
    if (Array.isArray(expected)) {
      if (!expected.some((m) => matchLeaf(m, present, value))) return false;
    } else {
      // A nested pattern: descend. A missing or non-object value is matched as an empty object, so
      // that only `{ exists: false }` leaves below can still match, as in Lambda.
      const inner = isPlainObject(value) ? value : Array.isArray(value) ? undefined : {};
      if (inner === undefined) {
        // An array of objects: any element may satisfy the nested pattern.
        if (!(value as Json[]).some((el) => isPlainObject(el) && matches(expected, el))) return false;
      } else if (!matches(expected, inner)) return false;
    }
  }
  return true;
}

/** Lambda ORs the filters of one mapping; a mapping without filters lets every record through. */
export function matchesAny(patterns: readonly FilterPattern[], record: object): boolean {
  return patterns.length === 0 || patterns.some((p) => matches(p, record));
}

/** A leaf of plain strings (the only leaves merge and coverage reason about). */
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Whether every record `inner` matches is matched by `outer` too, judged structurally: the same
 * keys, and at each leaf either equal matchers or, for plain strings, a superset. Conservative: a
 * `false` may be a pattern it cannot judge, never a wrong `true`.
 */
export function covers(outer: FilterPattern, inner: FilterPattern): boolean {
  const keys = Object.keys(outer);
  if (keys.length !== Object.keys(inner).length) return false;
  for (const key of keys) {
    const o = outer[key];
    const i = inner[key];
    if (i === undefined) return false;
    if (Array.isArray(o) || Array.isArray(i)) {
      if (!Array.isArray(o) || !Array.isArray(i)) return false;
      if (isStringList(o) && isStringList(i)) {
        if (!i.every((x) => o.includes(x))) return false;
      } else if (JSON.stringify(o) !== JSON.stringify(i)) return false;
    } else if (!covers(o as FilterPattern, i as FilterPattern)) return false;
  }
  return true;
}

/** The one leaf path where two patterns of the same shape differ, if only one and both are plain strings. */
function soleDifference(a: FilterPattern, b: FilterPattern, path: string[] = []): string[] | undefined | 'none' | 'many' {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length || keys.some((k) => !(k in b))) return 'many';
  let found: string[] | 'none' = 'none';
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    let here: string[] | undefined | 'none' | 'many';
    if (Array.isArray(x) || Array.isArray(y)) {
      if (JSON.stringify(x) === JSON.stringify(y)) here = 'none';
      else here = isStringList(x) && isStringList(y) ? [...path, key] : 'many';
    } else here = soleDifference(x as FilterPattern, y as FilterPattern, [...path, key]);
    if (here === 'none') continue;
    if (here === 'many' || here === undefined || found !== 'none') return 'many';
    found = here;
  }
  return found;
}

/**
 * Fewer patterns that let through exactly the same records: two patterns alike but for the
 * strings listed at one leaf become one listing both (Lambda takes at most five filters per
 * mapping by default, and the stream router's mapping holds every consumer's).
 */
export function mergePatterns(patterns: readonly FilterPattern[]): FilterPattern[] {
  const out = patterns.map((p) => structuredClone(p) as FilterPattern);
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const diff = soleDifference(out[i]!, out[j]!);
        if (diff === 'many' || diff === undefined) continue;
        if (diff !== 'none') {
          let a: FilterPattern = out[i]!;
          let b: FilterPattern = out[j]!;
          for (const key of diff.slice(0, -1)) {
            a = a[key] as FilterPattern;
            b = b[key] as FilterPattern;
          }
          const leaf = diff.at(-1)!;
          a[leaf] = [...new Set([...(a[leaf] as string[]), ...(b[leaf] as string[])])];
        }
        out.splice(j, 1);
        merged = true;
        break outer;
      }
    }
  }
  return out;
}
