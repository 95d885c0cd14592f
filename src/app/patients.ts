// Care-team use-cases on patients: enroll, change, start a check-in now.
import { DateTime } from 'luxon';
import { appendAudit } from '../adapters/db/repositories/audit.js';
import { insertCheckinOnce } from '../adapters/db/repositories/checkins.js';
import { activeSession } from '../adapters/db/repositories/sessions.js';
import { findCareTeamByName } from '../adapters/db/repositories/care-teams.js';
import type { Executor } from '../adapters/db/connect.js';
import { currentPlan, findEnrollment, findPatientByLabel, insertPatient, insertPlanVersion, updateEnrollment, updatePatient, upsertEnrollment } from '../adapters/db/repositories/patients.js';
import { feedSession, startConversation } from './conversations.js';
import type { CoreDeps } from './deps.js';
import { AppError, conflict, invalidInput } from './errors.js';
import { sendSystem } from './inbound-sms.js';
import { withPatient } from './patient-tx.js';
import { WEEKDAYS, type NewPatientInput, type PatientChanges } from './patient-input.js';
import { planNextCheckin } from './timeline.js';

/**
 * Pseudonymous label for staff: initials plus a short id, e.g. "MG-3F9A2C7D".
 * `length` grows only if a label is already taken.
 */
export function patientLabel(name: string, id: string, length = 8): string {
  const initials = name
    .trim()
    .split(/\s+/)
    .map((part) => part.normalize('NFD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase())
    .join('')
    .slice(0, 3);
  return `${initials || 'P'}-${id.replace(/-/g, '').slice(-length).toUpperCase()}`;
}

async function freeLabel(tx: Executor, name: string, id: string): Promise<string> {
  for (const length of [8, 12, 32]) {
    const label = patientLabel(name, id, length);
    if (!(await findPatientByLabel(tx, label))) return label;
  }
  return `${patientLabel(name, id, 32)}`;
}

export async function enrollPatient(deps: CoreDeps, input: NewPatientInput, actor: string): Promise<string> {
  const now = deps.clock.now();
  const id = deps.ids.uuid();
  const careTeam = input.careTeam ? await findCareTeamByName(deps.db, input.careTeam) : undefined;
  if (input.careTeam && !careTeam) throw invalidInput('unknown care team', { careTeam: `no care team named ${input.careTeam}` });
  const startDate = input.plan.startDate ?? DateTime.fromJSDate(now, { zone: input.timezone }).toISODate()!;
  const confirmed = input.consent === 'confirmed';
  await deps.db.transaction().execute(async (tx) => {
    const label = await freeLabel(tx, input.name, id);
    const patient = await insertPatient(tx, {
      id,
      phone: input.phone,
      name: input.name,
      label,
      timezone: input.timezone,
      language: input.language,
      status: confirmed ? 'active' : 'pending_consent',
      consent: input.consent,
      consent_at: confirmed ? now : null,
      consent_source: confirmed ? 'staff' : null,
      care_team_id: careTeam?.id ?? null,
      created_at: now,
      updated_at: now,
    });
    if (!patient) throw conflict('a patient with this phone number is already enrolled');
    await insertPlanVersion(tx, { id: deps.ids.uuid(), patient_id: id, action: input.plan.action, days_per_week: input.plan.daysPerWeek, confidence: input.plan.confidence, start_date: startDate, source: 'api', created_at: now, superseded_at: null }, now);
    await upsertEnrollment(tx, { patient_id: id, checkin_weekday: WEEKDAYS.indexOf(input.checkin.weekday) + 1, checkin_time: input.checkin.time, cycle_start: startDate, updated_at: now });
    await appendAudit(tx, { at: now, actor, action: 'patient.enrolled', patientId: id, details: { consent: input.consent } });
    if (confirmed) await appendAudit(tx, { at: now, actor, action: 'consent.confirmed', patientId: id, details: { source: 'staff' } });
  });
  await withPatient(deps, id, { replying: false }, async (ctx) => {
    if (confirmed) {
      await sendSystem(ctx, 'welcome', 'system');
      await planNextCheckin(ctx);
    } else {
      await startConversation(ctx, 'enrollment');
    }
  });
  return id;
}

export async function changePatient(deps: CoreDeps, patientId: string, changes: PatientChanges, actor: string): Promise<void> {
  await withPatient(deps, patientId, { replying: false }, async (ctx) => {
    const { tx, patient, now } = ctx;
    if (changes.status && patient.status === 'opted_out') throw conflict('the patient opted out; only they can opt back in (by texting START)');
    if (changes.status && patient.status === 'pending_consent') throw conflict('the patient has not consented yet');
    const patientFields = { ...(changes.name ? { name: changes.name } : {}), ...(changes.timezone ? { timezone: changes.timezone } : {}), ...(changes.language ? { language: changes.language } : {}) };
    if (changes.status && changes.status !== patient.status) Object.assign(patientFields, { status: changes.status });
    if (Object.keys(patientFields).length > 0) {
      await updatePatient(tx, patient.id, { ...patientFields, updated_at: now });
      Object.assign(patient, patientFields);
    }
    if (changes.plan && Object.keys(changes.plan).length > 0) {
      const plan = await currentPlan(tx, patient.id);
      if (!plan) throw new AppError('internal', 'patient has no plan');
      await insertPlanVersion(tx, { id: ctx.deps.ids.uuid(), patient_id: patient.id, action: changes.plan.action ?? plan.action, days_per_week: changes.plan.daysPerWeek ?? plan.days_per_week, confidence: changes.plan.confidence ?? plan.confidence, start_date: changes.plan.startDate ?? plan.start_date, source: 'api', created_at: now, superseded_at: null }, now);
      if (changes.plan.startDate) await updateEnrollment(tx, patient.id, { cycle_start: changes.plan.startDate, updated_at: now });
    }
    if (changes.checkin) await updateEnrollment(tx, patient.id, { checkin_weekday: WEEKDAYS.indexOf(changes.checkin.weekday) + 1, checkin_time: changes.checkin.time, updated_at: now });
    if (changes.status === 'paused') {
      const session = await activeSession(tx, patient.id);
      if (session) await feedSession(ctx, session, { type: 'cancel', reason: 'paused by care team' });
    }
    await appendAudit(tx, { at: now, actor, action: 'patient.changed', patientId: patient.id, details: { fields: Object.keys(changes) } });
    const enrollment = await findEnrollment(tx, patient.id);
    await planNextCheckin(ctx, now, enrollment?.next_checkin_week ?? 1);
  });
}

/** Starts the weekly check-in now (quiet hours still defer its first text). */
export async function startCheckinNow(deps: CoreDeps, patientId: string, actor: string): Promise<void> {
  await withPatient(deps, patientId, { replying: false }, async (ctx) => {
    const { tx, patient, now } = ctx;
    if (patient.status !== 'active') throw conflict(`the patient is ${patient.status.replace('_', ' ')}`);
    if (await activeSession(tx, patient.id)) throw conflict('a conversation with this patient is in progress');
    const enrollment = await findEnrollment(tx, patient.id);
    const plan = await currentPlan(tx, patient.id);
    const checkin = await insertCheckinOnce(tx, {
      id: ctx.deps.ids.uuid(),
      patient_id: patient.id,
      cycle: enrollment?.cycle ?? 1,
      week: enrollment?.next_checkin_week ?? 1,
      kind: 'manual',
      plan_id: plan?.id ?? null,
      week_start: DateTime.fromJSDate(now, { zone: patient.timezone }).minus({ days: 6 }).toISODate()!,
      scheduled_for: now,
      status: 'in_progress',
      days_target: plan?.days_per_week ?? 1,
      created_at: now,
      updated_at: now,
    });
    await startConversation(ctx, 'weekly-checkin', { checkinId: checkin?.id ?? null });
    await appendAudit(tx, { at: now, actor, action: 'checkin.started', patientId: patient.id, details: { manual: true } });
  });
}
