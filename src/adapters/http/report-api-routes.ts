// Read-only reports over the API: the patient list, a patient's pre-visit
// summary (JSON, or text with Accept: text/plain or ?format=text), and the
// patient-week CSV export. All limited to the caller's care teams.
import { Router, type Request, type RequestHandler } from 'express';
import type { Db } from '../db/connect.js';
import { AppError } from '../../app/errors.js';
import { parseInput } from '../../app/patient-input.js';
import type { Clock } from '../../app/ports.js';
import { preparePatientWeekExport, exportQuerySchema } from '../../app/reports/export.js';
import { patientHistory } from '../../app/reports/history.js';
import { patientList, patientListQuerySchema } from '../../app/reports/patient-list.js';
import { principalOf } from './auth.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Query values as plain strings (repeated keys are refused by the schema as non-strings). */
const queryOf = (req: Request) => Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, Array.isArray(v) ? v : v]));

export function reportApiRoutes(deps: { db: Db; clock: Clock; authenticate: RequestHandler }): Router {
  const router = Router();
  router.use(['/api/patients', '/api/exports'], deps.authenticate);

  router.get('/api/patients', async (req, res) => {
    res.json(await patientList(deps.db, principalOf(res), parseInput(patientListQuerySchema, queryOf(req))));
  });

  router.get('/api/patients/:id/summary', async (req, res) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) throw new AppError('not_found', 'patient not found');
    const { patient, summary } = await patientHistory(deps.db, principalOf(res), id);
    const wantsText = req.query.format === 'text' || (req.accepts(['application/json', 'text/plain']) === 'text/plain' && req.query.format !== 'json');
    if (wantsText) res.type('text/plain; charset=utf-8').send(`${patient.name} (${patient.label})\n${summary.text}\n`);
    else res.json({ patientId: patient.id, label: patient.label, ...summary });
  });

  router.get('/api/exports/patient-weeks.csv', async (req, res) => {
    const write = await preparePatientWeekExport(deps, principalOf(res), parseInput(exportQuerySchema, queryOf(req)));
    res.type('text/csv; charset=utf-8').attachment('patient-weeks.csv');
    await write(res);
  });
  return router;
}
