// /healthz: the process is up. /readyz: the database answers. /metrics: Prometheus.
import { Router } from 'express';
import type { Metrics } from './metrics.js';

export function healthRoutes(deps: { metrics: Metrics; isReady: () => Promise<boolean> }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await deps.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
