// The care-team REST API (JSON, bearer token). Thin: parse, call one
// use-case, answer; errors go to the one error handler.
import { timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Db } from '../db/connect.js';
import { AppError, invalidInput } from '../../app/errors.js';
import { newPatientSchema, parseInput, patientChangesSchema } from '../../app/patient-input.js';
import { checkinsView, escalationsView, MESSAGES_PAGE, messagesView, patientView } from '../../app/patient-views.js';
import type { EscalationStatus } from '../db/schema.js';
import { openApiDocument } from './openapi.js';

export interface ApiDeps {
  db: Db;
  token: string;
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
  const actor = 'api';

  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.use('/api', bearer(deps.token));

  router.post('/api/patients', json, async (req, res) => {
    const id = await deps.enroll(parseInput(newPatientSchema, req.body), actor);
    res.status(201).json(await patientView(deps.db, id));
  });
  router.get('/api/patients/:id', async (req, res) => {
    res.json(await patientView(deps.db, patientId(req.params.id)));
  });
  router.patch('/api/patients/:id', json, async (req, res) => {
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
    const id = patientId(req.params.id);
    const page = messagesPage(req.query);
    const { messages, nextBefore } = await messagesView(deps.db, id, page);
    // The body stays a list; the next page is a Link header (RFC 8288), absent on the last page.
    if (nextBefore !== null) res.set('Link', `</api/patients/${id}/messages?before=${nextBefore}&limit=${page.limit}>; rel="next"`);
    res.json(messages);
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

function messagesPage(query: Record<string, unknown>): { before: string | null; limit: number } {
  const { before, limit } = query;
  if (before !== undefined && (typeof before !== 'string' || !/^[1-9]\d{0,18}$/.test(before))) throw invalidInput('bad page', { before: 'must be a cursor from an earlier page' });
  const n = limit === undefined ? MESSAGES_PAGE.default : typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MESSAGES_PAGE.max) throw invalidInput('bad page', { limit: `must be a whole number from 1 to ${MESSAGES_PAGE.max}` });
  return { before: before ?? null, limit: n };
}
