// The care-team REST API (JSON, bearer token). Thin: parse, call one
// use-case, answer; errors go to the one error handler. Each route is one
// entry of `apiOperations`: the router serves the entries and openapi.ts
// documents the very same schemas, so the document cannot drift from what
// the routes accept and answer.
import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { AppError, invalidInput } from '../../app/errors.js';
import { newPatientSchemaFor, parseInput, patientChangesSchema, type NewPatientInput } from '../../app/patient-input.js';
import type { PhoneRules } from '../../app/phone.js';
import { checkinsView, escalationsView, MESSAGES_PAGE, messagesView, patientView } from '../../app/patient-views.js';
import { checkinListSchema, checkinStartedSchema, escalationListSchema, messageListSchema, patientSchema, scheduleSchema, type ScheduleShape } from '../../app/api-shapes.js';
import { operation, type ApiOperation } from './api-operation.js';
import { visiblePatient } from '../../app/staff/access.js';
import { requirePermission, seesPatient } from '../../app/staff/principal.js';
import { findCareTeamByName } from '../db/repositories/care-teams.js';
import { filterVisiblePatients } from '../db/repositories/patient-scope.js';
import { principalOf } from './auth.js';
import { openApiDocument } from './openapi.js';
import { cleanDeep, noCounts, report, type CleanReporter } from './input-hygiene.js';

export interface ApiDeps {
  db: Db;
  /** Sets res.locals.principal (API_TOKEN or a member's token); see auth.ts. */
  authenticate: RequestHandler;
  /** The base URL clients reach this server at, for the OpenAPI `servers`. */
  serverUrl: string;
  /** How the phone numbers people type are read. */
  phone: PhoneRules;
  enroll(input: NewPatientInput, actor: string): Promise<string>;
  change(id: string, changes: z.output<typeof patientChangesSchema>, actor: string): Promise<void>;
  checkinNow(id: string, actor: string): Promise<void>;
  schedule(id: string): Promise<ScheduleShape>;
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
function patientId(req: Request): string {
  const raw = req.params.id;
  if (typeof raw !== 'string' || !UUID.test(raw)) throw new AppError('not_found', 'patient not found');
  return raw;
}

/** Documented paging parameters; messagesPage() reads them with clear errors. */
const messagesQuerySchema = z.object({
  before: z.string().regex(/^[1-9]\d{0,18}$/).optional().describe('the cursor of the last text of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('texts per page (default 50)'),
});

const STATUSES = ['open', 'claimed', 'resolved'] as const;
/** Query filters; other query parameters are ignored. */
export const escalationFilterSchema = z.object({
  status: z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }).optional(),
  patientId: z.guid({ message: 'must be a patient id' }).optional(),
});

export function apiOperations(deps: ApiDeps): ApiOperation[] {
  /** The patient in the path, if the caller's care teams include them and their role allows `permission`. */
  const visible = async (req: Request, res: Response, permission: 'read' | 'act' = 'read') =>
    (await visiblePatient(deps.db, principalOf(res), patientId(req), permission)).id;
  const actor = (res: Response) => principalOf(res).actor;
  return [
    operation({
      method: 'post', path: '/api/patients', operationId: 'enrollPatient', summary: 'Enroll a patient',
      body: newPatientSchemaFor(deps.phone), ok: { status: 201, description: 'enrolled', schema: patientSchema }, errors: [400, 401, 403, 409],
      run: async (_req, { body }, res) => {
        const principal = principalOf(res);
        requirePermission(principal, 'act');
        // A member may enroll only into a care team they belong to.
        const team = body.careTeam ? await findCareTeamByName(deps.db, body.careTeam) : undefined;
        if (!seesPatient(principal.scope, team?.id ?? null)) throw invalidInput('not one of your care teams', { careTeam: 'name one of your care teams' });
        return patientView(deps.db, await deps.enroll(body, principal.actor));
      },
    }),
    operation({
      method: 'get', path: '/api/patients/:id', operationId: 'getPatient', summary: 'A patient, their current plan, status and next check-in',
      ok: { status: 200, description: 'the patient', schema: patientSchema }, errors: [401, 404],
      run: async (req, _input, res) => patientView(deps.db, await visible(req, res)),
    }),
    operation({
      method: 'patch', path: '/api/patients/:id', operationId: 'changePatient', summary: 'Pause, resume, or change the plan, schedule, name, time zone or language',
      body: patientChangesSchema, ok: { status: 200, description: 'the patient after the change', schema: patientSchema }, errors: [400, 401, 404, 409],
      run: async (req, { body }, res) => {
        const id = await visible(req, res, 'act');
        await deps.change(id, body, actor(res));
        return patientView(deps.db, id);
      },
    }),
    operation({
      method: 'post', path: '/api/patients/:id/checkins', operationId: 'startCheckin', summary: 'Start the weekly check-in now (quiet hours still apply)',
      ok: { status: 202, description: 'started', schema: checkinStartedSchema }, errors: [401, 404, 409],
      run: async (req, _input, res) => {
        await deps.checkinNow(await visible(req, res, 'act'), actor(res));
        return { status: 'started' };
      },
    }),
    operation({
      method: 'get', path: '/api/patients/:id/checkins', operationId: 'listCheckins', summary: 'Check-ins, newest first',
      ok: { status: 200, description: 'check-ins', schema: checkinListSchema }, errors: [401, 404],
      run: async (req, _input, res) => checkinsView(deps.db, await visible(req, res)),
    }),
    operation({
      method: 'get', path: '/api/patients/:id/messages', operationId: 'listMessages',
      summary: 'Texts to and from the patient, newest first (write order), a page at a time; a Link header (rel="next") gives the next page',
      query: messagesQuerySchema, ok: { status: 200, description: 'messages', schema: messageListSchema }, errors: [400, 401, 404],
      run: async (req, _input, res) => {
        const id = await visible(req, res);
        const page = messagesPage(req.query);
        const { messages, nextBefore } = await messagesView(deps.db, id, page);
        // The body stays a list; the next page is a Link header (RFC 8288), absent on the last page.
        if (nextBefore !== null) res.set('Link', `</api/patients/${id}/messages?before=${nextBefore}&limit=${page.limit}>; rel="next"`);
        return messages;
      },
    }),
    operation({
      method: 'get', path: '/api/patients/:id/schedule', operationId: 'getSchedule', summary: "The next planned events, in the patient's local time",
      ok: { status: 200, description: 'planned events', schema: scheduleSchema }, errors: [401, 404],
      run: async (req, _input, res) => deps.schedule(await visible(req, res)),
    }),
    operation({
      method: 'get', path: '/api/escalations', operationId: 'listEscalations', summary: 'Escalations, newest first',
      query: escalationFilterSchema, ok: { status: 200, description: 'escalations', schema: escalationListSchema }, errors: [400, 401],
      run: async (_req, { query }, res) => {
        const rows = await escalationsView(deps.db, query);
        const seen = await filterVisiblePatients(deps.db, principalOf(res).scope, rows.map((r) => r.patientId));
        return rows.filter((r) => seen.has(r.patientId));
      },
    }),
  ];
}

export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const operations = apiOperations(deps);
  const document = openApiDocument(operations, deps.serverUrl);

  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/api', deps.authenticate);
  const clean = cleanBody(deps.cleaned);
  for (const op of operations) {
    const handlers: RequestHandler[] = op.body ? [json, clean] : [];
    router[op.method](op.path, ...handlers, async (req, res) => {
      const input = {
        body: op.body ? parseInput(op.body, req.body) : undefined,
        query: op.query ? parseInput(op.query, req.query) : undefined,
      };
      // Serialized through the documented schema: unknown keys never reach a client.
      res.status(op.ok.status).json(op.ok.schema.parse(await op.run(req, input, res)));
    });
  }
  return router;
}

function messagesPage(query: Record<string, unknown>): { before: string | null; limit: number } {
  const { before, limit } = query;
  if (before !== undefined && (typeof before !== 'string' || !/^[1-9]\d{0,18}$/.test(before))) throw invalidInput('bad page', { before: 'must be a cursor from an earlier page' });
  const n = limit === undefined ? MESSAGES_PAGE.default : typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MESSAGES_PAGE.max) throw invalidInput('bad page', { limit: `must be a whole number from 1 to ${MESSAGES_PAGE.max}` });
  return { before: before ?? null, limit: n };
}
