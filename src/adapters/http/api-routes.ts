// The care-team REST API (JSON, bearer token). Thin: parse, call one
// use-case, answer; errors go to the one error handler.
import { timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Db } from '../db/connect.js';
import { AppError, invalidInput } from '../../app/errors.js';
import { newPatientSchema, parseInput, patientChangesSchema } from '../../app/patient-input.js';
import { checkinsView, escalationsView, messagesView, patientView } from '../../app/patient-views.js';
import { visiblePatient } from '../../app/staff/access.js';
import { requirePermission, seesPatient } from '../../app/staff/principal.js';
import { findCareTeamByName } from '../db/repositories/care-teams.js';
import { filterVisiblePatients } from '../db/repositories/patient-scope.js';
import type { EscalationStatus } from '../db/schema.js';
import { principalOf } from './auth.js';
import { openApiDocument } from './openapi.js';

export interface ApiDeps {
  db: Db;
  /** Sets res.locals.principal (API_TOKEN or a member's token); see auth.ts. */
  authenticate: RequestHandler;
  enroll(input: ReturnType<typeof newPatientSchema.parse>, actor: string): Promise<string>;
  change(id: string, changes: ReturnType<typeof patientChangesSchema.parse>, actor: string): Promise<void>;
  checkinNow(id: string, actor: string): Promise<void>;
  schedule(id: string): Promise<unknown>;
}

/** Bearer-token check shared by the API and the simulator routes. */
export function bearer(token: string): RequestHandler {
  const expected = Buffer.from(token);
  return (req, _res, next) => {
    const given = Buffer.from((req.header('authorization') ?? '').replace(/^Bearer\s+/i, ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('unauthorized', 'a valid Authorization: Bearer token is required');
    next();
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function patientId(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || !UUID.test(raw)) throw new AppError('not_found', 'patient not found');
  return raw;
}

const STATUSES = ['open', 'claimed', 'resolved'];

export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.use('/api', deps.authenticate);
  /** The patient in the path, if the caller's care teams include them and their role allows `permission`. */
  const visible = async (req: express.Request, res: express.Response, permission: 'read' | 'act' = 'read') =>
    (await visiblePatient(deps.db, principalOf(res), patientId(req.params.id), permission)).id;

  router.post('/api/patients', json, async (req, res) => {
    const principal = principalOf(res);
    requirePermission(principal, 'act');
    const input = parseInput(newPatientSchema, req.body);
    // A member may enroll only into a care team they belong to.
    const team = input.careTeam ? await findCareTeamByName(deps.db, input.careTeam) : undefined;
    if (!seesPatient(principal.scope, team?.id ?? null)) throw invalidInput('not one of your care teams', { careTeam: 'name one of your care teams' });
    const id = await deps.enroll(input, principal.actor);
    res.status(201).json(await patientView(deps.db, id));
  });
  router.get('/api/patients/:id', async (req, res) => {
    res.json(await patientView(deps.db, await visible(req, res)));
  });
  router.patch('/api/patients/:id', json, async (req, res) => {
    const id = await visible(req, res, 'act');
    await deps.change(id, parseInput(patientChangesSchema, req.body), principalOf(res).actor);
    res.json(await patientView(deps.db, id));
  });
  router.post('/api/patients/:id/checkins', async (req, res) => {
    await deps.checkinNow(await visible(req, res, 'act'), principalOf(res).actor);
    res.status(202).json({ status: 'started' });
  });
  router.get('/api/patients/:id/checkins', async (req, res) => {
    res.json(await checkinsView(deps.db, await visible(req, res)));
  });
  router.get('/api/patients/:id/messages', async (req, res) => {
    res.json(await messagesView(deps.db, await visible(req, res)));
  });
  router.get('/api/patients/:id/schedule', async (req, res) => {
    res.json(await deps.schedule(await visible(req, res)));
  });
  router.get('/api/escalations', async (req, res) => {
    const { status, patientId: pid } = req.query;
    if (status !== undefined && (typeof status !== 'string' || !STATUSES.includes(status))) throw invalidInput('bad filter', { status: `must be one of ${STATUSES.join(', ')}` });
    if (pid !== undefined && (typeof pid !== 'string' || !UUID.test(pid))) throw invalidInput('bad filter', { patientId: 'must be a patient id' });
    const rows = await escalationsView(deps.db, { ...(status ? { status: status as EscalationStatus } : {}), ...(pid ? { patientId: pid as string } : {}) });
    const seen = await filterVisiblePatients(deps.db, principalOf(res).scope, rows.map((r) => r.patientId));
    res.json(rows.filter((r) => seen.has(r.patientId)));
  });
  return router;
}
