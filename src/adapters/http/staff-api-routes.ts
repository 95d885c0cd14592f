// Staff, care teams and API tokens over the JSON API (admins manage; members
// may issue their own token). Request shapes are zod schemas in app/staff.
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { parseInput } from '../../app/patient-input.js';
import { addStaff, assignToCareTeam, createCareTeam, disableStaff, issueApiToken, linkSlackUser, listCareTeamsView, listStaffView, newCareTeamSchema, newStaffSchema, slackLinkSchema, type StaffDeps } from '../../app/staff/accounts.js';
import { principalOf } from './auth.js';

export const assignMemberSchema = z.strictObject({ staff: z.string().trim().min(1).max(254).describe('email or id') });
export const newTokenSchema = z.strictObject({ name: z.string().trim().min(1).max(80).default('api') });

export function staffApiRoutes(deps: StaffDeps & { authenticate: RequestHandler }): Router {
  const router = Router();
  const json = express.json({ limit: '16kb' });
  router.use(['/api/staff', '/api/care-teams', '/api/me'], deps.authenticate);

  router.get('/api/me', (_req, res) => {
    const p = principalOf(res);
    res.json({ staffId: p.staffId, email: p.email, name: p.name, role: p.role, actor: p.actor });
  });
  router.get('/api/staff', async (_req, res) => {
    res.json(await listStaffView(deps, principalOf(res)));
  });
  router.post('/api/staff', json, async (req, res) => {
    res.status(201).json(await addStaff(deps, principalOf(res), parseInput(newStaffSchema, req.body)));
  });
  router.post('/api/staff/:ref/disable', async (req, res) => {
    res.json(await disableStaff(deps, principalOf(res), String(req.params.ref)));
  });
  router.put('/api/staff/:ref/slack', json, async (req, res) => {
    const { slackUserId } = parseInput(slackLinkSchema, req.body);
    res.json(await linkSlackUser(deps, principalOf(res), String(req.params.ref), slackUserId));
  });
  router.post('/api/staff/:ref/tokens', json, async (req, res) => {
    const { name } = parseInput(newTokenSchema, req.body ?? {});
    res.status(201).json(await issueApiToken(deps, principalOf(res), String(req.params.ref), name));
  });
  router.get('/api/care-teams', async (_req, res) => {
    res.json(await listCareTeamsView(deps, principalOf(res)));
  });
  router.post('/api/care-teams', json, async (req, res) => {
    res.status(201).json(await createCareTeam(deps, principalOf(res), parseInput(newCareTeamSchema, req.body)));
  });
  router.post('/api/care-teams/:ref/members', json, async (req, res) => {
    const { staff } = parseInput(assignMemberSchema, req.body);
    res.json(await assignToCareTeam(deps, principalOf(res), staff, String(req.params.ref)));
  });
  return router;
}
