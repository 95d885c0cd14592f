// createApp builds the express app without listening, so tests drive it
// directly. Body parsers are per route: Bolt needs the raw body at /slack/events.
import express, { type Express, type Router } from 'express';
import type { Logger } from '../../app/ports.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { healthRoutes } from './health-routes.js';
import type { Metrics } from './metrics.js';

export interface HttpDeps {
  logger: Logger;
  metrics: Metrics;
  isReady: () => Promise<boolean>;
  /** Feature routers mounted in order (twilio, api, slack ...). */
  routers?: Router[];
}

export function createApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ method: req.method, route });
      deps.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.use(healthRoutes(deps));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}
