export type DomainErrorKind = 'conflict' | 'not-found' | 'invalid' | 'forbidden';

/**
 * One thing wrong with the request: the field's path and what is wrong, in Vietnamese. An imported workbook's bad cell
 * also names its sheet, row and column (`path` is then "Cán bộ!C12").
 */
export interface ErrorDetail {
  path: string;
  message: string;
  sheet?: string;
  row?: number | null;
  column?: { letter: string; header: string } | null;
}

/** The stable code a program reads when a refusal names no reason of its own (README "Errors"). */
const DEFAULT_REASON: Readonly<Record<DomainErrorKind, string>> = {
  conflict: 'state.conflict',
  'not-found': 'resource.not_found',
  invalid: 'request.invalid',
  forbidden: 'auth.forbidden',
};

/**
 * A rule of the domain refused the change. Adapters map `code` (the kind) to an HTTP status; the
 * `reason` (e.g. `campaign.not_draft`) is the stable code programs read, the message the
 * Vietnamese sentence people read.
 */
export class DomainError extends Error {
  readonly reason: string;
  constructor(
    readonly code: DomainErrorKind,
    message: string,
    readonly details?: ErrorDetail[],
    reason?: string,
  ) {
    super(message);
    this.name = 'DomainError';
    this.reason = reason ?? DEFAULT_REASON[code];
  }
}
