// Who is calling: the shared API_TOKEN, a member's API token (Bearer) or a
// dashboard session cookie. Sets res.locals.principal; routes read it with
// principalOf(res).
import type { RequestHandler, Response } from 'express';
import { AppError } from '../../app/errors.js';
import { serviceAccount, type Principal } from '../../app/staff/principal.js';
import { principalForToken, type SessionDeps } from '../../app/staff/sessions.js';
import { safeEqual } from '../../app/staff/secrets.js';

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new AppError('unauthorized', 'sign in first');
  return principal;
}

/** Bearer authentication for /api: API_TOKEN or a member's "clt_" token. */
export function apiAuthentication(deps: SessionDeps & { apiToken: string }): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.principal) return next();
    const given = (req.header('authorization') ?? '').replace(/^Bearer\s+/i, '').trim();
    if (given && safeEqual(given, deps.apiToken)) {
      res.locals.principal = serviceAccount;
      return next();
    }
    const member = given ? await principalForToken(deps, given) : undefined;
    if (!member) throw new AppError('unauthorized', 'a valid Authorization: Bearer token is required');
    res.locals.principal = member;
    next();
  };
}
