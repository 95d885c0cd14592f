// Coded errors. Use-cases throw these; the HTTP error handler maps codes to
// status codes in one place (adapters/http/error-handler.ts).

export type ErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For invalid_input: field path -> what is wrong. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidInput = (message: string, fields?: Record<string, string>) => new AppError('invalid_input', message, fields);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string) => new AppError('conflict', message);
