// Simulator mode only (never with real Twilio sending): lets `careloop chat
// --phone` read the texts the server would have sent to a number.
import { Router } from 'express';
import type { Db } from '../db/connect.js';
import { AppError, invalidInput } from '../../app/errors.js';
import { outboundSince } from '../db/repositories/messages.js';
import { findPatientByPhone } from '../db/repositories/patients.js';
import { bearer } from './api-routes.js';

export function simulatorRoutes(deps: { db: Db; token: string }): Router {
  const router = Router();
  router.get('/simulator/messages', bearer(deps.token), async (req, res) => {
    const { phone, after } = req.query;
    if (typeof phone !== 'string' || typeof after !== 'string' || Number.isNaN(Date.parse(after))) throw invalidInput('phone and after (ISO time) are required');
    const patient = await findPatientByPhone(deps.db, phone);
    if (!patient) throw new AppError('not_found', 'no patient with this phone');
    const rows = await outboundSince(deps.db, patient.id, new Date(after));
    res.json(rows.map((m) => ({ body: m.body, status: m.status, createdAt: m.created_at.toISOString() })));
  });
  return router;
}
