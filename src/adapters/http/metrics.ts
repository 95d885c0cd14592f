// Prometheus metrics. One registry per service instance (tests build their own).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  messages: Counter<'direction' | 'outcome'>;
  escalations: Counter<'urgency'>;
  inputCleaned: Counter<'source' | 'kind'>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'careloop_' });
  return {
    registry,
    httpRequests: new Counter({ name: 'careloop_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    httpDuration: new Histogram({ name: 'careloop_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], registers: [registry] }),
    messages: new Counter({ name: 'careloop_messages_total', help: 'SMS handled', labelNames: ['direction', 'outcome'], registers: [registry] }),
    escalations: new Counter({ name: 'careloop_escalations_total', help: 'Escalations opened', labelNames: ['urgency'], registers: [registry] }),
    inputCleaned: new Counter({ name: 'careloop_input_cleaned_total', help: 'Characters removed (control) or replaced (surrogate) in request input', labelNames: ['source', 'kind'], registers: [registry] }),
  };
}
