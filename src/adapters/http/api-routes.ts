// The care-team REST API (JSON, bearer token). Thin: parse, call one
// use-case, answer; errors go to the one error handler.
import { timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Db } from '../db/connect.js';
import { AppError, invalidInput } from '../../app/errors.js';
import { newPatientSchema, parseInput, patientChangesSchema } from '../../app/patient-input.js';
import { checkinsView, escalationsView, messagesView, patientView } from '../../app/patient-views.js';
import type { EscalationStatus } from '../db/schema.js';
import { openApiDocument } from './openapi.js';
import { cleanDeep, noCounts, report, type CleanReporter } from './input-hygiene.js';

export interface ApiDeps {
  db: Db;
  token: string;
  enroll(input: ReturnType<typeof newPatientSchema.parse>, actor: string): Promise<string>;
  change(id: string, changes: ReturnType<typeof patientChangesSchema.parse>, actor: string): Promise<void>;
  checkinNow(id: string, actor: string): Promise<void>;
  schedule(id: string): Promise<unknown>;
  /** Told how many characters were removed or replaced in a request body. */
  cleaned?: CleanReporter;
}

/** Cleans every string in the parsed body before validation (input-hygiene.ts). */
function cleanBody(reporter: CleanReporter | undefined): RequestHandler {
  return (req, _res, next) => {
    const counts = noCounts();
    req.body = cleanDeep(req.body, counts);
    report(reporter, 'api', counts);
    next();
  };
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
  const clean = cleanBody(deps.cleaned);
  const actor = 'api';

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.use('/api', bearer(deps.token));

  router.post('/api/patients', json, clean, async (req, res) => {
    const id = await deps.enroll(parseInput(newPatientSchema, req.body), actor);
    res.status(201).json(await patientView(deps.db, id));
  });
  router.get('/api/patients/:id', async (req, res) => {
    res.json(await patientView(deps.db, patientId(req.params.id)));
  });
  router.patch('/api/patients/:id', json, clean, async (req, res) => {
    const id = patientId(req.params.id);
    await deps.change(id, parseInput(patientChangesSchema, req.body), actor);
    res.json(await patientView(deps.db, id));
  });
  router.post('/api/patients/:id/checkins', async (req, res) => {
    await deps.checkinNow(patientId(req.params.id), actor);
    res.status(202).json({ status: 'started' });
  });
  router.get('/api/patients/:id/checkins', async (req, res) => {
    res.json(await checkinsView(deps.db, patientId(req.params.id)));
  });
  router.get('/api/patients/:id/messages', async (req, res) => {
    res.json(await messagesView(deps.db, patientId(req.params.id)));
  });
  router.get('/api/patients/:id/schedule', async (req, res) => {
    res.json(await deps.schedule(patientId(req.params.id)));
  });
  router.get('/api/escalations', async (req, res) => {
    const { status, patientId: pid } = req.query;
    if (status !== undefined && (typeof status !== 'string' || !STATUSES.includes(status))) throw invalidInput('bad filter', { status: `must be one of ${STATUSES.join(', ')}` });
    if (pid !== undefined && (typeof pid !== 'string' || !UUID.test(pid))) throw invalidInput('bad filter', { patientId: 'must be a patient id' });
    res.json(await escalationsView(deps.db, { ...(status ? { status: status as EscalationStatus } : {}), ...(pid ? { patientId: pid as string } : {}) }));
  });
  return router;
}
