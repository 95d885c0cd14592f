// The composition root: the only place that builds adapters and wires them
// into use-cases. Tests call buildService with their own clock, ids, database
// and sleep; startService adds the real ones, listening and shutdown.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Express } from 'express';
import type { Config } from './config/index.js';
import type { Db } from './adapters/db/connect.js';
import { openDatabase } from './adapters/db/open.js';
import { migrateToLatest } from './adapters/db/migrator.js';
import { createApp } from './adapters/http/app.js';
import { cleanedReporter, createMetrics, telemetryOver, watchQueues, type Metrics } from './adapters/http/metrics.js';
import { twilioErrorKind } from './adapters/twilio/error-codes.js';
import { handleDeliveryFailure } from './app/outbox/delivery-failures.js';
import { apiRoutes } from './adapters/http/api-routes.js';
import { twilioRoutes } from './adapters/http/twilio-routes.js';
import { simulatorRoutes } from './adapters/http/simulator-routes.js';
import type { Logger } from './app/ports.js';
import { loadCatalog } from './adapters/definitions/catalog-loader.js';
import { TwilioSmsGateway } from './adapters/twilio/twilio-gateway.js';
import { SimulatorSmsGateway } from './adapters/twilio/simulator-gateway.js';
import { buildSlack, type SlackService } from './adapters/slack/build-slack.js';
import { WorkLoop } from './adapters/scheduler/work-loop.js';
import { randomIds, systemClock } from './adapters/clock/system-clock.js';
import type { CoreDeps } from './app/deps.js';
import type { Clock, IdGenerator, SmsGateway } from './app/ports.js';
import { receiveSms } from './app/inbound-sms.js';
import { flagLongText } from './app/long-texts.js';
import { onDeliveryStatus } from './app/outbox/status-callbacks.js';
import { changePatient, enrollPatient, startCheckinNow } from './app/patients.js';
import { scheduleView } from './app/schedule-view.js';
import { SmsSender } from './app/sms-sender.js';
import { createScheduler } from './app/scheduler/tick.js';
import { onSessionEnded } from './app/timeline-hooks.js';
import { CronTicker } from './adapters/scheduler/cron-ticker.js';
import { StaffOutbox, type StaffChannel } from './app/staff-outbox.js';
import { apiAuthentication } from './adapters/http/auth.js';
import { staffApiRoutes } from './adapters/http/staff-api-routes.js';
import { ensureFirstAdmin } from './app/staff/bootstrap.js';
import { dashboardRoutes } from './adapters/http/dashboard/routes.js';
import { exportRoutes } from './adapters/http/dashboard/export-routes.js';
import { inboxRoutes } from './adapters/http/dashboard/inbox-routes.js';
import { reportApiRoutes } from './adapters/http/report-api-routes.js';
import { OpenIdProvider } from './adapters/oidc/openid-provider.js';

export interface ServiceParts {
  app: Express;
  core: CoreDeps;
  sender: SmsSender;
  staff: StaffOutbox;
  metrics: Metrics;
  slack: SlackService;
  scheduler: ReturnType<typeof createScheduler>;
  /** Starts the background loops (senders). */
  startLoops(): void;
  stopLoops(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  ids?: IdGenerator;
  sleep?: (ms: number) => Promise<void>;
  gateway?: SmsGateway;
  staffChannel?: StaffChannel;
  /** Twilio SDK keep-alive (tests turn it off for nock). */
  twilioKeepAlive?: boolean;
}

/** Wires every use-case over an open, migrated database. Listens to nothing. */
export async function buildService(config: Config, logger: Logger, db: Db, apiToken: string, over: Overrides = {}): Promise<ServiceParts> {
  const clock = over.clock ?? systemClock;
  const ids = over.ids ?? randomIds;
  const sleep = over.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const metrics = createMetrics({ defaults: !over.clock });
  const catalog = await loadCatalog(config.conversationsDir, db);
  const gateway = over.gateway ?? smsGateway(config, over.twilioKeepAlive ?? true);
  const loops: WorkLoop[] = [];
  const core: CoreDeps = {
    db,
    clock,
    ids,
    logger,
    catalog,
    settings: {
      quietHours: config.sms.quietHours,
      twilioHandlesKeywords: config.twilio.handlesKeywords,
      careTeam: { name: config.careTeam.name, phone: config.careTeam.phone },
      defaultTimezone: config.sms.defaultTimezone,
      phone: config.phone,
      timeline: {
        firstCheckinAfterDays: config.scheduler.firstCheckinAfterDays,
        refineWeeks: config.scheduler.refineWeeks,
        reassessWeek: config.scheduler.reassessWeek,
      },
    },
    wake: () => loops.forEach((loop) => loop.wake()),
    onSessionEnded,
    telemetry: telemetryOver(metrics),
  };
  watchQueues(metrics, { db, clock });
  const slack = buildSlack(core, config.slack);
  const sender = new SmsSender({
    db,
    clock,
    ids,
    logger,
    gateway,
    ratePerSecond: config.sms.ratePerSecond,
    quietHours: config.sms.quietHours,
    sleep,
    leaseMs: 2 * config.sms.sendTimeoutMs + 5_000,
    onFailure: async (failure) => {
      metrics.smsFailures.inc({ code: failure.code ?? 'none', kind: failure.kind });
      await handleDeliveryFailure(core, failure);
    },
    observe: (event) => metrics.smsSends.inc({ outcome: event.outcome }),
  });
  const scheduler = createScheduler(core, { sender, staleCheckinHours: config.scheduler.staleCheckinHours });
  const ticker = config.scheduler.enabled ? new CronTicker(config.scheduler.cron, () => scheduler.tick(), logger) : null;
  const staff = new StaffOutbox({ db, clock, logger, channel: over.staffChannel ?? slack.channel, telemetry: core.telemetry });
  const authenticate = apiAuthentication({ db, clock, apiToken });
  loops.push(new WorkLoop('sms-sender', () => sender.drain(), 1000, logger), new WorkLoop('staff-outbox', () => staff.drain(), 1000, logger));

  const cleaned = cleanedReporter(metrics);
  const routers = [
    twilioRoutes({
      cleaned,
      authToken: config.twilio.authToken,
      publicUrl: config.http.publicUrl,
      receive: async (sms) => {
        const result = await receiveSms(core, sms);
        metrics.messages.inc({ direction: 'inbound', outcome: result.outcome });
        if (sms.storedBody && result.patientId && result.outcome !== 'duplicate') await flagLongText(core, result.patientId, sms.sid, sms.storedBody.length);
        // A safety reply goes out before the webhook is answered.
        if (result.urgent && result.patientId) await sender.drain({ patientId: result.patientId, max: 3 });
      },
      status: (update) => onDeliveryStatus(core, update, { kindOf: twilioErrorKind, counted: (kind, code) => metrics.smsFailures.inc({ code: code ?? 'none', kind }) }),
    }),
    apiRoutes({
      cleaned,
      db,
      authenticate,
      serverUrl: config.http.publicUrl ?? `http://localhost:${config.http.port}`,
      phone: config.phone,
      enroll: (input, actor) => enrollPatient(core, input, actor),
      change: (id, changes, actor) => changePatient(core, id, changes, actor),
      checkinNow: (id, actor) => startCheckinNow(core, id, actor),
      schedule: (id) => scheduleView(core, id),
    }),
    staffApiRoutes({ db, clock, authenticate }),
    reportApiRoutes({ db, clock, authenticate }),
    dashboardRoutes({
      db,
      clock,
      logger,
      cookies: { secure: config.http.publicUrl?.startsWith('https:') ?? false },
      oidc: config.oidc && config.http.publicUrl
        ? { provider: new OpenIdProvider({ ...config.oidc, redirectUrl: `${config.http.publicUrl}/dashboard/oidc/callback` }), publicUrl: config.http.publicUrl }
        : undefined,
      extra: [inboxRoutes({ db, clock }), exportRoutes({ db, clock })],
    }),
    ...(slack.router ? [slack.router] : []),
    ...(gateway.mode === 'simulator' ? [simulatorRoutes({ db, token: apiToken })] : []),
  ];
  const app = createApp({ logger, metrics, isReady: async () => (await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute(), true), routers });
  return {
    app,
    core,
    sender,
    staff,
    metrics,
    slack,
    scheduler,
    startLoops: () => {
      loops.forEach((loop) => loop.start());
      ticker?.start();
    },
    stopLoops: async () => {
      await ticker?.stop();
      for (const loop of loops) await loop.stop();
    },
  };
}

function smsGateway(config: Config, keepAlive: boolean): SmsGateway {
  const t = config.twilio;
  if (!t.sending || !t.accountSid || !t.authToken) return new SimulatorSmsGateway();
  return new TwilioSmsGateway({
    accountSid: t.accountSid,
    authToken: t.authToken,
    fromNumber: t.fromNumber,
    messagingServiceSid: t.messagingServiceSid,
    publicUrl: config.http.publicUrl,
    apiBaseUrl: t.apiBaseUrl,
    keepAlive,
    timeoutMs: config.sms.sendTimeoutMs,
  });
}

/** API_TOKEN, or in development a random one kept in DATA_DIR so it survives restarts. */
function apiTokenFor(config: Config, logger: Logger): string {
  if (config.api.token) return config.api.token;
  const file = join(config.db.dataDir, 'api-token');
  if (!existsSync(file)) {
    mkdirSync(config.db.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  }
  logger.warn({ file }, 'API_TOKEN is not set: using a development token stored in this file');
  return readFileSync(file, 'utf8').trim();
}

export interface RunningService {
  port: number;
  /** Migrations applied by this start (empty when the database was up to date). */
  migrationsApplied: string[];
  close(): Promise<void>;
}

/** The dashboard's address, and (once, when it was just created) the first admin's one-time password. */
function announce(url: string, firstAdmin: { email: string; oneTimePassword: string } | null, out: (text: string) => void): void {
  const lines = [`careloop dashboard: ${url}`];
  if (firstAdmin) {
    lines.push(`first admin created: sign in as ${firstAdmin.email} with the one-time password ${firstAdmin.oneTimePassword}`);
    lines.push('(it is shown only now; you will choose a new password at first sign-in)');
  }
  out(`${lines.join('\n')}\n`);
}

function dashboardUrl(config: Config, port: number): string {
  if (config.http.publicUrl) return `${config.http.publicUrl}/dashboard`;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  return `http://${host}:${port}/dashboard`;
}

/** `out` receives what a person starting careloop must read (the dashboard URL, a first admin's password); not the log. */
export async function startService(config: Config, logger: Logger, out: (text: string) => void = (t) => process.stdout.write(t)): Promise<RunningService> {
  const database = await openDatabase({ url: config.db.url, dataDir: config.db.dataDir });
  logger.info({ embedded: database.embedded }, database.embedded ? 'using embedded PostgreSQL' : 'using DATABASE_URL');
  try {
    const migrationsApplied = config.db.autoMigrate ? await migrateToLatest(database.db) : [];
    logger.info({ applied: migrationsApplied }, 'migrations up to date');
    const parts = await buildService(config, logger, database.db, apiTokenFor(config, logger));
    if (!config.twilio.sending) logger.warn('simulator mode: outbound texts are printed, not sent');
    await parts.slack.start();
    const firstAdmin = await ensureFirstAdmin({ db: database.db, clock: systemClock });
    const server = await listen(parts.app, config.http.port, config.http.host);
    parts.startLoops();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    logger.info({ port }, 'careloop is listening');
    announce(dashboardUrl(config, port), firstAdmin, out);
    return {
      port,
      migrationsApplied,
      close: async () => {
        await closeServer(server);
        await parts.stopLoops();
        await parts.slack.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}

/** Stops accepting connections and waits for in-flight requests to finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}
