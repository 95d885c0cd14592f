// What is planned for a patient, in their own local time: upcoming check-ins,
// pending conversation timers and deferred texts.
import { findPatientById, findEnrollment } from '../adapters/db/repositories/patients.js';
import { pendingTimers } from '../adapters/db/repositories/sessions.js';
import { hasCompletedCheckin } from '../adapters/db/repositories/checkins.js';
import { deferredMessages } from '../adapters/db/repositories/messages.js';
import type { ScheduleShape } from './api-shapes.js';
import type { CoreDeps } from './deps.js';
import { notFound } from './errors.js';
import { checkinTime, kindOfWeek, localLabel } from '../engine/schedule/schedule-math.js';

export async function scheduleView(deps: CoreDeps, patientId: string, weeksAhead = 4): Promise<ScheduleShape> {
  const patient = await findPatientById(deps.db, patientId);
  if (!patient) throw notFound('patient');
  const enrollment = await findEnrollment(deps.db, patientId);
  const rules = deps.settings.timeline;
  const tz = patient.timezone;
  const events: { at: string; local: string; kind: string; detail?: string }[] = [];
  if (enrollment?.next_checkin_at && enrollment.next_checkin_week && patient.status === 'active') {
    const slot = { weekday: enrollment.checkin_weekday, time: enrollment.checkin_time, timezone: tz };
    // The first refine week still ahead is listed as refine; later ones as weekly, as if it gets done.
    let refineDone = await hasCompletedCheckin(deps.db, patientId, enrollment.cycle, 'refine');
    for (let week = enrollment.next_checkin_week; week < enrollment.next_checkin_week + weeksAhead && week <= rules.reassessWeek; week += 1) {
      const at = week === enrollment.next_checkin_week ? enrollment.next_checkin_at : checkinTime(enrollment.cycle_start, week, slot, rules);
      const kind = week === enrollment.next_checkin_week ? (enrollment.next_checkin_kind ?? 'weekly-checkin') : kindOfWeek(week, rules, refineDone);
      if (kind === 'refine') refineDone = true;
      events.push({ at: at.toISOString(), local: localLabel(at, tz), kind, detail: `week ${week} of cycle ${enrollment.cycle}` });
    }
  }
  for (const timer of await pendingTimers(deps.db, patientId)) events.push({ at: timer.fire_at.toISOString(), local: localLabel(timer.fire_at, tz), kind: `conversation ${timer.kind}` });
  for (const message of await deferredMessages(deps.db, patientId)) events.push({ at: message.runAt.toISOString(), local: localLabel(message.runAt, tz), kind: 'deferred text' });
  events.sort((a, b) => a.at.localeCompare(b.at));
  return { patientId, timezone: tz, status: patient.status, events };
}
