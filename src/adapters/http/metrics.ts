// Prometheus metrics. One registry per service instance (tests build their own).
// Counters are incremented where things happen; the queue gauges are read
// from the database when /metrics is scraped (watchQueues).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/connect.js';
import { dueOutbox, oldestOverdueSchedule } from '../db/repositories/monitoring.js';
import type { Clock, Telemetry } from '../../app/ports.js';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  messages: Counter<'direction' | 'outcome'>;
  escalations: Counter<'urgency'>;
  inputCleaned: Counter<'source' | 'kind'>;
  /** Every outbound try's outcome: sent, retry (refused, will retry), unknown (checked before any resend), failed. */
  smsSends: Counter<'outcome'>;
  smsFailures: Counter<'code' | 'kind'>;
  operatorAlerts: Counter<'reason'>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'careloop_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'careloop_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({ name: 'careloop_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], registers }),
    messages: new Counter({ name: 'careloop_messages_total', help: 'SMS handled', labelNames: ['direction', 'outcome'], registers }),
    escalations: new Counter({ name: 'careloop_escalations_total', help: 'Escalations opened (or upgraded to urgent)', labelNames: ['urgency'], registers }),
    inputCleaned: new Counter({ name: 'careloop_input_cleaned_total', help: 'Characters removed (control) or replaced (surrogate) in request input', labelNames: ['source', 'kind'], registers }),
    smsSends: new Counter({ name: 'careloop_sms_sends_total', help: 'Outbound SMS tries by outcome', labelNames: ['outcome'], registers }),
    smsFailures: new Counter({ name: 'careloop_sms_failures_total', help: 'Outbound SMS failures by provider error code and kind', labelNames: ['code', 'kind'], registers }),
    operatorAlerts: new Counter({ name: 'careloop_operator_alerts_total', help: 'Problems only an operator can fix (account, configuration, Slack app)', labelNames: ['reason'], registers }),
  };
}

/** Counts what input hygiene removed or replaced (input-hygiene.ts), per request source. */
export function cleanedReporter(metrics: Metrics) {
  return (source: string, counts: { control: number; surrogate: number }) => {
    if (counts.control) metrics.inputCleaned.inc({ source, kind: 'control' }, counts.control);
    if (counts.surrogate) metrics.inputCleaned.inc({ source, kind: 'surrogate' }, counts.surrogate);
  };
}

/** Telemetry for the use-cases, over these metrics. */
export function telemetryOver(metrics: Metrics): Telemetry {
  return {
    escalationOpened: (urgency) => metrics.escalations.inc({ urgency }),
    operatorAlert: (reason) => metrics.operatorAlerts.inc({ reason }),
  };
}

/** Outbox depth and age, and scheduler lag, read from the database at scrape time. */
export function watchQueues(metrics: Metrics, deps: { db: Db; clock: Clock }): void {
  const registers = [metrics.registry];
  const read = async () => {
    const now = deps.clock.now();
    const [work, overdue] = await Promise.all([dueOutbox(deps.db, now), oldestOverdueSchedule(deps.db, now)]);
    const seconds = (at: Date | null | undefined) => (at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : 0);
    return { work, lag: seconds(overdue), age: (kind: string) => seconds(work.find((w) => w.kind === kind)?.oldestDueAt) };
  };
  // The gauges are collected concurrently in one scrape: they share one read.
  let inflight: ReturnType<typeof read> | null = null;
  const snapshot = () => (inflight ??= read().finally(() => (inflight = null)));
  const kinds = ['sms', 'slack'] as const;
  new Gauge({
    name: 'careloop_outbox_due',
    help: 'Outbox items due and not yet done',
    labelNames: ['kind'],
    registers,
    async collect() {
      const snap = await snapshot();
      for (const kind of kinds) this.set({ kind }, snap.work.find((w) => w.kind === kind)?.due ?? 0);
    },
  });
  new Gauge({
    name: 'careloop_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due outbox item has been waiting',
    labelNames: ['kind'],
    registers,
    async collect() {
      const snap = await snapshot();
      for (const kind of kinds) this.set({ kind }, snap.age(kind));
    },
  });
  new Gauge({
    name: 'careloop_scheduler_lag_seconds',
    help: 'How late the oldest due check-in or conversation timer is (0 when none is overdue)',
    registers,
    async collect() {
      this.set((await snapshot()).lag);
    },
  });
}
