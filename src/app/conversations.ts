// The host side of the engine for one patient, inside their transaction:
// load what react() needs, call it once, apply its reaction (create or save
// the session, carry out the effects in order, close what ended). The rules
// themselves live in src/engine/react.ts. One active session per patient (a
// unique index enforces it).
import type { SessionContext } from '../engine/context.js';
import { react, type CurrentSession, type PatientEvent, type PatientFacts, type Reaction } from '../engine/react.js';
import type { SessionState } from '../engine/session.js';
import type { ReplySignals } from '../engine/understanding/index.js';
import { countDailyLogs, ideaToCheck, listCheckins, updateCheckin } from '../adapters/db/repositories/checkins.js';
import { openEscalation } from '../adapters/db/repositories/escalations.js';
import { currentPlan, findEnrollment } from '../adapters/db/repositories/patients.js';
import { activeSession, cancelSessionTimers, insertSession, saveDefinitionVersion, saveSession, type SessionRow } from '../adapters/db/repositories/sessions.js';
import { checkinStatusFor } from '../engine/schedule/plan.js';
import { applyEffects } from './apply-effects.js';
import { queueStaffJob } from './escalations/staff-jobs.js';
import type { PatientTx } from './patient-tx.js';
import { catchUpConversationFor } from './scheduler/catch-up.js';
import { localDate } from '../engine/schedule/schedule-math.js';

export interface StartOptions {
  checkinId?: string | null;
  week?: number;
  triggerMessageId?: string | null;
  /** Named inputs the conversation reads as {{vars.name}} (as a `call ... with:` gives them). */
  vars?: Record<string, string | number>;
}

/** Who the patient is and who is texting: all that replies outside a dialogue need. */
export function idleContext(ctx: PatientTx): Pick<SessionContext, 'patient' | 'careTeam'> {
  const { patient, deps } = ctx;
  return {
    patient: { firstName: patient.name.trim().split(/\s+/)[0] ?? patient.name, language: patient.language },
    careTeam: deps.settings.careTeam,
  };
}

/** How far back a chosen idea is still asked about ("did it help?"): about two weekly check-ins. */
export const IDEA_CHECK_DAYS = 15;
/** The longest own idea the texts are checked with (weekly-checkin's vars example is 38). */
const MAX_QUOTED_IDEA = 40;
/** How many past weeks refine and reassess read back. */
const RECENT_WEEKS = 4;

/**
 * Builds what templates may read. Logged days count only for patients who log.
 * vars.last_idea: the idea chosen in barrier-solving not yet followed up
 * (weekly-checkin asks whether it helped), or absent. vars.recent_days: the
 * days done in the last answered check-ins, oldest first, as the patient's
 * language lists them ("3, 4, 2, and 5" / "3, 4, 2 y 5"; refine and reassess
 * show them), or absent.
 */
export async function sessionContext(ctx: PatientTx, week?: number): Promise<SessionContext> {
  const { tx, patient, now } = ctx;
  const plan = await currentPlan(tx, patient.id);
  const today = localDate(now, patient.timezone);
  const dayMs = 86_400_000;
  const weekAgo = localDate(new Date(now.getTime() - 6 * dayMs), patient.timezone);
  const monthAgo = localDate(new Date(now.getTime() - 28 * dayMs), patient.timezone);
  const logsThisWeek = await countDailyLogs(tx, patient.id, weekAgo, today);
  const logsLately = logsThisWeek > 0 ? logsThisWeek : await countDailyLogs(tx, patient.id, monthAgo, today);
  const lastIdea = await ideaToCheck(tx, patient.id, new Date(now.getTime() - IDEA_CHECK_DAYS * dayMs));
  const answered = (await listCheckins(tx, patient.id)).filter((c) => c.days_done !== null).slice(0, RECENT_WEEKS).reverse();
  const recentDays = answered.length > 0 ? new Intl.ListFormat(patient.language, { type: 'conjunction' }).format(answered.map((c) => String(c.days_done))) : null;
  const vars: Record<string, string> = {};
  // An own idea too long to quote in a 2-segment text is asked about without quoting it.
  if (lastIdea) vars.last_idea = lastIdea.length > MAX_QUOTED_IDEA ? 'own' : lastIdea;
  if (recentDays) vars.recent_days = recentDays;
  const enrollmentWeek = week === undefined ? (await findEnrollment(tx, patient.id))?.next_checkin_week : undefined;
  return {
    ...idleContext(ctx),
    plan: { action: plan?.action ?? '', daysPerWeek: plan?.days_per_week ?? 1, confidence: plan?.confidence ?? null },
    loggedDays: logsLately > 0 ? logsThisWeek : null,
    week: week ?? enrollmentWeek ?? 1,
    ...(Object.keys(vars).length > 0 ? { vars } : {}),
  };
}

function facts(ctx: PatientTx, context: SessionContext, extra: Partial<PatientFacts> = {}): PatientFacts {
  const { patient } = ctx;
  return { status: patient.status, consentConfirmed: patient.consent === 'confirmed', context, staffHold: false, catchUp: null, ...extra };
}

function current(ctx: PatientTx, row: SessionRow): CurrentSession {
  return { state: row.state as SessionState, definition: ctx.deps.catalog.env.resolve(row.definition_hash) };
}

/** Starts `conversationId` now; the caller makes sure no other session is active. */
export async function startConversation(ctx: PatientTx, conversationId: string, options: StartOptions = {}): Promise<string> {
  const sessionId = ctx.deps.ids.uuid();
  const event: PatientEvent = { type: 'start', conversationId, sessionId, checkinId: options.checkinId ?? null };
  const context = await sessionContext(ctx, options.week);
  if (options.vars) context.vars = { ...options.vars };
  const reaction = react(facts(ctx, context), null, event, ctx.now, ctx.deps.catalog.env);
  await applyReaction(ctx, null, reaction, options.triggerMessageId ?? null);
  return sessionId;
}

/** A timer or a cancellation for one session. */
export async function feedSession(ctx: PatientTx, row: SessionRow, event: Extract<PatientEvent, { type: 'timer' | 'cancel' }>): Promise<void> {
  const session = current(ctx, row);
  if (!session.definition) ctx.deps.logger.error({ sessionId: row.id }, 'pinned conversation version missing');
  const reaction = react(facts(ctx, session.state.context), session, event, ctx.now, ctx.deps.catalog.env);
  await applyReaction(ctx, row, reaction, null);
}

/**
 * A text from the patient, already stored as `messageId`; `signals` is
 * analyseReply(text), computed before the transaction opened.
 */
export async function replyFromPatient(ctx: PatientTx, text: string, signals: ReplySignals, messageId: string): Promise<Reaction['disposition']> {
  const row = await activeSession(ctx.tx, ctx.patient.id);
  const session = row ? current(ctx, row) : null;
  if (session && !session.definition) ctx.deps.logger.error({ sessionId: row!.id }, 'pinned conversation version missing');
  const escalation = await openEscalation(ctx.tx, ctx.patient.id);
  // Outside a dialogue a reply may start one (catch-up, mood-check, enrollment): it needs the full context.
  const context = session ? session.state.context : await sessionContext(ctx);
  const catchUp = session || escalation ? null : await catchUpConversationFor(ctx);
  const patient = facts(ctx, context, { staffHold: escalation !== undefined, catchUp });
  const event: PatientEvent = { type: 'reply', text, signals, newSessionId: ctx.deps.ids.uuid() };
  const reaction = react(patient, session, event, ctx.now, ctx.deps.catalog.env);
  await applyReaction(ctx, row ?? null, reaction, messageId, escalation?.id);
  return reaction.disposition;
}

/** Creates or saves the session, applies the effects in order, then closes what ended. */
async function applyReaction(ctx: PatientTx, row: SessionRow | null, reaction: Reaction, triggerMessageId: string | null, escalationId?: string): Promise<void> {
  const { session: state, started } = reaction;
  let ref: { id: string; checkin_id: string | null } | null = row && row.status === 'active' ? row : null;
  if (started && state) {
    ref = { id: state.sessionId, checkin_id: started.checkinId };
    await createSession(ctx, state, started);
  } else if (ref && state) {
    await saveSession(ctx.tx, ref.id, sessionColumns(ctx, state));
  }
  const effects = [];
  for (const effect of reaction.effects) {
    if (effect.type !== 'relayToStaff') {
      effects.push(effect);
      continue;
    }
    if (!escalationId || !triggerMessageId) throw new Error('a relay needs the open escalation and the message');
    await applyEffects(ctx, ref ? { id: ref.id, checkinId: ref.checkin_id } : null, effects.splice(0), triggerMessageId);
    await queueStaffJob(ctx, { type: 'relay.patient', escalationId, messageId: triggerMessageId }, `relay:${triggerMessageId}`);
  }
  await applyEffects(ctx, ref ? { id: ref.id, checkinId: ref.checkin_id } : null, effects, triggerMessageId);
  if (!ref || !state || state.status !== 'ended') return;
  await cancelSessionTimers(ctx.tx, ref.id);
  if (ref.checkin_id) await updateCheckin(ctx.tx, ref.checkin_id, { status: checkinStatusFor(state.outcome), updated_at: ctx.now });
  await ctx.deps.onSessionEnded?.(ctx, state.outcome);
}

async function createSession(ctx: PatientTx, state: SessionState, started: NonNullable<Reaction['started']>): Promise<void> {
  const definition = ctx.deps.catalog.env.resolve(started.hash);
  if (!definition) throw new Error(`conversation ${started.conversationId} is not loaded`);
  await saveDefinitionVersion(ctx.tx, {
    hash: definition.hash,
    conversation_id: definition.definition.id,
    version: definition.definition.version,
    definition: JSON.stringify(definition.definition),
  });
  const columns = sessionColumns(ctx, state);
  await insertSession(ctx.tx, {
    id: state.sessionId,
    patient_id: ctx.patient.id,
    conversation_id: started.conversationId,
    definition_hash: definition.hash,
    checkin_id: started.checkinId,
    started_at: ctx.now,
    ...columns,
  });
}

function sessionColumns(ctx: PatientTx, state: SessionState) {
  const ended = state.status === 'ended';
  const frame = state.frames[state.frames.length - 1];
  return {
    state: JSON.stringify(state),
    status: state.status,
    current_step: frame ? `${frame.conversationId}:${frame.stepId}` : null,
    outcome: state.outcome,
    updated_at: ctx.now,
    ended_at: ended ? ctx.now : null,
    variables: JSON.stringify(Object.assign({}, ...state.frames.map((f) => f.results))),
  };
}
