// A staff member closes an escalation: the patient goes back to the bot and
// the normal check-in schedule resumes.
import { appendAudit } from '../../adapters/db/repositories/audit.js';
import { resolveOpenEscalation } from '../../adapters/db/repositories/escalation-work.js';
import { findEnrollment } from '../../adapters/db/repositories/patients.js';
import type { CoreDeps } from '../deps.js';
import { conflict, invalidInput } from '../errors.js';
import { planNextCheckin } from '../timeline.js';
import { queueStaffJob } from './staff-jobs.js';
import { secondsBetween, withEscalation, type StaffMember } from './staff.js';

export const MAX_RESOLUTION_NOTE = 2000;

export async function resolveEscalation(core: CoreDeps, escalationId: string, staff: StaffMember, note: string | null): Promise<void> {
  const cleanNote = note?.trim() || null;
  if (cleanNote && cleanNote.length > MAX_RESOLUTION_NOTE) throw invalidInput('the note is too long', { note: `must be at most ${MAX_RESOLUTION_NOTE} characters` });
  await withEscalation(core, escalationId, async (ctx, escalation) => {
    const resolved = await resolveOpenEscalation(ctx.tx, escalationId, staff.name, cleanNote, ctx.now);
    if (!resolved) throw conflict(`this escalation was already resolved by ${escalation.resolved_by ?? 'someone'}`);
    await appendAudit(ctx.tx, {
      at: ctx.now,
      actor: staff.actor,
      action: 'escalation.resolved',
      patientId: ctx.patient.id,
      details: { escalationId, staffName: staff.name, note: cleanNote, secondsOpen: secondsBetween(escalation.created_at, ctx.now) },
    });
    // The bot takes the patient back: plan the next check-in from now.
    const enrollment = await findEnrollment(ctx.tx, ctx.patient.id);
    await planNextCheckin(ctx, ctx.now, enrollment?.next_checkin_week ?? 1);
    await queueStaffJob(ctx, { type: 'escalation.note', escalationId, messageId: null });
  });
}
