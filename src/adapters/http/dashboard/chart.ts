// Adherence and confidence by week as an SVG drawn on the server: a bar per
// week for days done (with the plan's target as a dashed mark) and a line for
// confidence on a 0-10 scale. Hand-written rather than a charting library: it
// is ~80 lines, needs no DOM or fonts on the server, is deterministic for tests
// and the bars carry data-* attributes the browser test checks against the data.
import { escapeHtml as esc } from './html.js';

export interface ChartWeek {
  week: number;
  daysDone: number | null;
  daysTarget: number;
  confidence: number | null;
}

const W = 860;
const H = 280;
const PAD = { left: 44, right: 44, top: 16, bottom: 36 };

export function weeklyChart(weeks: ChartWeek[], title: string): string {
  const id = 'chart-title';
  if (weeks.length === 0) return `<p class="muted">No weekly check-ins yet.</p>`;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / weeks.length;
  const barW = Math.max(4, Math.min(40, slot * 0.6));
  const yDays = (d: number) => PAD.top + innerH - (d / 7) * innerH;
  const yConf = (c: number) => PAD.top + innerH - (c / 10) * innerH;
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [];
  for (const d of [0, 1, 2, 3, 4, 5, 6, 7]) {
    parts.push(`<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(yDays(d))}" y2="${f(yDays(d))}" stroke-opacity="0.25"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${f(yDays(d) + 4)}" text-anchor="end">${d}</text>`);
  }
  for (const c of [0, 5, 10]) parts.push(`<text x="${W - PAD.right + 8}" y="${f(yConf(c) + 4)}">${c}</text>`);
  weeks.forEach((w, i) => {
    const done = w.daysDone ?? 0;
    const low = w.daysDone !== null && w.daysDone * 2 < w.daysTarget;
    const label = w.daysDone === null ? `Week ${w.week}: no answer` : `Week ${w.week}: ${w.daysDone} of ${w.daysTarget} days`;
    parts.push(
      `<rect class="bar${low ? ' low' : ''}" data-week="${w.week}" data-days="${w.daysDone ?? ''}" data-target="${w.daysTarget}" x="${f(x(i) - barW / 2)}" y="${f(yDays(done))}" width="${f(barW)}" height="${f(yDays(0) - yDays(done))}"><title>${esc(label)}</title></rect>`,
    );
    parts.push(`<line class="target" x1="${f(x(i) - barW / 2 - 3)}" x2="${f(x(i) + barW / 2 + 3)}" y1="${f(yDays(w.daysTarget))}" y2="${f(yDays(w.daysTarget))}"/>`);
    parts.push(`<text x="${f(x(i))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${w.week}</text>`);
  });
  const points = weeks.map((w, i) => (w.confidence === null ? null : { x: x(i), y: yConf(w.confidence), w })).filter((p) => p !== null);
  if (points.length > 1) parts.push(`<polyline class="confidence" points="${points.map((p) => `${f(p.x)},${f(p.y)}`).join(' ')}"/>`);
  for (const p of points) parts.push(`<circle class="dot" data-week="${p.w.week}" data-confidence="${p.w.confidence}" cx="${f(p.x)}" cy="${f(p.y)}" r="4"><title>Week ${p.w.week}: confidence ${p.w.confidence}</title></circle>`);
  parts.push(`<text x="${W / 2}" y="${H - 4}" text-anchor="middle">Week</text>`);
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}" xmlns="http://www.w3.org/2000/svg"><title id="${id}">${esc(title)}</title>${parts.join('')}</svg>`;
}
