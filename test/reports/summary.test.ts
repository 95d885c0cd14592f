// The pre-visit summary and the dashboard's HTML escaping, as pure functions.
import { describe, expect, it } from 'vitest';
import { summarise, type WeekPoint } from '../../src/app/reports/summary.js';
import { html, trusted } from '../../src/adapters/http/dashboard/html.js';
import { weeklyChart } from '../../src/adapters/http/dashboard/chart.js';

const week = (n: number, daysDone: number | null, confidence: number | null, barrier: string | null = null): WeekPoint => ({
  week: n, daysDone, daysTarget: 5, confidence, barrier, status: daysDone === null ? 'no_response' : 'completed',
});
const base = { action: 'walk 10 min after dinner', daysPerWeek: 5, setbackWeeks: [] as number[], openEscalations: 0, planChanges: 0 };

describe('summarise', () => {
  it('when six weeks rise from 2 to 5 days, then it says rising with the average and confidence change', () => {
    const weeks = [week(1, 2, 6, 'pain_flares'), week(2, 3, 6, 'pain_flares'), week(3, 3, 7), week(4, 4, 7), week(5, 4, 8), week(6, 5, 8)];
    const s = summarise({ ...base, weeks, setbackWeeks: [3] });
    expect(s.averageDays).toBe(3.5);
    expect(s.text).toBe('Weeks 1-6: walk 10 min after dinner 3.5 of 5 days on average, rising; confidence 6 → 8; main barrier: pain flares, 2 weeks; one setback in week 3.');
  });

  it('when days fall, then falling; when flat, then steady', () => {
    expect(summarise({ ...base, weeks: [week(1, 5, 8), week(2, 5, 8), week(3, 2, 6), week(4, 1, 5)] }).trend).toBe('falling');
    expect(summarise({ ...base, weeks: [week(1, 3, 8), week(2, 4, 8), week(3, 4, 8), week(4, 3, 8)] }).trend).toBe('steady');
  });

  it('when fewer than four weeks are answered, then no trend is claimed', () => {
    const s = summarise({ ...base, weeks: [week(1, 2, 6), week(2, null, null), week(3, 4, 7)] });
    expect(s.trend).toBeNull();
    expect(s.text).toBe('Weeks 1-3: walk 10 min after dinner 3 of 5 days on average; confidence 6 → 7; no setbacks; no reply in 1 week.');
  });

  it('when there are no check-ins, then it says so', () => {
    expect(summarise({ ...base, weeks: [] }).text).toBe('No weekly check-ins yet.');
  });

  it('when several setbacks, plan changes and open escalations, then each is counted', () => {
    const s = summarise({ ...base, weeks: [week(1, 1, 5)], setbackWeeks: [1, 4], planChanges: 2, openEscalations: 1 });
    expect(s.text).toBe('Week 1: walk 10 min after dinner 1 of 5 days on average; confidence 5; 2 setbacks (weeks 1, 4).\nThe plan changed 2 times.\n1 escalation is open.');
  });
});

describe('html', () => {
  it('when values hold markup, then it is escaped unless it is trusted', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>');
    expect(html`<div>${trusted('<b>ok</b>')}${[html`<i>${'<'}</i>`, null, false]}</div>`.value).toBe('<div><b>ok</b><i>&lt;</i></div>');
  });

  it('when the chart title holds markup, then the SVG escapes it and has one bar per week', () => {
    const svg = weeklyChart([{ week: 1, daysDone: 3, daysTarget: 5, confidence: 7 }, { week: 2, daysDone: null, daysTarget: 5, confidence: null }], '<x>');
    expect(svg).toContain('<title id="chart-title">&lt;x&gt;</title>');
    expect(svg.match(/<rect class="bar/g)?.length).toBe(2);
    expect(svg).toContain('data-week="2" data-days=""');
  });
});
