import type { z } from 'zod';
import { badRequest, fieldErrors } from '../http/errors';

/** Path and query parameters are input too: parsed with zod, a bad one is a 400 naming it. */
export function parseParam<T extends z.ZodType>(schema: T, value: unknown, name: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(fieldErrors(parsed.error, name));
  return parsed.data;
}
