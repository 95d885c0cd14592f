// GET /api/patients: the caller's patients, filtered, in pages by label with
// an opaque cursor. Shapes are zod schemas so the OpenAPI document uses them.
import { z } from 'zod';
import type { Db } from '../../adapters/db/connect.js';
import { findCareTeamByName } from '../../adapters/db/repositories/care-teams.js';
import { listPatients } from '../../adapters/db/repositories/patient-list.js';
import { invalidInput } from '../errors.js';
import { requirePermission, type Principal } from '../staff/principal.js';

export const patientListQuerySchema = z.strictObject({
  status: z.enum(['pending_consent', 'active', 'paused', 'opted_out']).optional(),
  careTeam: z.string().trim().min(1).max(100).optional().describe('care team name'),
  q: z.string().trim().min(1).max(100).optional().describe('part of a name or label'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor from the previous page'),
});

export const patientListItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  name: z.string(),
  status: z.string(),
  language: z.string(),
  careTeam: z.string().nullable(),
  plan: z.object({ action: z.string(), daysPerWeek: z.number(), confidence: z.number() }).nullable(),
  createdAt: z.string(),
});

export const patientListSchema = z.object({ items: z.array(patientListItemSchema), nextCursor: z.string().nullable() });

const encode = (label: string, id: string) => Buffer.from(JSON.stringify([label, id])).toString('base64url');
function decode(cursor: string): { label: string; id: string } {
  try {
    const [label, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof label === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { label, id };
  } catch {
    // fall through
  }
  throw invalidInput('bad cursor', { cursor: 'use nextCursor from the previous page' });
}

export async function patientList(db: Db, principal: Principal, query: z.infer<typeof patientListQuerySchema>): Promise<z.infer<typeof patientListSchema>> {
  requirePermission(principal, 'read');
  const team = query.careTeam ? await findCareTeamByName(db, query.careTeam) : undefined;
  if (query.careTeam && !team) throw invalidInput('unknown care team', { careTeam: `no care team named ${query.careTeam}` });
  const rows = await listPatients(db, {
    scope: principal.scope,
    status: query.status,
    careTeamId: team?.id,
    search: query.q,
    after: query.cursor ? decode(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      label: r.label,
      name: r.name,
      status: r.status,
      language: r.language,
      careTeam: r.care_team,
      plan: r.action !== null && r.days_per_week !== null && r.confidence !== null ? { action: r.action, daysPerWeek: r.days_per_week, confidence: r.confidence } : null,
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encode(last.label, last.id) : null,
  };
}
