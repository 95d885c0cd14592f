// Sign in with email and password, sign out, and choose a new password (the
// first sign-in with a one-time password lands here).
import { Router, type Request, type Response } from 'express';
import { changePassword } from '../../../app/staff/accounts.js';
import { AppError } from '../../../app/errors.js';
import { anonymousSession, signIn, signOut, type SessionDeps } from '../../../app/staff/sessions.js';
import { finishOidcSignIn, startOidcSignIn, type IdentityProvider } from '../../../app/staff/oidc-sign-in.js';
import { html } from './html.js';
import { csrfField, page } from './layout.js';
import { clearSessionCookie, dashboardPrincipal, requireSignIn, sessionOf, setSessionCookie, type CookieOptions } from './session.js';

/** Only a dashboard path is a valid place to return to (no open redirect). */
function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/dashboard(\/|\?|$)/.test(raw) && !raw.includes('//') ? raw : '/dashboard';
}

const field = (req: Request, name: string) => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

function loginPage(csrfToken: string, next: string, message?: string, email = '', oidc = false): string {
  return page(
    { principal: null, csrfToken },
    'Sign in',
    html`<div class="card"><h1>Sign in to careloop</h1>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/dashboard/login">
${csrfField(csrfToken)}<input type="hidden" name="next" value="${next}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
${oidc ? html`<p><a href="/dashboard/oidc/start?next=${encodeURIComponent(next)}">Sign in with your clinic account</a></p>` : ''}</div>`,
  );
}

export function authRoutes(deps: SessionDeps & { cookies: CookieOptions; oidc?: { provider: IdentityProvider; publicUrl: string } | undefined }): Router {
  const router = Router();
  const oidc = deps.oidc;
  const login = (csrf: string, next: string, message?: string, email = '') => loginPage(csrf, next, message, email, Boolean(oidc));

  router.get('/dashboard/login', async (req, res) => {
    if (dashboardPrincipal(res)) return res.redirect(303, '/dashboard');
    let session = sessionOf(res);
    if (!session) {
      session = await anonymousSession(deps);
      setSessionCookie(res, session.secret, deps.cookies, 60 * 60 * 1000);
    }
    res.type('html').send(login(session.csrfToken, safeNext(req.query.next)));
  });

  router.post('/dashboard/login', async (req, res) => {
    const visitor = sessionOf(res)!;
    const email = field(req, 'email');
    try {
      const session = await signIn(deps, { email, password: field(req, 'password'), address: req.ip ?? 'unknown', previousSecret: visitor.secret });
      setSessionCookie(res, session.secret, deps.cookies);
      res.redirect(303, session.principal?.mustChangePassword ? '/dashboard/password' : safeNext(field(req, 'next')));
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'unauthorized' && err.code !== 'rate_limited')) throw err;
      res.status(err.code === 'rate_limited' ? 429 : 401).type('html').send(login(visitor.csrfToken, safeNext(field(req, 'next')), err.message, email));
    }
  });

  if (oidc) {
    router.get('/dashboard/oidc/start', async (req, res) => {
      let session = sessionOf(res);
      if (!session) {
        session = await anonymousSession(deps);
        setSessionCookie(res, session.secret, deps.cookies, 60 * 60 * 1000);
      }
      res.redirect(303, await startOidcSignIn({ ...deps, provider: oidc.provider }, session.secret, safeNext(req.query.next)));
    });
    router.get('/dashboard/oidc/callback', async (req, res) => {
      const visitor = sessionOf(res);
      if (!visitor) throw new AppError('forbidden', 'This sign-in link has expired. Start again from the sign-in page.');
      const session = await finishOidcSignIn({ ...deps, provider: oidc.provider }, visitor.secret, `${oidc.publicUrl}${req.originalUrl}`);
      setSessionCookie(res, session.secret, deps.cookies);
      res.redirect(303, session.next);
    });
  }

  router.post('/dashboard/logout', async (_req, res) => {
    const session = sessionOf(res);
    if (session) await signOut(deps, session.secret);
    clearSessionCookie(res, deps.cookies);
    res.redirect(303, '/dashboard/login');
  });

  const passwordPage = (res: Response, message?: string) => {
    const session = sessionOf(res)!;
    const first = session.principal?.mustChangePassword;
    return page(
      { principal: session.principal, csrfToken: session.csrfToken },
      'Choose a password',
      html`<div class="card"><h1>Choose a new password</h1>
${first ? html`<p>You signed in with a one-time password. Choose your own to continue.</p>` : ''}
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<form method="post" action="/dashboard/password">${csrfField(session.csrfToken)}
<label for="password">New password (at least 12 characters)</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
<label for="confirm">Type it again</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="12" required>
<button type="submit">Save password</button></form></div>`,
    );
  };

  router.get('/dashboard/password', requireSignIn(), (_req, res) => {
    res.type('html').send(passwordPage(res));
  });
  router.post('/dashboard/password', requireSignIn(), async (req, res) => {
    const password = field(req, 'password');
    if (password !== field(req, 'confirm')) return res.status(400).type('html').send(passwordPage(res, 'The two passwords are not the same.'));
    try {
      await changePassword(deps, dashboardPrincipal(res)!, password);
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_input') return res.status(400).type('html').send(passwordPage(res, Object.values(err.fields ?? {}).join(' ') || err.message));
      throw err;
    }
    res.redirect(303, '/dashboard');
  });
  return router;
}
