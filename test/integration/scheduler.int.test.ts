// The care timeline driven by scheduler ticks on a fake clock, against a real
// Postgres, with Twilio intercepted: check-ins start on time in the patient's
// zone, exactly once; timers remind and close; stale work is skipped; pause,
// plan changes and dialogues in progress are respected.
import { afterEach, describe, expect, it } from 'vitest';
import { onSessionEnded, NO_RESPONSE_REASON } from '../../src/app/timeline-hooks.js';
import { fireDueTimers } from '../../src/app/scheduler/fire-due-timers.js';
import { createScheduler, type Scheduler, type TickReport } from '../../src/app/scheduler/tick.js';
import { startConversation } from '../../src/app/conversations.js';
import { withPatient } from '../../src/app/patient-tx.js';
import { formatSchedule } from '../../src/cli/schedule.js';
import { scheduleView } from '../../src/app/schedule-view.js';
import { FROM_NUMBER, newPatient, nextSid, startTestService, type TestService } from '../support/service.js';
import { fakeTwilio, type TwilioFake } from '../support/twilio-fake.js';

interface Harness {
  svc: TestService;
  fake: TwilioFake;
  scheduler: Scheduler;
  tickAt(at: string): Promise<TickReport>;
  enroll(overrides?: Record<string, unknown>): Promise<{ id: string; phone: string }>;
  reply(phone: string, body: string): Promise<void>;
  checkins(id: string): Promise<{ cycle: number; week: number; kind: string; status: string; scheduled_for: Date; days_done: number | null }[]>;
  enrollment(id: string): Promise<{ cycle: number; next_checkin_at: Date | null; next_checkin_week: number | null; next_checkin_kind: string | null; consecutive_no_response: number }>;
}

let open: Harness | null = null;
let phoneN = 0;
afterEach(async () => {
  open?.fake.done();
  await open?.svc.close();
  open = null;
});

/** A fresh service and database per test, wired like main.ts will be. */
async function harness(now: string, env: Record<string, string> = {}): Promise<Harness> {
  const svc = await startTestService({ now, env });
  svc.core.onSessionEnded = onSessionEnded;
  const fake = fakeTwilio();
  const scheduler = createScheduler(svc.core, { sender: svc.sender, staleCheckinHours: svc.config.scheduler.staleCheckinHours });
  const h: Harness = {
    svc,
    fake,
    scheduler,
    tickAt: async (at) => {
      svc.clock.set(at);
      return scheduler.tick();
    },
    enroll: async (overrides = {}) => {
      const phone = `+1555558${String(phoneN++).padStart(4, '0')}`;
      const res = await svc.api().post('/api/patients', newPatient({ phone, ...overrides }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await svc.sender.drain();
      return { id: res.body.id as string, phone };
    },
    reply: async (phone, body) => {
      const res = await svc.sms({ From: phone, To: FROM_NUMBER, Body: body, MessageSid: nextSid(), NumMedia: '0' });
      expect(res.status).toBe(200);
      await svc.sender.drain();
    },
    checkins: (id) =>
      svc.t.db.selectFrom('checkins').select(['cycle', 'week', 'kind', 'status', 'scheduled_for', 'days_done']).where('patient_id', '=', id).orderBy('cycle').orderBy('week').execute(),
    enrollment: (id) =>
      svc.t.db
        .selectFrom('enrollments')
        .select(['cycle', 'next_checkin_at', 'next_checkin_week', 'next_checkin_kind', 'consecutive_no_response'])
        .where('patient_id', '=', id)
        .executeTakeFirstOrThrow(),
  };
  open = h;
  return h;
}

const minus = (iso: string, ms: number) => new Date(new Date(iso).getTime() - ms).toISOString();
const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();
const HOUR = 3_600_000;

/** Monday 18:00 America/New_York from 9 March 2026 (EDT, UTC-4) for n weeks. */
const mondays = (n: number, first = '2026-03-09T22:00:00.000Z') => Array.from({ length: n }, (_, i) => plus(first, i * 7 * 24 * HOUR));

describe('the 13-week timeline', () => {
  it('when a patient answers every week, then check-ins run weekly at 18:00 local: refine in week 4, reassess in week 12, then cycle 2', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll(); // plan starts Monday 2 March; check-ins Mondays 18:00 New York
    const weeks = mondays(13);
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe(weeks[0]);

    for (const [i, due] of weeks.slice(0, 12).entries()) {
      const week = i + 1;
      const sentBefore = h.fake.to(phone).length;
      const early = await h.tickAt(minus(due, 60_000));
      expect(early.checkins.started, `week ${week} must not start early`).toBe(0);
      const onTime = await h.tickAt(due);
      expect(onTime.checkins.started, `week ${week}`).toBe(1);
      const prompt = h.fake.to(phone).slice(sentBefore);
      // Refine and reassess ask the week's days first, so every week is recorded.
      expect(prompt).toEqual([expect.stringContaining('How many days did you walk 10 minutes after dinner this week?')]);
      await h.reply(phone, '6');
      if (week === 4) {
        expect(h.fake.to(phone).at(-1)).toContain('Your weeks: 6, 6, and 6 days. This week: 6 days.');
        await h.reply(phone, 'yes'); // keep the plan
      } else if (week === 12) {
        expect(h.fake.to(phone).at(-1)).toContain('Your last weeks: 6, 6, 6, and 6 days. This week: 6 days.');
        await h.reply(phone, '8'); // how they feel overall
        await h.reply(phone, '0'); // PHQ-2 item 1
        await h.reply(phone, '0'); // PHQ-2 item 2
        await h.reply(phone, '1'); // keep the plan
        await h.reply(phone, 'yes'); // a visit with the care team
      } else {
        await h.reply(phone, '9');
        await h.reply(phone, 'my dog needs walks');
      }
      // A second tick in the same minute starts nothing more.
      expect((await h.scheduler.tick()).checkins.started).toBe(0);
    }

    const rows = await h.checkins(id);
    expect(rows.map((r) => `${r.cycle}.${r.week} ${r.kind} ${r.status}`)).toEqual([
      ...[1, 2, 3].map((w) => `1.${w} weekly-checkin completed`),
      '1.4 refine completed',
      ...[5, 6, 7, 8, 9, 10, 11].map((w) => `1.${w} weekly-checkin completed`),
      '1.12 reassess completed',
    ]);
    expect(rows.map((r) => r.scheduled_for.toISOString())).toEqual(weeks.slice(0, 12));
    expect(rows.map((r) => r.days_done)).toEqual(Array(12).fill(6));

    // After the reassess the cycle repeats from that day, with the plan as it is then.
    expect(await h.enrollment(id)).toMatchObject({ cycle: 2, next_checkin_week: 1, next_checkin_kind: 'weekly-checkin', consecutive_no_response: 0 });
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe(weeks[12]);

    // The reassess asked the care team to set new goals: the next check-in waits while that escalation is open...
    const waiting = await h.tickAt(weeks[12]!);
    expect(waiting.checkins.started).toBe(0);
    // ...and starts once staff resolve it.
    await h.svc.t.db.updateTable('escalations').set({ status: 'resolved', resolved_at: new Date(weeks[12]!), resolved_by: 'nurse' }).where('patient_id', '=', id).execute();
    const sentBefore = h.fake.to(phone).length;
    expect((await h.tickAt(plus(weeks[12]!, 5 * 60_000))).checkins.started).toBe(1);
    expect(h.fake.to(phone).slice(sentBefore)).toEqual([expect.stringContaining('How many days')]);
    expect((await h.checkins(id)).at(-1)).toMatchObject({ cycle: 2, week: 1, kind: 'weekly-checkin', status: 'in_progress' });
  });
});

describe('problem-solving check', () => {
  it('when the patient chose an idea in barrier-solving, then the next check-in asks first whether it helped, and only once', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { phone } = await h.enroll();
    const [week1, week2, week3] = mondays(3);
    await h.tickAt(week1!);
    await h.reply(phone, '2'); // 2 of 5 days: barrier-solving
    await h.reply(phone, '4'); // forgot
    await h.reply(phone, '1'); // a phone alarm
    expect(h.fake.to(phone).at(-1)).toContain('How sure are you');
    await h.reply(phone, '8');
    await h.reply(phone, 'my daughter reminds me');
    let sent = h.fake.to(phone).length;
    await h.tickAt(week2!);
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('Last week you chose to set a phone alarm. Did it help?')]);
    await h.reply(phone, '1'); // it helped
    expect(h.fake.to(phone).at(-1)).toContain('How many days did you');
    await h.reply(phone, '3');
    expect(h.fake.to(phone).slice(-2).join(' ')).toContain('Keep using your idea.');
    await h.reply(phone, '9');
    await h.reply(phone, 'the alarm');
    const saved = await h.svc.t.db.selectFrom('conversation_results').select(['name', 'value', 'category']).where('name', 'in', ['idea', 'idea_check', 'checked_idea']).orderBy('created_at').execute();
    expect(saved.map((r) => `${r.name}=${String(r.value)}`)).toEqual(['idea=alarm', 'checked_idea=alarm', 'idea_check=keep']);
    sent = h.fake.to(phone).length;
    await h.tickAt(week3!);
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days did you')]);
  });
});

describe('reminders and no response', () => {
  it('when the patient does not answer, then one reminder after 4 hours, the session closes after 48 hours, and two silent weeks open a routine escalation', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll();
    const [week1, week2, week3] = mondays(3);
    await h.tickAt(week1!);
    expect(h.fake.to(phone).at(-1)).toContain('How many days');
    const afterPrompt = h.fake.to(phone).length;

    await h.tickAt(plus(week1!, 4 * HOUR - 60_000));
    expect(h.fake.to(phone)).toHaveLength(afterPrompt);
    const remind = await h.tickAt(plus(week1!, 4 * HOUR));
    expect(remind.timers.fired).toBe(1);
    // 18:00 + 4 hours is 22:00 in New York, inside quiet hours (21:00-08:00): the reminder waits for the morning.
    expect(h.fake.to(phone)).toHaveLength(afterPrompt);
    await h.tickAt('2026-03-10T11:59:00Z');
    expect(h.fake.to(phone)).toHaveLength(afterPrompt);
    await h.tickAt('2026-03-10T12:00:00Z'); // 08:00 EDT
    expect(h.fake.to(phone).slice(afterPrompt)).toEqual([expect.stringContaining('How many days')]);
    await h.tickAt(plus(week1!, 30 * HOUR));
    expect(h.fake.to(phone)).toHaveLength(afterPrompt + 1); // one reminder only

    await h.tickAt(plus(week1!, 48 * HOUR - 60_000));
    expect((await h.checkins(id))[0]?.status).toBe('in_progress');
    await h.tickAt(plus(week1!, 48 * HOUR));
    expect((await h.checkins(id))[0]?.status).toBe('no_response');
    expect(h.fake.to(phone)).toHaveLength(afterPrompt + 1); // closed without scolding
    expect((await h.enrollment(id)).consecutive_no_response).toBe(1);
    expect(await h.svc.t.db.selectFrom('escalations').selectAll().where('patient_id', '=', id).execute()).toEqual([]);

    await h.tickAt(week2!);
    const closing = await h.tickAt(plus(week2!, 48 * HOUR));
    // Both timers of that session came due in the same tick: the late reminder is dropped, the timeout closes it.
    expect(closing.timers).toEqual({ fired: 1, stale_reminder: 1, session_over: 0, postponed: 0 });
    expect((await h.enrollment(id)).consecutive_no_response).toBe(2);
    const escalations = await h.svc.t.db.selectFrom('escalations').selectAll().where('patient_id', '=', id).execute();
    expect(escalations).toMatchObject([{ urgency: 'routine', reason: NO_RESPONSE_REASON, status: 'open' }]);

    // Week 3 falls due while that escalation is open: it waits instead of texting over the care team.
    const before = h.fake.to(phone).length;
    expect((await h.tickAt(week3!)).checkins.started).toBe(0);
    expect(h.fake.to(phone)).toHaveLength(before);
    expect((await h.checkins(id)).map((c) => c.week)).toEqual([1, 2]);
  });

  it('when the patient answers after the check-in closed, then a catch-up saves the day count and resets the silence count', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll();
    const [week1] = mondays(1);
    await h.tickAt(week1!);
    await h.tickAt(plus(week1!, 48 * HOUR));
    expect((await h.enrollment(id)).consecutive_no_response).toBe(1);

    // A reply with no session in progress, through the real webhook: it catches up on the missed week.
    h.svc.clock.set(plus(week1!, 60 * HOUR));
    const sent = h.fake.to(phone).length;
    await h.reply(phone, 'so sorry, 4 days');
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('4 days last week')]);
    expect((await h.checkins(id))[0]).toMatchObject({ week: 1, status: 'completed', days_done: 4 });
    expect((await h.enrollment(id)).consecutive_no_response).toBe(0);

    // Only once: the next stray text is not another catch-up.
    await h.reply(phone, 'hi');
    // A greeting gets a short thanks (no catch-up question, no promise).
    expect(h.fake.to(phone).slice(sent + 1)).toEqual(['Thanks, Maria!']);
  });
});

describe('local time and DST', () => {
  /** Ticks every 30 minutes from `from` to `to` (like a coarse cron) and returns the check-ins started. */
  async function tickEvery30m(h: Harness, from: string, to: string): Promise<number> {
    let started = 0;
    for (let at = new Date(from).getTime(); at <= new Date(to).getTime(); at += 30 * 60_000) started += (await h.tickAt(new Date(at).toISOString())).checkins.started;
    return started;
  }

  it('when New York springs forward and falls back, then an 18:00 check-in starts at 18:00 local both sides, 02:30 moves to 03:30 and 01:30 goes once', async () => {
    const h = await harness('2026-02-20T15:00:00Z', { QUIET_HOURS: 'off' });
    const evening = await h.enroll({ plan: { action: 'walk', daysPerWeek: 3, confidence: 8, startDate: '2026-02-22' }, checkin: { weekday: 'sunday', time: '18:00' } });
    const night = await h.enroll({ plan: { action: 'walk', daysPerWeek: 3, confidence: 8, startDate: '2026-02-22' }, checkin: { weekday: 'sunday', time: '02:30' } });
    await tickEvery30m(h, '2026-02-28T00:00:00Z', '2026-03-09T00:00:00Z');
    expect((await h.checkins(evening.id)).map((c) => c.scheduled_for.toISOString())).toEqual(['2026-03-01T23:00:00.000Z', '2026-03-08T22:00:00.000Z']);
    expect((await h.checkins(night.id)).map((c) => c.scheduled_for.toISOString())).toEqual(['2026-03-01T07:30:00.000Z', '2026-03-08T07:30:00.000Z']); // 02:30 EST, then 03:30 EDT

    // A second service for the autumn (one Twilio interceptor at a time).
    h.fake.done();
    await h.svc.close();
    const h2 = await harness('2026-10-10T15:00:00Z', { QUIET_HOURS: 'off' });
    const early = await h2.enroll({ plan: { action: 'walk', daysPerWeek: 3, confidence: 8, startDate: '2026-10-25' }, checkin: { weekday: 'sunday', time: '01:30' } });
    const before = h2.fake.to(early.phone).length;
    // 1 November: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST). Tick through both (and stop before the 4-hour reminder).
    expect(await tickEvery30m(h2, '2026-11-01T04:00:00Z', '2026-11-01T09:00:00Z')).toBe(1);
    expect((await h2.checkins(early.id)).map((c) => c.scheduled_for.toISOString())).toEqual(['2026-11-01T05:30:00.000Z']);
    expect(h2.fake.to(early.phone).slice(before)).toEqual([expect.stringContaining('How many days')]);
  });

  it('when Sydney and Santiago leave DST in April, then 18:00 stays 18:00 local', async () => {
    const h = await harness('2026-03-10T00:00:00Z', { QUIET_HOURS: 'off' });
    const sydney = await h.enroll({ timezone: 'Australia/Sydney', plan: { action: 'walk', daysPerWeek: 3, confidence: 8, startDate: '2026-03-15' }, checkin: { weekday: 'sunday', time: '18:00' } });
    const santiago = await h.enroll({ timezone: 'America/Santiago', language: 'es', plan: { action: 'caminar', daysPerWeek: 3, confidence: 8, startDate: '2026-03-15' }, checkin: { weekday: 'sunday', time: '18:00' } });
    for (const week of ['2026-03-22', '2026-03-29', '2026-04-05', '2026-04-12']) {
      // Tick every hour of that Sunday in UTC and the next day: catches both zones.
      for (let hour = 0; hour < 48; hour += 1) await h.tickAt(new Date(new Date(`${week}T00:00:00Z`).getTime() + (hour - 12) * HOUR).toISOString());
      for (const phone of [sydney.phone, santiago.phone]) for (const answer of ['3', '9', 'ok']) await h.reply(phone, answer);
    }
    expect((await h.checkins(sydney.id)).map((c) => c.scheduled_for.toISOString())).toEqual([
      '2026-03-22T07:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-04-05T08:00:00.000Z', // AEST from 5 April
      '2026-04-12T08:00:00.000Z',
    ]);
    expect((await h.checkins(santiago.id)).map((c) => c.scheduled_for.toISOString())).toEqual([
      '2026-03-22T21:00:00.000Z',
      '2026-03-29T21:00:00.000Z',
      '2026-04-05T22:00:00.000Z', // -04:00 from 5 April
      '2026-04-12T22:00:00.000Z',
    ]);
  });
});

describe('quiet hours', () => {
  it('when the chosen time is inside quiet hours, then the check-in starts when they end, and its reminder is 4 hours after that', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll({ checkin: { weekday: 'monday', time: '22:30' } });
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe('2026-03-10T12:00:00.000Z'); // Tuesday 08:00 EDT
    const sent = h.fake.to(phone).length;
    expect((await h.tickAt('2026-03-10T02:30:00Z')).checkins.started).toBe(0); // Monday 22:30 local
    expect(h.fake.to(phone)).toHaveLength(sent);
    expect((await h.tickAt('2026-03-10T12:00:00Z')).checkins.started).toBe(1);
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days')]);
    await h.tickAt('2026-03-10T16:00:00Z');
    expect(h.fake.to(phone).slice(sent)).toHaveLength(2);
  });
});

describe('waits from delivery', () => {
  it('when a check-in is started at 22:05 local, then the question goes out at 08:00 and its reminder at 12:00', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll({ checkin: { weekday: 'friday', time: '18:00' } });
    const sent = h.fake.to(phone).length;
    h.svc.clock.set('2026-03-10T02:05:00Z'); // Monday 22:05 EDT
    expect((await h.svc.api().post(`/api/patients/${id}/checkins`)).status).toBeLessThan(300);
    await h.svc.sender.drain();
    expect(h.fake.to(phone)).toHaveLength(sent);
    await h.tickAt('2026-03-10T06:05:00Z'); // 4 hours after the start, still quiet: nothing
    expect(h.fake.to(phone)).toHaveLength(sent);
    await h.tickAt('2026-03-10T12:00:00Z'); // 08:00: the question
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days')]);
    await h.tickAt('2026-03-10T15:59:00Z');
    expect(h.fake.to(phone).slice(sent)).toHaveLength(1);
    await h.tickAt('2026-03-10T16:00:00Z'); // 12:00: its reminder
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days'), expect.stringContaining('How many days')]);
  });

  it('when the prompt is still in the outbox when its reminder comes due, then the reminder waits its full time again', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll({ checkin: { weekday: 'friday', time: '18:00' } });
    const sent = h.fake.to(phone).length;
    h.svc.clock.set('2026-03-10T14:00:00Z'); // 10:00 EDT
    await h.svc.api().post(`/api/patients/${id}/checkins`);
    // No sender run: the question is still queued (a slow queue) when the reminder is due.
    h.svc.clock.set('2026-03-10T18:00:00Z');
    const fire = await fireDueTimers(h.svc.core, { limit: 10, workers: 1, staleCheckinHours: 24 });
    expect(fire).toMatchObject({ fired: 0, postponed: 1 });
    const [timer] = await h.svc.t.db.selectFrom('conversation_timers').select(['fire_at']).where('patient_id', '=', id).where('kind', '=', 'remind').execute();
    expect(timer?.fire_at.toISOString()).toBe('2026-03-10T22:00:00.000Z');
    await h.tickAt('2026-03-10T18:01:00Z'); // the question finally goes out; no reminder with it
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days')]);
  });
});

describe('downtime', () => {
  it('when the service was down at check-in time, then the next tick starts it late but once; beyond the stale limit it is recorded as missed', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll();
    const [week1, week2, week3] = mondays(3);
    // Down from Monday 17:00 until Tuesday 10:00 (16 hours late, within 24): started once on the first tick back.
    const sent = h.fake.to(phone).length;
    expect((await h.tickAt('2026-03-10T14:00:00Z')).checkins.started).toBe(1);
    expect((await h.tickAt('2026-03-10T14:01:00Z')).checkins.started).toBe(0);
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days')]);
    expect((await h.checkins(id))[0]).toMatchObject({ week: 1, status: 'in_progress' });
    expect((await h.checkins(id))[0]?.scheduled_for.toISOString()).toBe(week1);

    // Down again for a week: the reminder is too late to send, the timeout closes week 1, week 2 (2 days late) is missed.
    const before = h.fake.to(phone).length;
    const back = await h.tickAt(plus(week2!, 48 * HOUR));
    expect(back.timers).toMatchObject({ fired: 1, stale_reminder: 1 });
    expect(back.checkins).toMatchObject({ started: 0, missed: 1 });
    expect(h.fake.to(phone)).toHaveLength(before);
    expect((await h.checkins(id)).map((c) => `${c.week} ${c.status}`)).toEqual(['1 no_response', '2 missed']);
    expect(await h.enrollment(id)).toMatchObject({ next_checkin_week: 3, consecutive_no_response: 1 });
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe(week3);
    expect((await h.tickAt(week3!)).checkins.started).toBe(1);
  });
});

describe('who gets check-ins', () => {
  it('when a patient is paused, then nothing is sent until resumed, and resuming plans from the next slot', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll();
    const [week1, week2, week3] = mondays(3);
    await h.tickAt(week1!);
    await h.reply(phone, '6');
    await h.reply(phone, '9');
    await h.reply(phone, 'habit');
    h.svc.clock.set('2026-03-12T15:00:00Z');
    expect((await h.svc.api().patch(`/api/patients/${id}`, { status: 'paused' })).status).toBe(200);
    expect((await h.enrollment(id)).next_checkin_at).toBeNull();
    const sent = h.fake.to(phone).length;
    expect((await h.tickAt(week2!)).checkins.started).toBe(0);
    expect(h.fake.to(phone)).toHaveLength(sent);

    h.svc.clock.set(plus(week2!, 24 * HOUR));
    expect((await h.svc.api().patch(`/api/patients/${id}`, { status: 'active' })).status).toBe(200);
    expect(await h.enrollment(id)).toMatchObject({ next_checkin_week: 3 });
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe(week3);
    expect((await h.tickAt(week3!)).checkins.started).toBe(1);
    expect((await h.checkins(id)).map((c) => c.week)).toEqual([1, 3]);
  });

  it('when a patient is pending consent or opted out, then no check-in starts', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const pending = await h.enroll({ consent: 'pending' });
    const optedOut = await h.enroll();
    expect((await h.enrollment(pending.id)).next_checkin_at).toBeNull();
    await h.svc.t.db.updateTable('patients').set({ status: 'opted_out' }).where('id', '=', optedOut.id).execute();
    const [week1] = mondays(1);
    expect((await h.tickAt(week1!)).checkins.started).toBe(0);
    expect(await h.checkins(pending.id)).toEqual([]);
    expect(await h.checkins(optedOut.id)).toEqual([]);
  });

  it('when a check-in falls due during another dialogue, then it waits for that dialogue to end instead of cutting in', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll();
    const [week1] = mondays(1);
    h.svc.clock.set(minus(week1!, 30 * 60_000));
    await withPatient(h.svc.core, id, { replying: false }, (ctx) => startConversation(ctx, 'daily-log'));
    await h.svc.sender.drain();
    expect((await h.tickAt(week1!)).checkins.started).toBe(0);
    expect(await h.checkins(id)).toEqual([]);
    await h.reply(phone, 'yes'); // the daily log ends
    const sent = h.fake.to(phone).length;
    expect((await h.tickAt(plus(week1!, 60_000))).checkins.started).toBe(1);
    // The day just logged in that dialogue feeds the check-in.
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('You logged 1 day this week')]);
    expect((await h.checkins(id))[0]?.scheduled_for.toISOString()).toBe(week1);
  });
});

describe('changes through the API', () => {
  it('when the plan changes mid-week, then the next check-in keeps its time and asks about the new plan; a new slot moves it', async () => {
    const h = await harness('2026-03-02T15:00:00Z');
    const { id, phone } = await h.enroll();
    const [week1, week2] = mondays(2);
    await h.tickAt(week1!);
    await h.reply(phone, '6');
    await h.reply(phone, '9');
    await h.reply(phone, 'habit');

    h.svc.clock.set('2026-03-12T15:00:00Z'); // Thursday of week 2
    expect((await h.svc.api().patch(`/api/patients/${id}`, { plan: { action: 'swim 20 minutes', daysPerWeek: 3 } })).status).toBe(200);
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe(week2);
    const sent = h.fake.to(phone).length;
    await h.tickAt(week2!);
    expect(h.fake.to(phone).slice(sent)).toEqual([expect.stringContaining('How many days did you swim 20 minutes this week?')]);
    await h.reply(phone, '3');
    await h.reply(phone, '9');
    await h.reply(phone, 'pool nearby');

    // Tuesday of week 3: move check-ins to Wednesdays 09:00. Week 3 is the next Wednesday but one (week 3 of the cycle), not tomorrow.
    h.svc.clock.set('2026-03-17T15:00:00Z');
    expect((await h.svc.api().patch(`/api/patients/${id}`, { checkin: { weekday: 'wednesday', time: '09:00' } })).status).toBe(200);
    expect(await h.enrollment(id)).toMatchObject({ next_checkin_week: 3 });
    expect((await h.enrollment(id)).next_checkin_at?.toISOString()).toBe('2026-03-25T13:00:00.000Z');

    const view = (await h.svc.api().get(`/api/patients/${id}/schedule`)).body;
    expect(view.events[0]).toMatchObject({ kind: 'weekly-checkin', local: 'Wed 25 Mar 2026 09:00 EDT' });
    const printed = formatSchedule(await scheduleView(h.svc.core, id), 'MG-TEST');
    expect(printed).toContain('Wed 25 Mar 2026 09:00 EDT  weekly-checkin  (week 3 of cycle 1)');
    // Refine is configured for weeks 4-6: the first of them is listed as refine, the rest as weekly.
    const weeks = (view.events as { kind: string; detail?: string }[]).filter((e) => e.detail?.startsWith('week '));
    expect(weeks.map((e) => `${e.detail?.split(' of')[0]} ${e.kind}`)).toEqual(['week 3 weekly-checkin', 'week 4 refine', 'week 5 weekly-checkin', 'week 6 weekly-checkin']);
  });
});
