// The bench's result shape and the table it prints (the issue-15 table).
export interface LoadSummary {
  requests: number;
  errors: number;
  ms: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  cpuMsPerText: number;
  roundTripsPerText: number;
  transactionsPerText: number;
}

export interface InboundResult {
  c16: LoadSummary;
  c64: LoadSummary;
  open: LoadSummary & { offered: number };
  kinds: Record<string, { roundTrips: number; transactions: number; cpuMs: number }>;
}

export interface BenchResult {
  startedAt: string;
  database: string;
  postgres: string;
  node: string;
  durationS: number;
  inbound: { careloop: InboundResult; baseline: InboundResult };
  fanout: { n: number; ms: number; seedMs: number; ticks: number; started: number; firstMinute: number; sessions: number; texts: number; cpuMicros: number; roundTrips: number; complete: boolean }[];
  sender: { configured: number; queued: number; sent: number; achieved: number; busiestSecond: number; busiestCalendarSecond: number; ms: number; cpuMsPerSend: number; roundTripsPerSend: number }[];
  memory: { careloopPeakRssMB: number; baselinePeakRssMB: number };
}

const f = (n: number | null | undefined, d = 1) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(d) : '–');
const ratio = (a: number, b: number) => `${f(a / b, 2)}×`;

export function printTable(r: BenchResult): string {
  const c = r.inbound.careloop;
  const b = r.inbound.baseline;
  const kinds = (x: InboundResult) => Object.entries(x.kinds).map(([k, v]) => `${f(v.roundTrips)} (${k})`).join(', ');
  const tx = (x: InboundResult) => f(Object.values(x.kinds).reduce((s, v) => s + v.transactions, 0) / Object.keys(x.kinds).length, 2);
  const rows: string[][] = [
    ['measure', 'careloop', 'baseline / limit', 'target'],
    ['inbound throughput, concurrency 16 / 64', `${f(c.c16.perSecond)} / ${f(c.c64.perSecond)} req/s`, `${f(b.c16.perSecond)} / ${f(b.c64.perSecond)} req/s`, `≥ 0.6× the baseline (now ${ratio(c.c16.perSecond, b.c16.perSecond)} / ${ratio(c.c64.perSecond, b.c64.perSecond)})`],
    [`latency at a steady ${c.open.offered} req/s (from intended send time)`, `p50 ${f(c.open.p50, 0)} / p95 ${f(c.open.p95, 0)} / p99 ${f(c.open.p99, 0)} ms (${f(c.open.perSecond)}/s done)`, `p50 ${f(b.open.p50, 0)} / p95 ${f(b.open.p95, 0)} / p99 ${f(b.open.p99, 0)} ms`, `p99 ≤ 50 ms at ${c.open.offered} req/s`],
    ['node CPU per inbound text (concurrency 16)', `${f(c.c16.cpuMsPerText, 2)} ms`, `${f(b.c16.cpuMsPerText, 2)} ms`, '≤ 3 ms'],
    ['database round trips per inbound text', `${kinds(c)}; ${tx(c)} transactions`, `${kinds(b)}; ${tx(b)} transactions`, '≤ 10; 1 transaction'],
    ...r.fanout.map((x) => [
      `fan-out: ${x.n.toLocaleString('en-US')} check-ins due at once`,
      `${x.complete ? '' : 'NOT DONE: '}${x.started.toLocaleString('en-US')} started in ${f(x.ms / 1000)} s (${f(x.started / (x.ms / 1000), 0)}/s, ${f(x.cpuMicros / 1000 / Math.max(1, x.started), 2)} ms CPU and ${f(x.roundTrips / Math.max(1, x.started), 2)} round trips each, ${x.ticks} runs)`,
      `seeded in ${f(x.seedMs / 1000)} s`,
      '100,000 in ≤ 30 s',
    ]),
    ...r.sender.map((s) => [
      `sender, configured ${s.configured}/s (fake Twilio, 100 ms)`,
      `${f(s.achieved)}/s achieved (${f((s.achieved / s.configured) * 100, 1)}%), busiest second ${s.busiestSecond} (wall-clock ${s.busiestCalendarSecond}); ${s.sent}/${s.queued} sent`,
      `${f(s.cpuMsPerSend, 2)} ms CPU, ${f(s.roundTripsPerSend, 1)} round trips per send`,
      'within 2%, never above in any second',
    ]),
    ['peak RSS (node process)', `${f(r.memory.careloopPeakRssMB, 0)} MB`, `${f(r.memory.baselinePeakRssMB, 0)} MB`, '≤ 200 MB'],
  ];
  const lines = rows.map((row) => `| ${row.join(' | ')} |`);
  lines.splice(1, 0, '|---|---|---|---|');
  return [`careloop bench ${r.startedAt} · node ${r.node} · ${r.postgres} (${r.database}) · ${f(r.durationS, 0)} s`, '', ...lines].join('\n');
}
