import type { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
}

/** An error with an HTTP status and a stable code, raised anywhere in a request and mapped to a JSON response once. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** Stable, for programs: `auth.unauthorized`, `request.invalid`, … (README "Errors"). */
    readonly code: string,
    /** Vietnamese, for people. */
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** zod issues → field errors with dotted paths, e.g. `signer.name`, `recipientGroups.3`. */
export function fieldErrors(error: z.core.$ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    return { path: path || '(body)', message: issue.message };
  });
}

export const badRequest = (errors: FieldError[]) => new HttpError(400, 'request.invalid', `Dữ liệu không hợp lệ: ${errors.map((e) => e.path).join(', ')}`, errors);
