import { type core, safeParse } from 'zod/mini';
import { DomainError } from '../domain/errors';

/**
 * Path and query parameters are input too: parsed with zod, a bad one is refused naming it (a 400 at the HTTP edge).
 * Any zod schema, classic or mini (shared/schemas/ids.ts): parsed through zod/mini's `safeParse`, so a
 * function that only checks an id carries no classic zod.
 */
export function parseParam<T extends core.$ZodType>(schema: T, value: unknown, name: string): core.output<T> {
  const parsed = safeParse(schema, value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ path: [name, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${details.map((d) => d.path).join(', ')}`, details);
}
