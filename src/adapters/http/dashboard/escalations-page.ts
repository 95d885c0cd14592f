// Escalations: open, claimed and resolved, with time to claim and to first
// reply, and the medians by week and urgency.
import type { escalationsInScope, responseTimesByWeek } from '../../db/repositories/escalation-report.js';
import { age, duration, when } from './format.js';
import { html, type SafeHtml } from './html.js';

type Rows = Awaited<ReturnType<typeof escalationsInScope>>;
type Times = Awaited<ReturnType<typeof responseTimesByWeek>>;

const secs = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 1000) : null);

export function escalationsBody(rows: Rows, times: Times, status: string | undefined, now: Date): SafeHtml {
  const tabs = ['open', 'claimed', 'resolved'].map(
    (s) => html`<li><a href="/dashboard/escalations?status=${s}"${status === s ? html` aria-current="page"` : ''}>${s}</a></li>`,
  );
  const list = rows.map(
    (e) => html`<tr><td><a href="/dashboard/patients/${e.patient_id}">${e.name}</a> <span class="muted">${e.label}</span></td><td>${e.care_team ?? '—'}</td><td${e.urgency === 'urgent' ? html` class="urgent"` : ''}>${e.urgency}</td><td>${e.reason}</td><td>${e.status}</td><td>${when(e.created_at)} <span class="muted">(${age(e.created_at, now)} ago)</span></td><td>${duration(secs(e.created_at, e.claimed_at))}</td><td>${duration(secs(e.created_at, e.first_reply_at))}</td><td>${e.claimed_by ?? '—'}</td></tr>`,
  );
  const stats = times.map(
    (t) => html`<tr><td>${t.week}</td><td>${t.urgency}</td><td>${t.n}</td><td>${duration(t.claim_s === null ? null : Math.round(Number(t.claim_s)))}</td><td>${duration(t.reply_s === null ? null : Math.round(Number(t.reply_s)))}</td></tr>`,
  );
  return html`<h1>Escalations</h1>
<nav aria-label="Escalation status"><ul class="legend"><li><a href="/dashboard/escalations"${status ? '' : html` aria-current="page"`}>all</a></li>${tabs}</ul></nav>
${rows.length ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Patient</th><th scope="col">Care team</th><th scope="col">Urgency</th><th scope="col">Reason</th><th scope="col">Status</th><th scope="col">Opened</th><th scope="col">Time to claim</th><th scope="col">Time to first reply</th><th scope="col">Claimed by</th></tr></thead><tbody>${list}</tbody></table></div>` : html`<p>No escalations.</p>`}
<h2>Median response times by week (last 12 weeks)</h2>
${stats.length ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Week of</th><th scope="col">Urgency</th><th scope="col">Escalations</th><th scope="col">Median time to claim</th><th scope="col">Median time to first reply</th></tr></thead><tbody>${stats}</tbody></table></div>` : html`<p>None in the last 12 weeks.</p>`}`;
}
