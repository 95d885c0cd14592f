// Read models for the care-team API: rows mapped to the documented shapes
// (src/app/api-shapes.ts; the routes serialize them through those schemas).
import type { Db } from '../adapters/db/connect.js';
import { listCheckins } from '../adapters/db/repositories/checkins.js';
import { failedStaffWork, listEscalations } from '../adapters/db/repositories/escalations.js';
import { listMessages } from '../adapters/db/repositories/messages.js';
import { currentPlan, findEnrollment, findPatientById } from '../adapters/db/repositories/patients.js';
import type { EscalationStatus } from '../adapters/db/schema.js';
import type { CheckinShape, EscalationShape, MessageShape, PatientShape } from './api-shapes.js';
import { notFound } from './errors.js';
import { WEEKDAYS } from './patient-input.js';

export async function patientView(db: Db, id: string): Promise<PatientShape> {
  const patient = await findPatientById(db, id);
  if (!patient) throw notFound('patient');
  const plan = await currentPlan(db, id);
  const enrollment = await findEnrollment(db, id);
  return {
    id: patient.id,
    phone: patient.phone,
    name: patient.name,
    label: patient.label,
    timezone: patient.timezone,
    language: patient.language,
    status: patient.status,
    consent: patient.consent,
    plan: plan ? { action: plan.action, daysPerWeek: plan.days_per_week, confidence: plan.confidence, startDate: plan.start_date, version: plan.version } : null,
    checkin: enrollment ? { weekday: WEEKDAYS[enrollment.checkin_weekday - 1]!, time: enrollment.checkin_time } : null,
    nextCheckin: enrollment?.next_checkin_at ? { at: enrollment.next_checkin_at.toISOString(), week: enrollment.next_checkin_week, kind: enrollment.next_checkin_kind } : null,
    createdAt: patient.created_at.toISOString(),
  };
}

async function requirePatient(db: Db, id: string): Promise<void> {
  if (!(await findPatientById(db, id))) throw notFound('patient');
}

export const MESSAGES_PAGE = { default: 50, max: 200 } as const;

/**
 * One page of texts, newest first. `cursor` is each text's place in write
 * order; pass the last one as `before` for the next page. `nextBefore` is
 * null on the last page.
 */
export async function messagesView(db: Db, patientId: string, page: { before: string | null; limit: number } = { before: null, limit: MESSAGES_PAGE.default }) {
  await requirePatient(db, patientId);
  const rows = await listMessages(db, patientId, { before: page.before, limit: page.limit + 1 });
  const more = rows.length > page.limit;
  const messages = rows.slice(0, page.limit).map((m) => ({
    cursor: m.seq,
    direction: m.direction,
    body: m.body,
    status: m.status,
    author: m.author,
    ...(m.error_code ? { errorCode: m.error_code } : {}),
    createdAt: m.created_at.toISOString(),
  }));
  return { messages, nextBefore: more ? (messages.at(-1)?.cursor ?? null) : null };
}

export async function checkinsView(db: Db, patientId: string): Promise<CheckinShape[]> {
  await requirePatient(db, patientId);
  return (await listCheckins(db, patientId)).map((c) => ({
    id: c.id,
    kind: c.kind,
    week: c.week,
    weekStart: c.week_start,
    daysDone: c.days_done,
    daysTarget: c.days_target,
    confidence: c.confidence,
    barrier: c.barrier,
    status: c.status,
  }));
}

export async function escalationsView(db: Db, filter: { status?: EscalationStatus; patientId?: string }): Promise<EscalationShape[]> {
  const rows = await listEscalations(db, filter);
  const failed = await failedStaffWork(db, rows.map((e) => e.id));
  return rows.map((e) => ({
    id: e.id,
    patientId: e.patient_id,
    urgency: e.urgency,
    reason: e.reason,
    status: e.status,
    category: e.category,
    ...(failed.has(e.id) ? { notifyError: failed.get(e.id) } : {}),
    createdAt: e.created_at.toISOString(),
  }));
}
