// Seeds patients with weeks of history straight into the tables, the way the
// service would have left them: plan versions, weekly check-ins, a setback
// session, an escalation and a transcript. Used by dashboard and report tests.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/adapters/db/connect.js';

export interface SeedWeek {
  daysDone: number | null;
  daysTarget: number;
  confidence: number | null;
  barrier?: string;
  setback?: boolean;
}

/** 13 weeks: a rising walker with a no-reply week, pain flares twice and one setback. */
export const THIRTEEN_WEEKS: SeedWeek[] = [
  { daysDone: 2, daysTarget: 5, confidence: 6, barrier: 'pain_flares' },
  { daysDone: 3, daysTarget: 5, confidence: 6, barrier: 'pain_flares' },
  { daysDone: 1, daysTarget: 5, confidence: 5, setback: true },
  { daysDone: 3, daysTarget: 5, confidence: 6, barrier: 'time' },
  { daysDone: null, daysTarget: 5, confidence: null },
  { daysDone: 4, daysTarget: 5, confidence: 7 },
  { daysDone: 4, daysTarget: 5, confidence: 7 },
  { daysDone: 5, daysTarget: 5, confidence: 8 },
  { daysDone: 4, daysTarget: 5, confidence: 8 },
  { daysDone: 5, daysTarget: 5, confidence: 8 },
  { daysDone: 5, daysTarget: 5, confidence: 8 },
  { daysDone: 4, daysTarget: 5, confidence: 8 },
  { daysDone: 5, daysTarget: 5, confidence: 8 },
];

const DAY = 24 * 3600 * 1000;

export async function seedCareTeam(db: Db, name: string): Promise<string> {
  const row = await db.insertInto('care_teams').values({ name, slack_channel: null, urgent_mention: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface SeedPatient {
  name: string;
  phone: string;
  careTeamId: string | null;
  weeks: SeedWeek[];
  /** The Monday of week 1. */
  start: Date;
  status?: 'active' | 'paused' | 'opted_out';
  consecutiveNoResponse?: number;
  openEscalation?: { reason: string; urgency: 'urgent' | 'routine'; at: Date };
  failedText?: { code: string; at: Date };
  messages?: number;
}

let labelN = 0;

export async function seedPatient(db: Db, p: SeedPatient): Promise<string> {
  const id = randomUUID();
  const at = (days: number) => new Date(p.start.getTime() + days * DAY);
  const label = `${p.name.split(' ').map((s) => s[0]).join('')}-${(++labelN).toString(16).padStart(8, '0').toUpperCase()}`;
  await db
    .insertInto('patients')
    .values({ id, phone: p.phone, name: p.name, label, timezone: 'America/New_York', language: 'en', status: p.status ?? 'active', consent: 'confirmed', consent_at: p.start, consent_source: 'staff', care_team_id: p.careTeamId, created_at: p.start, updated_at: p.start })
    .execute();
  const firstPlan = randomUUID();
  const secondPlan = randomUUID();
  await db
    .insertInto('action_plans')
    .values([
      { id: firstPlan, patient_id: id, version: 1, action: 'walk 10 minutes after dinner', days_per_week: 5, confidence: 6, start_date: p.start.toISOString().slice(0, 10), source: 'staff', created_at: p.start, superseded_at: at(35) },
      { id: secondPlan, patient_id: id, version: 2, action: 'walk 15 minutes after dinner', days_per_week: 5, confidence: 7, start_date: at(35).toISOString().slice(0, 10), source: 'patient_sms', created_at: at(35), superseded_at: null },
    ])
    .execute();
  await db
    .insertInto('enrollments')
    .values({ patient_id: id, checkin_weekday: 1, checkin_time: '18:00', cycle_start: p.start.toISOString().slice(0, 10), consecutive_no_response: p.consecutiveNoResponse ?? 0, updated_at: p.start, next_checkin_at: at(7 * (p.weeks.length + 1)), next_checkin_week: p.weeks.length + 1, next_checkin_kind: 'weekly-checkin' })
    .execute();
  const hash = `seed-${randomUUID()}`;
  await db.insertInto('conversation_versions').values({ hash, conversation_id: 'setback', version: 1, definition: '{}' }).execute();
  for (const [i, w] of p.weeks.entries()) {
    const checkinId = randomUUID();
    const when = at(7 * (i + 1));
    await db
      .insertInto('checkins')
      .values({ id: checkinId, patient_id: id, cycle: 1, week: i + 1, kind: 'weekly-checkin', plan_id: i < 5 ? firstPlan : secondPlan, week_start: at(7 * i).toISOString().slice(0, 10), scheduled_for: when, status: w.daysDone === null ? 'no_response' : 'completed', days_done: w.daysDone, days_target: w.daysTarget, confidence: w.confidence, barrier: w.barrier ?? null, created_at: when, updated_at: when })
      .execute();
    if (w.setback) {
      await db
        .insertInto('conversation_sessions')
        .values({ id: randomUUID(), patient_id: id, conversation_id: 'setback', definition_hash: hash, status: 'ended', current_step: null, state: '{}', variables: '{}', outcome: 'kept_plan', checkin_id: checkinId, started_at: when, updated_at: when, ended_at: when })
        .execute();
    }
  }
  if (p.openEscalation) {
    await db
      .insertInto('escalations')
      .values({ id: randomUUID(), patient_id: id, urgency: p.openEscalation.urgency, reason: p.openEscalation.reason, status: 'open', created_at: p.openEscalation.at, updated_at: p.openEscalation.at })
      .execute();
  }
  const messages = Array.from({ length: p.messages ?? 0 }, (_, i) => ({
    id: randomUUID(), patient_id: id, direction: (i % 2 ? 'inbound' : 'outbound') as 'inbound' | 'outbound', body: i % 2 ? `reply ${i}` : `question ${i}`,
    author: (i % 2 ? 'patient' : 'bot') as 'patient' | 'bot', status: (i % 2 ? 'received' : 'delivered') as 'received' | 'delivered', created_at: at(i), updated_at: at(i),
  }));
  if (p.failedText) messages.push({ id: randomUUID(), patient_id: id, direction: 'outbound', body: 'check-in', author: 'bot', status: 'failed' as 'delivered', created_at: p.failedText.at, updated_at: p.failedText.at });
  if (messages.length) await db.insertInto('messages').values(messages).execute();
  if (p.failedText) await db.updateTable('messages').set({ error_code: p.failedText.code }).where('patient_id', '=', id).where('status', '=', 'failed').execute();
  return id;
}
