// Carries out the engine's effects inside the patient's transaction, in order.
// The engine decided; this only records and queues.
import { Duration } from 'luxon';
import type { Effect } from '../engine/effects.js';
import { appendAudit } from '../adapters/db/repositories/audit.js';
import { insertDailyLog, insertResult, updateCheckin } from '../adapters/db/repositories/checkins.js';
import { suppressPendingSms } from '../adapters/db/repositories/messages.js';
import { cancelTimer, insertTimer } from '../adapters/db/repositories/sessions.js';
import { currentPlan, insertPlanVersion, updatePatient } from '../adapters/db/repositories/patients.js';
import { escalate } from './escalate.js';
import type { QueuedSms } from './deps.js';
import type { PatientTx } from './patient-tx.js';
import { queueSms } from './queue-sms.js';
import { localDate } from '../engine/schedule/schedule-math.js';
import { onConsentConfirmed } from './timeline-hooks.js';

export interface SessionRef {
  id: string;
  checkinId: string | null;
}

/** Results whose names feed the check-in summary columns. */
const CHECKIN_COLUMNS: Record<string, 'days_done' | 'confidence' | 'barrier'> = {
  days_done: 'days_done',
  confidence: 'confidence',
  new_confidence: 'confidence',
  barrier: 'barrier',
};

export async function applyEffects(ctx: PatientTx, session: SessionRef | null, effects: Effect[], triggerMessageId: string | null = null): Promise<void> {
  const { tx, patient, now } = ctx;
  const optingOut = effects.some((e) => e.type === 'optOut');
  const queuedBefore = ctx.queued.lastSms;
  for (const effect of effects) {
    switch (effect.type) {
      case 'send':
        if (ctx.suppressKeywordReplies && effect.purpose === 'system') break;
        await queueSms(ctx, { body: effect.text, purpose: effect.purpose, author: 'bot', sessionId: session?.id ?? null, afterOptOut: optingOut || effect.evenIfOptedOut === true });
        break;
      case 'scheduleTimer':
        if (!session) throw new Error('a timer needs a session');
        await insertTimer(tx, timerRow(ctx, session, effect, ctx.queued.lastSms !== queuedBefore ? ctx.queued.lastSms : null));
        break;
      case 'cancelTimer':
        await cancelTimer(tx, effect.key);
        break;
      case 'recordResult':
        await recordResult(ctx, session, effect);
        break;
      case 'escalate':
        await escalate(ctx, { urgency: effect.urgency, reason: effect.reason, category: effect.category ?? null, sessionId: session?.id ?? null, triggerMessageId });
        break;
      case 'updatePlan':
        await updatePlan(ctx, effect);
        break;
      case 'consent':
        if (patient.consent !== 'confirmed' || patient.status === 'pending_consent') {
          const status = patient.status === 'pending_consent' ? 'active' : patient.status;
          await updatePatient(tx, patient.id, { consent: 'confirmed', consent_at: now, consent_source: 'patient_sms', status, updated_at: now });
          Object.assign(patient, { consent: 'confirmed', consent_at: now, consent_source: 'patient_sms', status });
          await appendAudit(tx, { at: now, actor: 'patient', action: 'consent.confirmed', patientId: patient.id, details: { source: 'patient_sms', messageId: triggerMessageId } });
          await onConsentConfirmed(ctx);
        }
        break;
      case 'optOut':
        await optOut(ctx, 'patient_sms', triggerMessageId);
        break;
      case 'optIn':
        await optIn(ctx, triggerMessageId);
        break;
      case 'logDay':
        await insertDailyLog(tx, { patient_id: patient.id, local_date: localDate(now, patient.timezone), created_at: now });
        break;
      case 'conversationStarted':
      case 'end':
      case 'relayToStaff':
        // Recorded with the session (and the relay queued) by conversations.ts.
        break;
    }
  }
}

/**
 * A reminder or timeout counts from when its prompt may actually go out (the
 * prompt queued just before it in this unit): quiet hours move it too. If the
 * prompt then waits in a slow queue, fire-due-timers moves it again.
 */
function timerRow(ctx: PatientTx, session: SessionRef, effect: Extract<Effect, { type: 'scheduleTimer' }>, prompt: QueuedSms | null) {
  const base = { key: effect.key, session_id: session.id, patient_id: ctx.patient.id, kind: effect.kind };
  if (!effect.after || !prompt) return { ...base, fire_at: new Date(effect.at) };
  const waitMs = Duration.fromISO(effect.after).toMillis();
  return { ...base, fire_at: new Date(prompt.runAt.getTime() + waitMs), anchor_message_id: prompt.messageId, wait_ms: String(waitMs) };
}

async function recordResult(ctx: PatientTx, session: SessionRef | null, effect: Extract<Effect, { type: 'recordResult' }>): Promise<void> {
  if (!session) return;
  await insertResult(ctx.tx, {
    id: ctx.deps.ids.uuid(),
    session_id: session.id,
    patient_id: ctx.patient.id,
    checkin_id: session.checkinId,
    name: effect.name,
    value: JSON.stringify(effect.value),
    category: effect.category ?? null,
    input: effect.input ?? null,
    created_at: ctx.now,
  });
  const column = CHECKIN_COLUMNS[effect.name];
  if (!session.checkinId || !column) return;
  if (column === 'barrier') {
    await updateCheckin(ctx.tx, session.checkinId, { barrier: String(effect.category ?? effect.value), updated_at: ctx.now });
  } else if (typeof effect.value === 'number') {
    await updateCheckin(ctx.tx, session.checkinId, { [column]: effect.value, updated_at: ctx.now });
  }
}

async function updatePlan(ctx: PatientTx, effect: Extract<Effect, { type: 'updatePlan' }>): Promise<void> {
  const plan = await currentPlan(ctx.tx, ctx.patient.id);
  if (!plan) return;
  const next = await insertPlanVersion(
    ctx.tx,
    {
      id: ctx.deps.ids.uuid(),
      patient_id: ctx.patient.id,
      action: effect.action ?? plan.action,
      days_per_week: effect.daysPerWeek ?? plan.days_per_week,
      confidence: effect.confidence ?? plan.confidence,
      start_date: plan.start_date,
      source: 'patient_sms',
      created_at: ctx.now,
      superseded_at: null,
    },
    ctx.now,
  );
  await appendAudit(ctx.tx, { at: ctx.now, actor: 'patient', action: 'plan.changed', patientId: ctx.patient.id, details: { version: next.version } });
}

export async function optOut(ctx: PatientTx, source: string, messageId: string | null): Promise<void> {
  if (ctx.patient.status === 'opted_out') return;
  await updatePatient(ctx.tx, ctx.patient.id, { status: 'opted_out', updated_at: ctx.now });
  ctx.patient.status = 'opted_out';
  await suppressPendingSms(ctx.tx, ctx.patient.id, ctx.now);
  await appendAudit(ctx.tx, { at: ctx.now, actor: 'patient', action: 'consent.opted_out', patientId: ctx.patient.id, details: { source, messageId } });
}

export async function optIn(ctx: PatientTx, messageId: string | null): Promise<void> {
  if (ctx.patient.status !== 'opted_out') return;
  const status = ctx.patient.consent === 'confirmed' ? 'active' : 'pending_consent';
  await updatePatient(ctx.tx, ctx.patient.id, { status, updated_at: ctx.now });
  ctx.patient.status = status;
  if (status === 'active') await onConsentConfirmed(ctx);
  await appendAudit(ctx.tx, { at: ctx.now, actor: 'patient', action: 'consent.opted_in', patientId: ctx.patient.id, details: { messageId } });
}
