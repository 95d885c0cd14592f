// The dashboard at /dashboard: server-rendered pages, no scripts, every asset
// served from here. Each page checks the member's role and care teams through
// the same use-cases as the API.
import { readFileSync } from 'node:fs';
import { Router, type ErrorRequestHandler, type Request } from 'express';
import type { Db } from '../../db/connect.js';
import { escalationsInScope, responseTimesByWeek } from '../../db/repositories/escalation-report.js';
import { AppError } from '../../../app/errors.js';
import { patientHistory, transcriptPage } from '../../../app/reports/history.js';
import { buildPanel } from '../../../app/reports/panel.js';
import { listCareTeamsView } from '../../../app/staff/accounts.js';
import { can, requirePermission } from '../../../app/staff/principal.js';
import type { Clock } from '../../../app/ports.js';
import type { Logger } from '../../log/logger.js';
import type { IdentityProvider } from '../../../app/staff/oidc-sign-in.js';
import { authRoutes } from './auth-routes.js';
import { escalationsBody } from './escalations-page.js';
import { html } from './html.js';
import { page } from './layout.js';
import { pageContext } from './page-context.js';
import { panelBody } from './panel-page.js';
import { patientBody } from './patient-page.js';
import { dashboardPrincipal, dashboardSessions, requireSignIn, securityHeaders, type CookieOptions } from './session.js';

export interface DashboardDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  cookies: CookieOptions;
  /** Sign-in through the clinic's OpenID provider, when configured. */
  oidc?: { provider: IdentityProvider; publicUrl: string } | undefined;
  /** Extra signed-in routes (inbox, exports), mounted after sign-in is required. */
  extra?: Router[];
}

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['open', 'claimed', 'resolved'] as const;


const text = (req: Request, name: string) => {
  const v = req.query[name];
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined;
};

export function dashboardRoutes(deps: DashboardDeps): Router {
  const router = Router();
  const css = asset('app.css');
  const icon = asset('favicon.svg');
  router.use('/dashboard', securityHeaders());
  router.get('/dashboard/assets/app.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(css);
  });
  router.get('/dashboard/assets/favicon.svg', (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(icon);
  });
  router.use('/dashboard', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use('/dashboard', dashboardSessions(deps));
  router.use(authRoutes(deps));
  router.use('/dashboard', requireSignIn());

  router.get('/dashboard', async (req, res) => {
    const principal = dashboardPrincipal(res)!;
    const careTeamId = text(req, 'team');
    const search = text(req, 'q');
    if (careTeamId && !UUID.test(careTeamId)) throw new AppError('invalid_input', 'unknown care team');
    const [panel, teams] = await Promise.all([buildPanel(deps, principal, { careTeamId, search }), listCareTeamsView(deps, principal)]);
    const body = panelBody({ panel, teams, careTeamId, search, now: deps.clock.now(), canExport: can(principal, 'export') });
    res.type('html').send(page(pageContext(res, 'panel'), 'Panel', body));
  });

  router.get('/dashboard/patients/:id', async (req, res) => {
    const principal = dashboardPrincipal(res)!;
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'patient not found');
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(text(req, 'page') ?? '1', 10) || 1));
    const [history, transcript] = await Promise.all([patientHistory(deps.db, principal, id), transcriptPage(deps.db, principal, id, pageNo)]);
    res.type('html').send(page(pageContext(res, 'panel'), `${history.patient.name}`, patientBody(history, transcript)));
  });

  router.get('/dashboard/patients/:id/summary.txt', async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'patient not found');
    const history = await patientHistory(deps.db, dashboardPrincipal(res)!, id);
    res.type('text/plain; charset=utf-8').send(`${history.patient.name} (${history.patient.label})\n${history.summary.text}\n`);
  });

  router.get('/dashboard/escalations', async (req, res) => {
    const principal = dashboardPrincipal(res)!;
    requirePermission(principal, 'read');
    const raw = text(req, 'status');
    const status = STATUSES.find((s) => s === raw);
    const now = deps.clock.now();
    const [rows, times] = await Promise.all([
      escalationsInScope(deps.db, principal.scope, { status }, 200),
      responseTimesByWeek(deps.db, principal.scope, new Date(now.getTime() - 12 * 7 * 24 * 3600 * 1000)),
    ]);
    res.type('html').send(page(pageContext(res, 'escalations'), 'Escalations', escalationsBody(rows, times, status, now)));
  });

  for (const extra of deps.extra ?? []) router.use(extra);
  router.use('/dashboard', (_req, res) => {
    res.status(404).type('html').send(page(pageContext(res), 'Not found', html`<h1>Not found</h1><p><a href="/dashboard">Back to the panel</a></p>`));
  });
  router.use('/dashboard', dashboardErrors(deps.logger));
  return router;
}

const STATUS: Record<string, number> = { invalid_input: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429 };

/** Errors on dashboard pages become an HTML page (the API's JSON handler is for /api). */
function dashboardErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = err instanceof AppError && STATUS[err.code] !== undefined;
    if (!known) logger.error({ err, path: req.path }, 'dashboard error');
    const status = known ? STATUS[(err as AppError).code]! : 500;
    const message = known ? (err as AppError).message : 'Something went wrong on our side. Try again, and tell your administrator if it keeps happening.';
    res.status(status).type('html').send(page(pageContext(res), 'Problem', html`<h1>${status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Problem'}</h1><p class="error" role="alert">${message}</p><p><a href="/dashboard">Back to the panel</a></p>`));
  };
}
