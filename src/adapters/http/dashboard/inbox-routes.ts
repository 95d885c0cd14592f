// The inbox page: texts that need a person, oldest first, each with a
// "mark handled" form (nurses and admins; viewers only read).
import { Router } from 'express';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../../app/errors.js';
import type { Clock } from '../../../app/ports.js';
import { handleInboxItem, inboxItems } from '../../../app/staff/inbox.js';
import { can } from '../../../app/staff/principal.js';
import { age } from './format.js';
import { html } from './html.js';
import { csrfField, page } from './layout.js';
import { pageContext } from './page-context.js';
import { dashboardPrincipal } from './session.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function inboxRoutes(deps: { db: Db; clock: Clock }): Router {
  const router = Router();
  router.get('/dashboard/inbox', async (req, res) => {
    const principal = dashboardPrincipal(res)!;
    const items = await inboxItems(deps.db, principal);
    const ctx = pageContext(res, 'inbox');
    const now = deps.clock.now();
    const acts = can(principal, 'act');
    const rows = items.map(
      (i) => html`<tr><td><a href="/dashboard/patients/${i.patient_id}">${i.name}</a> <span class="muted">${i.label}</span></td><td>${i.care_team ?? '—'}</td><td>${i.body ?? '—'}</td><td>${i.reason}</td><td>${age(i.created_at, now)}</td>
<td>${acts ? html`<form method="post" action="/dashboard/inbox/${i.id}/handle">${csrfField(ctx.csrfToken)}<button type="submit" aria-label="Mark handled: the text from ${i.label}">Mark handled</button></form>` : '—'}</td></tr>`,
    );
    const done = req.query.handled === '1' ? html`<p class="notice" role="status">Marked handled.</p>` : '';
    const body = html`<h1>Texts careloop could not read</h1>${done}
${items.length ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Patient</th><th scope="col">Care team</th><th scope="col">Text</th><th scope="col">Why</th><th scope="col">Waiting</th><th scope="col">Action</th></tr></thead><tbody>${rows}</tbody></table></div>` : html`<p>Nothing waiting.</p>`}`;
    res.type('html').send(page(ctx, 'Inbox', body));
  });

  router.post('/dashboard/inbox/:id/handle', async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'inbox item not found');
    await handleInboxItem(deps, dashboardPrincipal(res)!, id);
    res.redirect(303, '/dashboard/inbox?handled=1');
  });
  return router;
}
