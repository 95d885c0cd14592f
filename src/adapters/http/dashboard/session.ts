// Dashboard sessions over a cookie: loads the session, sets security headers
// (a strict Content-Security-Policy: only careloop's own stylesheet, no
// scripts), and checks the synchronizer CSRF token on every POST.
import express, { type RequestHandler, type Response } from 'express';
import { AppError } from '../../../app/errors.js';
import type { Principal } from '../../../app/staff/principal.js';
import { loadSession, SESSION_IDLE_MS, type SessionDeps, type SessionState } from '../../../app/staff/sessions.js';
import { safeEqual } from '../../../app/staff/secrets.js';

export const COOKIE = 'careloop_session';

export const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface CookieOptions {
  /** Secure cookies when PUBLIC_URL is https. */
  secure: boolean;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function setSessionCookie(res: Response, secret: string, options: CookieOptions, maxAgeMs = SESSION_IDLE_MS): void {
  res.cookie(COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(res: Response, options: CookieOptions): void {
  res.clearCookie(COOKIE, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}

export const sessionOf = (res: Response) => res.locals.session as SessionState | undefined;
export const dashboardPrincipal = (res: Response) => (res.locals.principal as Principal | undefined) ?? null;

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set({
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    next();
  };
}

const form = express.urlencoded({ extended: false, limit: '32kb' });

/** Loads the session; on POST parses the form and rejects a missing or wrong CSRF token with 403. */
export function dashboardSessions(deps: SessionDeps): RequestHandler {
  return async (req, res, next) => {
    const secret = readCookie(req.header('cookie'), COOKIE);
    const session = secret ? await loadSession(deps, secret) : undefined;
    res.locals.session = session;
    if (session?.principal) res.locals.principal = session.principal;
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    await new Promise<void>((resolve, reject) => form(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    const given = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!session || typeof given !== 'string' || !safeEqual(given, session.csrfToken)) {
      throw new AppError('forbidden', 'This form has expired or did not come from careloop. Go back, reload the page and try again.');
    }
    next();
  };
}

/** Pages behind sign-in: redirects to the sign-in form, or to the password form while a one-time password is in use. */
export function requireSignIn(): RequestHandler {
  return (req, res, next) => {
    const principal = dashboardPrincipal(res);
    if (!principal) return res.redirect(303, `/dashboard/login${req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : ''}`);
    if (principal.mustChangePassword && req.originalUrl.split('?')[0] !== '/dashboard/password') return res.redirect(303, '/dashboard/password');
    next();
  };
}
