// The one place where errors become HTTP responses: `{ error: { code, message, fields? } }`.
// Unknown errors are logged (scrubbed) and answered 500 without details.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorSchema, type ErrorShape } from '../../app/api-shapes.js';
import { AppError, type ErrorCode } from '../../app/errors.js';
import type { Logger } from '../../app/ports.js';

/** Every error body goes through the documented Error schema. */
const errorBody = (error: ErrorShape['error']) => errorSchema.parse({ error });

const statusByCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json(errorBody({ code: 'not_found', message: `no route for ${req.method} ${req.path}` }));
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof AppError) {
      res.status(statusByCode[err.code]).json(errorBody({ code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) }));
      return;
    }
    // Body-parser failures (malformed JSON, too large) carry a 4xx status of their own.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(errorBody({ code: 'invalid_input', message: 'the request body could not be read' }));
      return;
    }
    // A PostgreSQL data exception (class 22: bad encoding, out of range, too long) is bad input that got
    // past the edge checks: still the client's fault, so 400, but logged loudly so the check gets fixed.
    const sqlState = (err as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      logger.error({ err, path: req.path, sqlState }, 'input rejected by the database');
      res.status(400).json({ error: { code: 'invalid_input', message: 'the request has a value that cannot be stored' } });
      return;
    }
    logger.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json(errorBody({ code: 'internal', message: 'internal error' }));
  };
}
