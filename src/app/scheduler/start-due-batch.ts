// Starts due check-ins a batch at a time (issue 15: 100,000 due in the same
// minute). One transaction per batch: claim many due enrollments at once (FOR
// UPDATE SKIP LOCKED), take the patients' advisory locks without waiting,
// read what starting needs in one query, run the pure engine for each patient
// in memory, then write check-ins, sessions, texts, outbox items, timers,
// audit rows and the next check-in with one statement per table. Exactly
// once as before: the row locks give instances disjoint batches, the
// advisory locks keep out concurrent work on a patient, and the check-in row
// is unique per patient, cycle and week.
//
// Only the common case is built here: a fresh start that sends its first
// prompt and schedules timers. Anything else (a stale check-in, quiet hours,
// a check-in row that already exists, a dialogue that ends or escalates at
// once) goes through startDueCheckin (the per-patient path) in the same
// transaction, so both paths share one outcome.
import { DateTime } from 'luxon';
import type { Insertable } from 'kysely';
import type { Tx } from '../../adapters/db/connect.js';
import type { CheckinsTable } from '../../adapters/db/schema.js';
import { saveDefinitionVersion } from '../../adapters/db/repositories/sessions.js';
import { claimDueEnrollments, insertCheckinsOnce, loadStartInputs, tryLockPatients, writeStarts, type StartInput, type StartWrites } from '../../adapters/db/repositories/schedule-batch.js';
import type { Effect } from '../../engine/effects.js';
import { step } from '../../engine/step.js';
import { IDEA_CHECK_DAYS, idleContext } from '../conversations.js';
import { patientsWithIdeasSince } from '../../adapters/db/repositories/checkins.js';
import type { CoreDeps } from '../deps.js';
import type { PatientTx } from '../patient-tx.js';
import { nextSendableTime } from '../../engine/schedule/quiet-hours.js';
import { checkinTime, kindOfWeek, localDate } from '../../engine/schedule/schedule-math.js';
import { nextWeek, slotOf } from '../timeline.js';

export type CheckinStart = 'started' | 'missed' | 'deferred' | 'waiting' | 'not_due';

/** The per-patient path (startDueCheckin), passed in to keep this file free of an import cycle. */
export type StartOne = (ctx: PatientTx, staleMs: number) => Promise<CheckinStart>;

export interface BatchResult {
  /** Enrollments claimed (0: nothing was due). */
  claimed: number;
  counts: Record<CheckinStart, number>;
}

const SIMPLE_EFFECTS = new Set<Effect['type']>(['send', 'scheduleTimer', 'conversationStarted']);

interface Built {
  patientId: string;
  checkin: Insertable<CheckinsTable>;
  writes: Omit<StartWrites, 'enrollments'> & { enrollment: StartWrites['enrollments'][number] };
  definition: { hash: string; definition: { id: string; version: number } };
}

const emptyCounts = (): Record<CheckinStart, number> => ({ started: 0, missed: 0, deferred: 0, waiting: 0, not_due: 0 });

/**
 * One batch of up to `size` patients not in `skip`. Patients left due for
 * now (busy, locked elsewhere, not due after all) are added to `skip`.
 */
export async function startDueBatch(deps: CoreDeps, size: number, staleMs: number, skip: Set<string>, startOne: StartOne): Promise<BatchResult> {
  const now = deps.clock.now();
  const counts = emptyCounts();
  let queued = 0;
  const claimed = await deps.db.transaction().execute(async (tx) => {
    const claims = await claimDueEnrollments(tx, now, size, [...skip]);
    if (claims.length === 0) return 0;
    const ids = claims.map((c) => c.patient_id);
    const locked = await tryLockPatients(tx, ids);
    const lockedSet = new Set(locked);
    for (const id of ids) if (!lockedSet.has(id)) skip.add(id);
    const tz = new Map(claims.map((c) => [c.patient_id, c.timezone]));
    const memo = new Memo();
    const inputs = await loadStartInputs(tx, locked.map((id) => ({ id, ...memo.get(`dates ${tz.get(id)}`, () => datesFor(tz.get(id) ?? 'UTC', now)) })));
    const built: Built[] = [];
    const slow: StartInput[] = [];
    // A patient with an idea to follow up needs sessionContext's vars (last_idea): the per-patient path.
    const withIdeas = await patientsWithIdeasSince(tx, locked, new Date(now.getTime() - IDEA_CHECK_DAYS * 86_400_000));
    for (const input of inputs) {
      const due = input.enrollment.next_checkin_at;
      if (!due || due.getTime() > now.getTime() || input.patient.status !== 'active') {
        counts.not_due += 1;
        skip.add(input.patient.id);
      } else if (input.busy) {
        counts.waiting += 1;
        skip.add(input.patient.id);
      } else {
        const b = withIdeas.has(input.patient.id) ? null : build(deps, ctxFor(deps, tx, input, now), input, now, staleMs, memo);
        if (b) built.push(b);
        else slow.push(input);
      }
    }
    const inserted = await insertCheckinsOnce(tx, built.map((b) => b.checkin));
    const fresh = built.filter((b) => inserted.has(b.patientId));
    for (const b of built) if (!inserted.has(b.patientId)) slow.push(inputs.find((i) => i.patient.id === b.patientId)!);
    for (const { hash, definition } of new Map(fresh.map((b) => [b.definition.hash, b.definition])).values()) {
      await saveDefinitionVersion(tx, { hash, conversation_id: definition.id, version: definition.version, definition: JSON.stringify(definition) });
    }
    await writeStarts(
      tx,
      {
        sessions: fresh.flatMap((b) => b.writes.sessions),
        messages: fresh.flatMap((b) => b.writes.messages),
        outbox: fresh.flatMap((b) => b.writes.outbox),
        timers: fresh.flatMap((b) => b.writes.timers),
        audit: fresh.flatMap((b) => b.writes.audit),
        enrollments: fresh.map((b) => b.writes.enrollment),
      },
      now,
    );
    counts.started += fresh.length;
    queued += fresh.reduce((n, b) => n + b.writes.outbox.length, 0);
    for (const input of slow) {
      const ctx = ctxFor(deps, tx, input, now);
      const outcome = await startOne(ctx, staleMs);
      counts[outcome] += 1;
      queued += ctx.queued.sms;
      if (outcome === 'waiting' || outcome === 'not_due') skip.add(input.patient.id);
    }
    return ids.length;
  });
  if (queued > 0) deps.wake();
  return { claimed, counts };
}

/**
 * Date maths shared by the patients of a batch: most share a time zone, a
 * slot and a cycle start, and luxon's zone arithmetic is the main CPU cost.
 */
class Memo {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string, make: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = make();
    this.values.set(key, value);
    return value;
  }
}

function datesFor(timezone: string, now: Date) {
  const dayMs = 86_400_000;
  return {
    today: localDate(now, timezone),
    weekAgo: localDate(new Date(now.getTime() - 6 * dayMs), timezone),
    monthAgo: localDate(new Date(now.getTime() - 28 * dayMs), timezone),
  };
}

function ctxFor(deps: CoreDeps, tx: Tx, input: StartInput, now: Date): PatientTx {
  return { tx, deps, patient: input.patient, now, replying: false, suppressKeywordReplies: false, queued: { sms: 0, urgent: false, slack: 0, lastSms: null } };
}

/**
 * What startDueCheckin would write for a plain start, or null when the
 * patient needs the per-patient path. Pure apart from ids.
 */
function build(deps: CoreDeps, ctx: PatientTx, input: StartInput, now: Date, staleMs: number, memo: Memo): Built | null {
  const { patient, enrollment, plan } = input;
  const dueAt = enrollment.next_checkin_at!;
  const quiet = deps.settings.quietHours;
  if (now.getTime() - dueAt.getTime() > staleMs) return null;
  const sendable = memo.get(`sendable ${patient.timezone}`, () => nextSendableTime(now, patient.timezone, quiet));
  if (sendable.getTime() > now.getTime()) return null;
  const rules = deps.settings.timeline;
  const week = enrollment.next_checkin_week ?? 1;
  const kind = kindOfWeek(week, rules, input.refineDone);
  // Refine and reassess read back the recent weeks (sessionContext's vars.recent_days): the per-patient path.
  if (kind !== 'weekly-checkin') return null;
  const definition = deps.catalog.current(kind);
  const checkinId = deps.ids.uuid();
  const sessionId = deps.ids.uuid();
  const context = {
    ...idleContext(ctx),
    plan: { action: plan?.action ?? '', daysPerWeek: plan?.days_per_week ?? 1, confidence: plan?.confidence ?? null },
    loggedDays: input.logsLately > 0 ? input.logsThisWeek : null,
    week,
  };
  const result = step(definition, null, { type: 'start', sessionId, context }, now, deps.catalog.env);
  const { state, effects } = result;
  if (state.status === 'ended' || effects.some((e) => !SIMPLE_EFFECTS.has(e.type))) return null;
  const frame = state.frames[state.frames.length - 1];
  const writes: Built['writes'] = {
    sessions: [
      {
        id: sessionId,
        patient_id: patient.id,
        conversation_id: kind,
        definition_hash: definition.hash,
        status: state.status,
        current_step: frame ? `${frame.conversationId}:${frame.stepId}` : null,
        state: JSON.stringify(state),
        variables: JSON.stringify(Object.assign({}, ...state.frames.map((f) => f.results))),
        outcome: state.outcome,
        checkin_id: checkinId,
        started_at: now,
        updated_at: now,
        ended_at: null,
      },
    ],
    messages: [],
    outbox: [],
    timers: [],
    audit: [{ at: now, actor: 'scheduler', action: 'checkin.started', patient_id: patient.id, details: JSON.stringify({ cycle: enrollment.cycle, week, kind }) }],
    enrollment: { patient_id: patient.id, ...memo.get(plannedKey(input, week), () => planned(input, week, now, deps)) },
  };
  for (const effect of effects) {
    if (effect.type === 'send') {
      // As queueSms outside a reply: only safety texts skip quiet hours (and it is not quiet now).
      const immediate = effect.purpose === 'safety';
      const runAt = immediate ? now : sendable;
      const messageId = deps.ids.uuid();
      writes.messages.push({ id: messageId, patient_id: patient.id, direction: 'outbound', body: effect.text, author: 'bot', purpose: effect.purpose, status: runAt.getTime() > now.getTime() ? 'deferred' : 'queued', session_id: sessionId, escalation_id: null, staff_name: null, created_at: now, updated_at: now });
      writes.outbox.push({ id: deps.ids.uuid(), kind: 'sms', patient_id: patient.id, message_id: messageId, payload: JSON.stringify({ purpose: effect.purpose, immediate, afterOptOut: false }), run_at: runAt, created_at: now, updated_at: now, dedupe_key: null, last_error: null, locked_until: null });
    } else if (effect.type === 'scheduleTimer') {
      writes.timers.push({ key: effect.key, session_id: sessionId, patient_id: patient.id, kind: effect.kind, fire_at: new Date(effect.at) });
    }
  }
  return {
    patientId: patient.id,
    checkin: {
      id: checkinId,
      patient_id: patient.id,
      cycle: enrollment.cycle,
      week,
      kind,
      plan_id: plan?.id ?? null,
      week_start: memo.get(`week start ${dueAt.getTime()} ${patient.timezone}`, () => DateTime.fromJSDate(dueAt, { zone: patient.timezone }).minus({ days: 6 }).toISODate()!),
      scheduled_for: dueAt,
      status: 'in_progress',
      days_target: plan?.days_per_week ?? 1,
      created_at: now,
      updated_at: now,
    },
    writes,
    definition,
  };
}

/** Everything planned() reads. */
function plannedKey({ patient, enrollment: e, lastWeek, refineDone }: StartInput, week: number): string {
  return ['planned', patient.timezone, e.cycle, e.cycle_start, e.next_checkin_at?.getTime(), e.next_checkin_week, e.checkin_weekday, e.checkin_time, lastWeek, refineDone, week].join(' ');
}

/** planNextCheckin(ctx, now, week + 1) after this week's check-in was recorded. */
function planned(input: StartInput, week: number, now: Date, deps: CoreDeps): Omit<StartWrites['enrollments'][number], 'patient_id'> {
  const { patient, enrollment } = input;
  const rules = deps.settings.timeline;
  const recorded = Math.max(input.lastWeek, week);
  const next = nextWeek(enrollment, patient.timezone, recorded, now, week + 1, rules, deps.settings.quietHours);
  const refineDone = next.cycle === enrollment.cycle && input.refineDone;
  return {
    cycle: next.cycle,
    cycle_start: next.cycleStart,
    next_checkin_at: next.due(checkinTime(next.cycleStart, next.week, slotOf(enrollment, patient.timezone), rules)),
    next_checkin_week: next.week,
    next_checkin_kind: kindOfWeek(next.week, rules, refineDone),
  };
}
