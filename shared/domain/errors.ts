/** A rule of the domain refused the change. Adapters map `code` to an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: 'conflict' | 'not-found' | 'invalid' | 'forbidden',
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
