export type DomainErrorKind = 'conflict' | 'not-found' | 'invalid' | 'forbidden';

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
    readonly details?: { path: string; message: string }[],
    reason?: string,
  ) {
    super(message);
    this.name = 'DomainError';
    this.reason = reason ?? DEFAULT_REASON[code];
  }
}
