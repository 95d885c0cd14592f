// A patient's page: pre-visit summary, the weekly chart with its data as a
// table, plan history, barriers and ideas, setbacks and mood screens,
// escalations with time to claim and first reply, and the transcript by page.
import type { PatientHistory, transcriptPage } from '../../../app/reports/history.js';
import { barrierName } from '../../../app/reports/summary.js';
import { weeklyChart } from './chart.js';
import { duration, when } from './format.js';
import { html, trusted, type SafeHtml } from './html.js';

type Transcript = Awaited<ReturnType<typeof transcriptPage>>;

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function patientBody(h: PatientHistory, t: Transcript): SafeHtml {
  const p = h.patient;
  const zone = p.timezone;
  const weeksTable = h.weeks.map(
    (w) => html`<tr data-week="${w.week}"><th scope="row">${w.week}</th><td>${w.weekStart}</td><td>${dash(w.daysDone)}</td><td>${w.daysTarget}</td><td>${dash(w.confidence)}</td><td>${w.barrier ? barrierName(w.barrier) : '—'}</td><td>${w.status.replace(/_/g, ' ')}</td></tr>`,
  );
  const plans = h.plans.map(
    (v) => html`<tr><td>${v.version}</td><td>${v.action}</td><td>${v.daysPerWeek}</td><td>${v.confidence}</td><td>${v.startDate}</td><td>${v.source.replace('_', ' ')}</td></tr>`,
  );
  const ideas = h.ideas.map((i) => html`<li>Week ${dash(i.week)}: ${i.name === 'will_try' ? 'will try' : 'idea'} — ${barrierName(i.idea)}</li>`);
  const setbacks = h.setbacks.map((s) => html`<li>Setback in week ${dash(s.week)} (${when(s.at, zone)})${s.outcome ? html` — ${s.outcome.replace(/_/g, ' ')}` : ''}</li>`);
  const moods = h.moods.map((m) => html`<li>Mood screen in week ${dash(m.week)} (${when(m.at, zone)})${m.outcome ? html` — ${m.outcome.replace(/_/g, ' ')}` : ''}</li>`);
  const escalations = h.escalations.map(
    (e) => html`<tr><td${e.urgency === 'urgent' ? html` class="urgent"` : ''}>${e.urgency}</td><td>${e.reason}</td><td>${e.status}</td><td>${when(e.createdAt, zone)}</td><td>${duration(e.secondsToClaim)}</td><td>${duration(e.secondsToFirstReply)}</td><td>${dash(e.claimedBy)}</td></tr>`,
  );
  const messages = t.messages.map(
    (m) => html`<tr><td>${when(m.created_at, zone)}</td><td>${m.direction === 'inbound' ? 'Patient' : m.author === 'staff' ? `Staff${m.staff_name ? `: ${m.staff_name}` : ''}` : 'careloop'}</td><td>${m.body}</td><td>${m.status}${m.error_code ? ` (${m.error_code})` : ''}</td></tr>`,
  );
  const pager = html`<nav class="pager" aria-label="Transcript pages">
${t.page > 1 ? html`<a href="?page=${t.page - 1}#transcript">Newer</a>` : ''}
<span>Page ${t.page} of ${t.pages} (${t.total} texts)</span>
${t.page < t.pages ? html`<a href="?page=${t.page + 1}#transcript">Older</a>` : ''}</nav>`;
  return html`<h1>${p.name} <span class="muted">${p.label}</span></h1>
<p>${p.careTeam ?? 'No care team'} · ${p.status.replace('_', ' ')} · ${p.language === 'es' ? 'Spanish' : 'English'}${h.plan ? html` · Plan: ${h.plan.action}, ${h.plan.daysPerWeek} days a week` : ''}</p>
<section aria-labelledby="h-summary"><h2 id="h-summary">Pre-visit summary</h2>
<pre class="summary" id="summary">${h.summary.text}</pre>
<p><a href="/dashboard/patients/${p.id}/summary.txt">Plain text to paste into the chart</a></p></section>
<section aria-labelledby="h-weeks"><h2 id="h-weeks">Days done and confidence by week</h2>
${trusted(weeklyChart(h.weeks, `Days done out of the plan and confidence, weeks ${h.summary.weeks ? `${h.summary.weeks.from} to ${h.summary.weeks.to}` : ''}`))}
<ul class="legend"><li><span class="sw days"></span>Days done</li><li><span class="sw target"></span>Plan target</li><li><span class="sw conf"></span>Confidence (0-10, right axis)</li></ul>
<div class="table-wrap"><table id="weeks"><caption class="muted">The same data as a table</caption><thead><tr><th scope="col">Week</th><th scope="col">Starting</th><th scope="col">Days done</th><th scope="col">Target</th><th scope="col">Confidence</th><th scope="col">Barrier</th><th scope="col">Check-in</th></tr></thead><tbody>${weeksTable}</tbody></table></div></section>
<section aria-labelledby="h-plans"><h2 id="h-plans">Plan history</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Version</th><th scope="col">Action</th><th scope="col">Days a week</th><th scope="col">Confidence at the change</th><th scope="col">From</th><th scope="col">Changed by</th></tr></thead><tbody>${plans}</tbody></table></div></section>
<section aria-labelledby="h-barriers"><h2 id="h-barriers">Barriers, ideas, setbacks and mood</h2>
${ideas.length || setbacks.length || moods.length ? html`<ul>${ideas}${setbacks}${moods}</ul>` : html`<p>None recorded.</p>`}</section>
<section aria-labelledby="h-esc"><h2 id="h-esc">Escalations</h2>
${escalations.length ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Urgency</th><th scope="col">Reason</th><th scope="col">Status</th><th scope="col">Opened</th><th scope="col">Time to claim</th><th scope="col">Time to first reply</th><th scope="col">Claimed by</th></tr></thead><tbody>${escalations}</tbody></table></div>` : html`<p>None.</p>`}</section>
<section aria-labelledby="h-transcript" id="transcript"><h2 id="h-transcript">Texts, newest first</h2>
${pager}
<div class="table-wrap"><table><thead><tr><th scope="col">When (${zone})</th><th scope="col">From</th><th scope="col">Text</th><th scope="col">Status</th></tr></thead><tbody>${messages}</tbody></table></div></section>`;
}
