// Care-team commands from chat (/careloop status|pause|resume|checkin now|enroll).
// A patient is named by their label or phone number; answers name them by label.
import { listCheckins, recentFreeText } from '../../adapters/db/repositories/checkins.js';
import { unresolvedEscalations } from '../../adapters/db/repositories/escalation-work.js';
import { currentPlan, findEnrollment, findPatientById, findPatientByLabel, findPatientByPhone, type Patient } from '../../adapters/db/repositories/patients.js';
import type { PatientStatus } from '../../adapters/db/schema.js';
import type { CoreDeps } from '../deps.js';
import { invalidInput, notFound } from '../errors.js';
import { newPatientSchemaFor, parseInput } from '../patient-input.js';
import { looksLikePhone, parsePhone } from '../phone.js';
import { changePatient, enrollPatient, startCheckinNow } from '../patients.js';
import type { StaffMember } from './staff.js';

export interface StaffPatientStatus {
  label: string;
  status: PatientStatus;
  plan: { action: string; daysPerWeek: number; confidence: number } | null;
  nextCheckin: Date | null;
  /** Recent weekly check-ins, newest first. */
  checkins: { week: number; daysDone: number | null; daysTarget: number; status: string }[];
  /** Days done over days planned in those check-ins; null without any answer. */
  adherence: { done: number; target: number } | null;
  openEscalations: { urgency: 'urgent' | 'routine'; reason: string; status: string; claimedBy: string | null; createdAt: Date }[];
  /** What the patient told us in their own words in recent dialogues, newest first. */
  patientSaid: { about: string; text: string; at: Date }[];
}

const RECENT_CHECKINS = 4;
const RECENT_ANSWERS = 5;

/** Staff-facing names of the questions whose answers are free text. */
const ABOUT: Record<string, string> = {
  strengths: 'why they are confident',
  what_would_help: 'what would help them',
  own_idea: 'their own idea',
  other_barrier: 'what got in the way',
  why_it_matters: 'why the plan matters to them',
  teach_back: 'their plan in their own words',
  new_action: 'the plan they proposed',
  idea: 'their own idea',
  barrier: 'what got in the way',
  what_happened: 'what made the week hard',
};

function aboutOf(name: string, category: string | null): string {
  const about = ABOUT[name] ?? name.replace(/_/g, ' ');
  return category === 'unclear' ? `${about} (reply not understood)` : about;
}

/** Text written like a phone number is read as one (a wrong number is an error); anything else is a label. */
export async function findPatientForStaff(core: CoreDeps, query: string): Promise<Patient> {
  const q = query.trim();
  if (!q) throw invalidInput('name the patient by label or phone number', { patient: 'is required' });
  let patient: Patient | undefined;
  if (looksLikePhone(q)) {
    const phone = parsePhone(q, core.settings.phone);
    if (!phone.ok) throw invalidInput(`That phone number ${phone.error}.`, { patient: phone.error });
    patient = await findPatientByPhone(core.db, phone.e164);
  } else patient = await findPatientByLabel(core.db, q);
  if (!patient) throw notFound('patient');
  return patient;
}

export async function staffPatientStatus(core: CoreDeps, query: string): Promise<StaffPatientStatus> {
  const patient = await findPatientForStaff(core, query);
  const plan = await currentPlan(core.db, patient.id);
  const enrollment = await findEnrollment(core.db, patient.id);
  const checkins = (await listCheckins(core.db, patient.id)).slice(0, RECENT_CHECKINS);
  const answered = checkins.filter((c) => c.days_done !== null);
  const escalations = await unresolvedEscalations(core.db, patient.id);
  const said = await recentFreeText(core.db, patient.id, RECENT_ANSWERS);
  return {
    label: patient.label,
    status: patient.status,
    plan: plan ? { action: plan.action, daysPerWeek: plan.days_per_week, confidence: plan.confidence } : null,
    nextCheckin: enrollment?.next_checkin_at ?? null,
    checkins: checkins.map((c) => ({ week: c.week, daysDone: c.days_done, daysTarget: c.days_target, status: c.status })),
    adherence: answered.length ? { done: answered.reduce((n, c) => n + (c.days_done ?? 0), 0), target: answered.reduce((n, c) => n + c.days_target, 0) } : null,
    openEscalations: escalations.map((e) => ({ urgency: e.urgency, reason: e.reason, status: e.status, claimedBy: e.claimed_by, createdAt: e.created_at })),
    patientSaid: said.filter((r) => typeof r.value === 'string').map((r) => ({ about: aboutOf(r.name, r.category), text: String(r.value), at: r.created_at })),
  };
}

/** Pauses or resumes check-ins; returns the patient's label. */
export async function setPatientPaused(core: CoreDeps, query: string, paused: boolean, staff: StaffMember): Promise<string> {
  const patient = await findPatientForStaff(core, query);
  await changePatient(core, patient.id, { status: paused ? 'paused' : 'active' }, staff.actor);
  return patient.label;
}

/** Starts the weekly check-in now; returns the patient's label. */
export async function checkinNowForStaff(core: CoreDeps, query: string, staff: StaffMember): Promise<string> {
  const patient = await findPatientForStaff(core, query);
  await startCheckinNow(core, patient.id, staff.actor);
  return patient.label;
}

/** Enrolls from the same fields as the API (validated by its schema); returns the new patient's label. */
export async function enrollForStaff(core: CoreDeps, fields: unknown, staff: StaffMember): Promise<string> {
  const input = parseInput(newPatientSchemaFor(core.settings.phone), fields);
  const id = await enrollPatient(core, input, staff.actor);
  const patient = await findPatientById(core.db, id);
  return patient?.label ?? id;
}
