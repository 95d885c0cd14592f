// Runs the pure engine for one patient inside their transaction: load the
// session, step, save the new state, apply the effects. One active session per
// patient (a unique index enforces it).
import { step } from '../engine/step.js';
import type { SessionContext } from '../engine/context.js';
import type { Effect, EngineEvent } from '../engine/effects.js';
import type { SessionState } from '../engine/session.js';
import { handleIdleReply } from '../engine/idle-reply.js';
import { updateCheckin } from '../adapters/db/repositories/checkins.js';
import { countDailyLogs, ideaToCheck, listCheckins } from '../adapters/db/repositories/checkins.js';
import { currentPlan, findEnrollment } from '../adapters/db/repositories/patients.js';
import {
  activeSession,
  cancelSessionTimers,
  insertSession,
  saveDefinitionVersion,
  saveSession,
  type SessionRow,
} from '../adapters/db/repositories/sessions.js';
import { applyEffects } from './apply-effects.js';
import type { PatientTx } from './patient-tx.js';
import { localDate } from './schedule-math.js';
import type { CheckinStatus } from '../adapters/db/schema.js';

export interface StartOptions {
  checkinId?: string | null;
  week?: number;
  triggerMessageId?: string | null;
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
export async function sessionContext(ctx: PatientTx, week: number): Promise<SessionContext> {
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
  return {
    ...idleContext(ctx),
    plan: { action: plan?.action ?? '', daysPerWeek: plan?.days_per_week ?? 1, confidence: plan?.confidence ?? null },
    loggedDays: logsLately > 0 ? logsThisWeek : null,
    week,
    ...(Object.keys(vars).length > 0 ? { vars } : {}),
  };
}

/** Starts `conversationId` now; the caller makes sure no other session is active. */
export async function startConversation(ctx: PatientTx, conversationId: string, options: StartOptions = {}): Promise<string> {
  const { tx, patient, now, deps } = ctx;
  const definition = deps.catalog.current(conversationId);
  await saveDefinitionVersion(tx, {
    hash: definition.hash,
    conversation_id: definition.definition.id,
    version: definition.definition.version,
    definition: JSON.stringify(definition.definition),
  });
  const enrollment = await findEnrollment(tx, patient.id);
  const context = await sessionContext(ctx, options.week ?? enrollment?.next_checkin_week ?? 1);
  const sessionId = deps.ids.uuid();
  const result = step(definition, null, { type: 'start', sessionId, context }, now, deps.catalog.env);
  await insertSession(tx, {
    id: sessionId,
    patient_id: patient.id,
    conversation_id: conversationId,
    definition_hash: definition.hash,
    status: 'active',
    current_step: null,
    state: JSON.stringify(result.state),
    variables: '{}',
    outcome: null,
    checkin_id: options.checkinId ?? null,
    started_at: now,
    updated_at: now,
    ended_at: null,
  });
  const row = { id: sessionId, checkin_id: options.checkinId ?? null, definition_hash: definition.hash } as const;
  await persist(ctx, row, result.state, result.effects, options.triggerMessageId ?? null);
  return sessionId;
}

/** Feeds one event to the patient's active session; false when there is none. */
export async function feedActiveSession(ctx: PatientTx, event: EngineEvent, triggerMessageId: string | null = null): Promise<boolean> {
  const session = await activeSession(ctx.tx, ctx.patient.id);
  if (!session) return false;
  await feedSession(ctx, session, event, triggerMessageId);
  return true;
}

export async function feedSession(ctx: PatientTx, session: SessionRow, event: EngineEvent, triggerMessageId: string | null = null): Promise<void> {
  const env = ctx.deps.catalog.env;
  const definition = env.resolve(session.definition_hash);
  const state = session.state as SessionState;
  if (!definition) {
    // The pinned version is gone (it is normally kept in conversation_versions): end safely.
    ctx.deps.logger.error({ sessionId: session.id }, 'pinned conversation version missing');
    const effects = event.type === 'reply' ? handleIdleReply(event.text, state.context, env) : [];
    await persist(ctx, session, { ...state, status: 'ended', outcome: 'failed' }, effects, triggerMessageId);
    return;
  }
  const result = step(definition, state, event, ctx.now, env);
  await persist(ctx, session, result.state, result.effects, triggerMessageId);
}

/** A reply with no session in progress. */
export async function replyWithoutSession(ctx: PatientTx, text: string, triggerMessageId: string): Promise<void> {
  const effects = handleIdleReply(text, idleContext(ctx), ctx.deps.catalog.env);
  await applyEffects(ctx, null, effects, triggerMessageId);
  await startHandOffs(ctx, effects, triggerMessageId);
}

async function persist(
  ctx: PatientTx,
  session: Pick<SessionRow, 'id' | 'checkin_id' | 'definition_hash'>,
  state: SessionState,
  effects: Effect[],
  triggerMessageId: string | null,
): Promise<void> {
  const ended = state.status === 'ended';
  if (!ended && effects.some((e) => e.type === 'escalate')) {
    await applyEffects(ctx, { id: session.id, checkinId: session.checkin_id }, untilHandOver(effects), triggerMessageId);
    await handOverToStaff(ctx, session, state);
    return;
  }
  const frame = state.frames[state.frames.length - 1];
  await saveSession(ctx.tx, session.id, {
    state: JSON.stringify(state),
    status: state.status,
    current_step: frame ? `${frame.conversationId}:${frame.stepId}` : null,
    outcome: state.outcome,
    updated_at: ctx.now,
    ended_at: ended ? ctx.now : null,
    variables: JSON.stringify(Object.assign({}, ...state.frames.map((f) => f.results))),
  });
  await applyEffects(ctx, { id: session.id, checkinId: session.checkin_id }, effects, triggerMessageId);
  if (!ended) return;
  await cancelSessionTimers(ctx.tx, session.id);
  if (session.checkin_id) await updateCheckin(ctx.tx, session.checkin_id, { status: checkinStatusFor(state.outcome), updated_at: ctx.now });
  await ctx.deps.onSessionEnded?.(ctx, state.outcome);
}

/**
 * A script escalated and kept going: the care team now owns the conversation
 * (the patient's texts go to their thread), so the dialogue ends here rather
 * than waiting on answers it will never see.
 */
/** Everything up to the first text after the escalation (its acknowledgement); no later questions or timers. */
function untilHandOver(effects: Effect[]): Effect[] {
  const escalation = effects.findIndex((e) => e.type === 'escalate');
  const ack = effects.findIndex((e, i) => i > escalation && e.type === 'send');
  return effects.filter((e, i) => e.type !== 'scheduleTimer' && (ack < 0 || i <= ack || e.type !== 'send'));
}

async function handOverToStaff(ctx: PatientTx, session: Pick<SessionRow, 'id' | 'checkin_id' | 'definition_hash'>, state: SessionState): Promise<void> {
  const definition = ctx.deps.catalog.env.resolve(session.definition_hash);
  if (!definition) return;
  const result = step(definition, state, { type: 'cancel', reason: 'handed to the care team' }, ctx.now, ctx.deps.catalog.env);
  await persist(ctx, session, { ...result.state, outcome: 'escalated_routine' }, result.effects.filter((e) => e.type !== 'send'), null);
}

function checkinStatusFor(outcome: string | null): CheckinStatus {
  if (outcome === 'no_response' || outcome === 'expired') return 'no_response';
  if (outcome === 'escalated_urgent' || outcome === 'escalated_routine') return 'escalated';
  if (outcome === 'opted_out' || outcome === 'cancelled' || outcome === 'failed') return 'cancelled';
  return 'completed';
}

/** An idle reply may hand the patient to another dialogue (mood-check). */
async function startHandOffs(ctx: PatientTx, effects: Effect[], triggerMessageId: string): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'conversationStarted' && effect.mode === 'handoff') {
      await startConversation(ctx, effect.conversationId, { triggerMessageId });
      return;
    }
  }
}
