// The outreach panel: a count per reason, then each reason's list. Filter by
// care team, search by name or label (a plain GET form, so links can be shared).
import type { PanelRow } from '../../db/repositories/panel.js';
import { REASONS, type Panel, type ReasonKey } from '../../../app/reports/panel.js';
import { html, query, type SafeHtml } from './html.js';
import { age, deliveryProblem, when } from './format.js';

export interface PanelPageInput {
  panel: Panel;
  teams: { id: string; name: string }[];
  careTeamId: string | undefined;
  search: string | undefined;
  now: Date;
  canExport: boolean;
}

function detail(key: ReasonKey, row: PanelRow, now: Date): SafeHtml {
  switch (key) {
    case 'escalations':
      return html`${String(row.value ?? '')} <span class="muted">(open ${row.at ? age(row.at, now) : '—'})</span>`;
    case 'inbox':
      return html`${String(row.value ?? '')} <span class="muted">(${row.at ? age(row.at, now) : '—'} ago)</span>`;
    case 'no_response':
      return html`${row.value} weeks without a reply`;
    case 'under_half':
      return html`last 3 weeks under half the plan (lowest ${row.value} days)`;
    case 'low_confidence':
      return html`confidence ${row.value}`;
    case 'reassessment':
      return html`week ${row.value} check-in ${when(row.at)}`;
    case 'delivery':
      return html`${deliveryProblem(row.value)} <span class="muted">${when(row.at)}</span>`;
    case 'opted_out':
      return html`opted out ${when(row.at)}`;
  }
}

export function panelBody(input: PanelPageInput): SafeHtml {
  const { panel, now } = input;
  const teamOptions = input.teams.map((t) => html`<option value="${t.id}"${t.id === input.careTeamId ? html` selected` : ''}>${t.name}</option>`);
  const filters = html`<form class="filters" method="get" action="/dashboard" role="search">
<div><label for="team">Care team</label><select id="team" name="team"><option value="">All my teams</option>${teamOptions}</select></div>
<div><label for="q">Name or label</label><input id="q" name="q" type="search" value="${input.search ?? ''}"></div>
<div><button type="submit">Show</button></div>
</form>`;
  const counts = html`<ul class="counts" aria-label="Counts">${REASONS.map(
    (r) => html`<li><a href="#${r.key}" data-reason="${r.key}"><span class="n">${panel[r.key].count}</span>${r.title}</a></li>`,
  )}</ul>`;
  const sections = REASONS.map((r) => {
    const list = panel[r.key];
    const rows = list.rows.map(
      (row) => html`<tr><td><a href="/dashboard/patients/${row.patientId}">${row.name}</a></td><td>${row.label}</td><td>${row.careTeam ?? '—'}</td><td>${detail(r.key, row, now)}</td></tr>`,
    );
    const more = list.count > list.rows.length ? html`<p class="muted">Showing ${list.rows.length} of ${list.count}. Narrow with the filters above.</p>` : '';
    return html`<section aria-labelledby="h-${r.key}" id="${r.key}"><h2 id="h-${r.key}">${r.title} <span class="muted">(${list.count})</span></h2>
<p class="muted">${r.describe}</p>
${list.rows.length === 0 ? html`<p>Nobody right now.</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">Patient</th><th scope="col">Label</th><th scope="col">Care team</th><th scope="col">Why</th></tr></thead><tbody>${rows}</tbody></table></div>${more}`}
</section>`;
  });
  const exportLink = input.canExport ? html`<p><a href="/dashboard/export/patient-weeks.csv${query({ team: input.careTeamId })}">Download patient-weeks CSV</a></p>` : '';
  return html`<h1>Who needs outreach</h1>${filters}${counts}${exportLink}${sections}`;
}
