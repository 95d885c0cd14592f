// Opens an escalation in the caller's transaction and queues its Slack post
// (through the outbox, so a Slack outage never loses it).
import { insertEscalation, openEscalation, updateEscalation } from '../adapters/db/repositories/escalations.js';
import { appendAudit } from '../adapters/db/repositories/audit.js';
import { queueStaffJob } from './escalations/staff-jobs.js';
import type { PatientTx } from './patient-tx.js';

export interface EscalationRequest {
  urgency: 'urgent' | 'routine';
  reason: string;
  category?: string | null;
  sessionId?: string | null;
  triggerMessageId?: string | null;
}

/**
 * One open escalation per patient holds the conversation: a new routine
 * request joins the open one; an urgent one upgrades it and re-notifies.
 */
export async function escalate(ctx: PatientTx, req: EscalationRequest): Promise<string> {
  const { tx, patient, now, deps } = ctx;
  const open = await openEscalation(tx, patient.id);
  let id: string;
  let action: 'post' | 'update';
  if (open && (open.urgency === 'urgent' || req.urgency === 'routine')) {
    id = open.id;
    action = 'update';
    await appendAudit(tx, { at: now, actor: 'careloop', action: 'escalation.joined', patientId: patient.id, details: { escalationId: id, reason: req.reason } });
  } else if (open) {
    id = open.id;
    action = 'post';
    await updateEscalation(tx, id, { urgency: 'urgent', reason: req.reason, category: req.category ?? null, updated_at: now });
    deps.telemetry?.escalationOpened('urgent');
    await appendAudit(tx, { at: now, actor: 'careloop', action: 'escalation.upgraded', patientId: patient.id, details: { escalationId: id, reason: req.reason } });
  } else {
    const row = await insertEscalation(tx, {
      id: deps.ids.uuid(),
      patient_id: patient.id,
      session_id: req.sessionId ?? null,
      trigger_message_id: req.triggerMessageId ?? null,
      urgency: req.urgency,
      reason: req.reason,
      category: req.category ?? null,
      status: 'open',
      created_at: now,
      updated_at: now,
    });
    id = row.id;
    action = 'post';
    deps.telemetry?.escalationOpened(req.urgency);
    await appendAudit(tx, { at: now, actor: 'careloop', action: 'escalation.opened', patientId: patient.id, details: { escalationId: id, urgency: req.urgency, reason: req.reason } });
  }
  await queueStaffJob(ctx, { type: action === 'post' ? 'escalation.post' : 'escalation.note', escalationId: id, messageId: req.triggerMessageId ?? null });
  return id;
}
