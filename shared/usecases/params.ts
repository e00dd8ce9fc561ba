import type { z } from 'zod';
import { DomainError } from '../domain/errors';

/** Path and query parameters are input too: parsed with zod, a bad one is refused naming it (a 400 at the HTTP edge). */
export function parseParam<T extends z.ZodType>(schema: T, value: unknown, name: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ path: [name, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new DomainError('invalid', `Dữ liệu không hợp lệ: ${details.map((d) => d.path).join(', ')}`, details);
}
