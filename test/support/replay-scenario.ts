// Replays a scenario file through the real service: the patient enrolled over
// the API, replies as signed Twilio webhooks, waits as a fake clock that
// stops at each pending timer (as the simulator fires them) with the real
// timer use-case, texts delivered by the real outbox to a fake Twilio.
// Returns the texts the patient's phone got after the conversation started.
import { DateTime } from 'luxon';
import { insertCheckinOnce, insertDailyLog } from '../../src/adapters/db/repositories/checkins.js';
import { activeSession } from '../../src/adapters/db/repositories/sessions.js';
import { feedSession, startConversation } from '../../src/app/conversations.js';
import { withPatient } from '../../src/app/patient-tx.js';
import { fireDueTimers } from '../../src/app/scheduler/fire-due-timers.js';
import type { Scheduler } from '../../src/app/scheduler/tick.js';
import { resolveEscalation } from '../../src/app/escalations/resolve.js';
import { parseDuration } from '../../src/engine/simulation/durations.js';
import { parseScenarioStep, type Scenario } from '../../src/engine/simulation/scenario.js';
import { CHECKIN_CONVERSATIONS } from '../../src/engine/simulation/sim-host.js';
import { FROM_NUMBER, newPatient, nextSid, type TestService } from './service.js';
import type { TwilioFake } from './twilio-fake.js';

const TIMEZONE = 'America/New_York';

/** Why a scenario cannot run on the service as written, or null. */
export function notReplayable(scenario: Scenario, careTeamName: string): string | null {
  if (Object.keys(scenario.stubs).length > 0) return 'stubs replace called conversations, which only the simulator can do';
  if (scenario.careTeam.name !== careTeamName) return `another care team name (${scenario.careTeam.name})`;
  return null;
}

/**
 * `weeksLater` shifts the scenario's clock by whole weeks (same weekday and
 * local time): replays sharing a service must never move its clock back, or
 * the sender's pacing would sleep the fake clock forward.
 */
export async function replayThroughService(svc: TestService, fake: TwilioFake, scenario: Scenario, phone: string, weeksLater = 0, scheduler?: Scheduler): Promise<string[]> {
  const journey = scenario.journey;
  if (journey && !scheduler) throw new Error('a journey replays on a service with its scheduler (and quiet hours as the journey says)');
  const timezone = journey?.timezone ?? TIMEZONE;
  const clock = DateTime.fromISO(scenario.clock, { zone: timezone }).plus({ weeks: weeksLater });
  svc.clock.set(clock.toJSDate());
  const pending = scenario.conversation === 'enrollment';
  const today = clock;
  const plan = { ...scenario.plan, confidence: scenario.plan.confidence ?? 5, startDate: today.toISODate()! };
  const slot = journey ? { checkin: journey.checkin } : {};
  const res = await svc.api().post('/api/patients', newPatient({ phone, name: `${scenario.patient.firstName} Test`, language: scenario.language, timezone, consent: pending ? 'pending' : 'confirmed', plan, ...slot }));
  if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  await svc.sender.drain();
  // A journey's welcome text is part of it; otherwise texts count from the conversation's start.
  const before = pending || journey ? 0 : fake.to(phone).length;
  let checkinWeek = 0;
  const start = (conversationId: string) =>
    withPatient(svc.core, id, { replying: false }, async (ctx) => {
      const active = await activeSession(ctx.tx, id);
      if (active) await feedSession(ctx, active, { type: 'cancel', reason: 'another conversation started' });
      const checkin = CHECKIN_CONVERSATIONS.has(conversationId) ? await insertCheckin(ctx.tx, id, conversationId, (checkinWeek += 1), ctx.now) : undefined;
      await startConversation(ctx, conversationId, { checkinId: checkin?.id ?? null, week: scenario.week, vars: scenario.vars });
    });
  await withPatient(svc.core, id, { replying: false }, async (ctx) => {
    // The service counts logged days from daily logs: write them (0 = logs lately, none this week).
    const days = scenario.loggedDays === 0 ? [10] : Array.from({ length: scenario.loggedDays ?? 0 }, (_, i) => i);
    for (const back of days) await insertDailyLog(ctx.tx, { patient_id: id, local_date: today.minus({ days: back }).toISODate()!, created_at: ctx.now });
  });
  if (scenario.conversation && !pending) await start(scenario.conversation);
  await svc.sender.drain();
  for (const raw of scenario.steps) {
    const parsed = parseScenarioStep(raw);
    if (!parsed.ok) throw new Error(parsed.error);
    const step = parsed.step;
    if ('reply' in step) {
      const reply = await svc.sms({ From: phone, To: FROM_NUMBER, Body: step.reply, MessageSid: nextSid(), NumMedia: '0' });
      if (reply.status !== 200) throw new Error(`webhook answered ${reply.status}`);
    } else if ('wait' in step) {
      if (scheduler) await advanceJourney(svc, scheduler, id, parseDuration(step.wait) ?? 0);
      else await advance(svc, id, parseDuration(step.wait) ?? 0);
    } else if ('start' in step) {
      await start(step.start);
    } else if ('resolve_escalation' in step) {
      const open = await svc.t.db.selectFrom('escalations').select('id').where('patient_id', '=', id).where('status', '<>', 'resolved').execute();
      for (const e of open) await resolveEscalation(svc.core, e.id, { actor: 'test:staff', name: 'Nurse Test' }, null);
    }
    await svc.sender.drain();
  }
  // Leave nothing pending that would fire during the next scenario's waits.
  await svc.t.db.updateTable('conversation_timers').set({ status: 'cancelled' }).where('patient_id', '=', id).where('status', '=', 'pending').execute();
  return fake.to(phone).slice(before);
}

/** Moves the clock forward, stopping at each of the patient's timers in turn, as the simulator does. */
async function advance(svc: TestService, patientId: string, millis: number): Promise<void> {
  const target = svc.clock.now().getTime() + millis;
  for (;;) {
    const next = await svc.t.db.selectFrom('conversation_timers').select('fire_at').where('patient_id', '=', patientId).where('status', '=', 'pending').orderBy('fire_at').executeTakeFirst();
    if (!next || next.fire_at.getTime() > target) break;
    svc.clock.set(new Date(Math.max(next.fire_at.getTime(), svc.clock.now().getTime())));
    await fireDueTimers(svc.core, { limit: 100, workers: 1, staleCheckinHours: 24 });
    await svc.sender.drain();
  }
  svc.clock.set(new Date(target));
}

/**
 * A journey's time: the scheduler ticks at each moment something is due for
 * this patient (a timer, the next check-in, a text held by quiet hours).
 */
async function advanceJourney(svc: TestService, scheduler: Scheduler, patientId: string, millis: number): Promise<void> {
  const target = svc.clock.now().getTime() + millis;
  for (;;) {
    const now = svc.clock.now().getTime();
    const timer = await svc.t.db.selectFrom('conversation_timers').select('fire_at').where('patient_id', '=', patientId).where('status', '=', 'pending').orderBy('fire_at').executeTakeFirst();
    const enrollment = await svc.t.db.selectFrom('enrollments').select('next_checkin_at').where('patient_id', '=', patientId).executeTakeFirst();
    const held = await svc.t.db.selectFrom('outbox').select('run_at').where('patient_id', '=', patientId).where('status', '=', 'pending').orderBy('run_at').executeTakeFirst();
    const times = [timer?.fire_at, enrollment?.next_checkin_at, held?.run_at].flatMap((t) => (t && t.getTime() <= target ? [Math.max(t.getTime(), now)] : []));
    if (times.length === 0) break;
    const at = Math.min(...times);
    svc.clock.set(new Date(at));
    await scheduler.tick();
    await svc.sender.drain();
    if (svc.clock.now().getTime() === now && at === now) svc.clock.set(new Date(now + 60_000)); // nothing moved: a minute later, as cron would
  }
  svc.clock.set(new Date(target));
}

function insertCheckin(tx: Parameters<typeof insertCheckinOnce>[0], patientId: string, kind: string, week: number, now: Date) {
  return insertCheckinOnce(tx, {
    id: crypto.randomUUID(),
    patient_id: patientId,
    cycle: 1,
    week,
    kind: kind as 'weekly-checkin' | 'refine' | 'reassess',
    plan_id: null,
    week_start: DateTime.fromJSDate(now).minus({ days: 6 }).toISODate()!,
    scheduled_for: now,
    status: 'in_progress',
    days_target: 1,
    created_at: now,
    updated_at: now,
  });
}
