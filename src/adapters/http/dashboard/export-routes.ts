// The dashboard's export page and its CSV download (same use-case as the API).
import { Router } from 'express';
import type { Db } from '../../db/connect.js';
import type { Clock } from '../../../app/ports.js';
import { parseInput } from '../../../app/patient-input.js';
import { exportQuerySchema, preparePatientWeekExport } from '../../../app/reports/export.js';
import { listCareTeamsView } from '../../../app/staff/accounts.js';
import { can } from '../../../app/staff/principal.js';
import { html } from './html.js';
import { page } from './layout.js';
import { dashboardPrincipal } from './session.js';
import { pageContext } from './page-context.js';

export function exportRoutes(deps: { db: Db; clock: Clock }): Router {
  const router = Router();
  router.get('/dashboard/export', async (_req, res) => {
    const principal = dashboardPrincipal(res)!;
    const teams = await listCareTeamsView(deps, principal);
    const body = can(principal, 'export')
      ? html`<h1>Export</h1><p>One row per patient and week: days done, target, confidence, barrier and the plan. Patients appear by label. Every export is recorded in the audit log.</p>
<form class="filters" method="get" action="/dashboard/export/patient-weeks.csv">
<div><label for="from">Weeks starting from</label><input id="from" name="from" type="date"></div>
<div><label for="to">to</label><input id="to" name="to" type="date"></div>
<div><label for="team">Care team</label><select id="team" name="careTeam"><option value="">All my teams</option>${teams.map((t) => html`<option value="${t.name}">${t.name}</option>`)}</select></div>
<div><button type="submit">Download CSV</button></div></form>`
      : html`<h1>Export</h1><p>Your role (${principal.role}) cannot export patient data. Ask an administrator if you need it.</p>`;
    res.type('html').send(page(pageContext(res, 'export'), 'Export', body));
  });

  router.get('/dashboard/export/patient-weeks.csv', async (req, res) => {
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== ''));
    if (typeof raw.team === 'string') {
      // The panel links by team id; the export takes a name.
      const team = (await listCareTeamsView(deps, dashboardPrincipal(res)!)).find((t) => t.id === raw.team);
      delete raw.team;
      if (team) raw.careTeam = team.name;
    }
    const write = await preparePatientWeekExport(deps, dashboardPrincipal(res)!, parseInput(exportQuerySchema, raw));
    res.type('text/csv; charset=utf-8').attachment('patient-weeks.csv');
    await write(res);
  });
  return router;
}
