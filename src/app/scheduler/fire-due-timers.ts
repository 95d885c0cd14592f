// Fires due conversation timers (reminders, timeouts, session expiry). The
// timer row is claimed and marked fired in the same transaction as the
// session step it causes, so each fires once across instances. The engine
// ignores a key its session no longer waits on.
import { claimDueTimerExcept } from '../../adapters/db/repositories/schedule.js';
import { messageStatus } from '../../adapters/db/repositories/messages.js';
import { findSession, markTimerFired, postponeTimer, type TimerRow } from '../../adapters/db/repositories/sessions.js';
import { feedSession } from '../conversations.js';
import type { CoreDeps } from '../deps.js';
import type { PatientTx } from '../patient-tx.js';
import { claimAndRun, runClaims } from './claim.js';
import type { RunOptions } from './start-due-checkins.js';

export type TimerOutcome = 'fired' | 'stale_reminder' | 'session_over' | 'postponed';

/** A prompt in these states has not reached the patient yet: its wait has not started. */
const NOT_SENT_YET = new Set(['queued', 'deferred', 'sending']);

export async function fireDueTimers(core: CoreDeps, options: RunOptions): Promise<Record<TimerOutcome, number>> {
  const staleMs = options.staleCheckinHours * 3_600_000;
  const outcomes = await runClaims(options.workers, options.limit, (gate) =>
    claimAndRun(core, gate, claimDueTimerExcept, (timer) => timer.patient_id, (ctx, timer) => fireTimer(ctx, timer, staleMs)),
  );
  const counts: Record<TimerOutcome, number> = { fired: 0, stale_reminder: 0, session_over: 0, postponed: 0 };
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

async function fireTimer(ctx: PatientTx, timer: TimerRow, staleMs: number): Promise<TimerOutcome> {
  // Waits count from delivery: a prompt still in the outbox (a slow queue) starts its wait again from now.
  if (timer.anchor_message_id && timer.wait_ms !== null && NOT_SENT_YET.has((await messageStatus(ctx.tx, timer.anchor_message_id)) ?? '')) {
    await postponeTimer(ctx.tx, timer.key, new Date(ctx.now.getTime() + Number(timer.wait_ms)));
    return 'postponed';
  }
  await markTimerFired(ctx.tx, timer.key);
  const session = await findSession(ctx.tx, timer.session_id);
  if (!session || session.status !== 'active') return 'session_over';
  // After a long outage a reminder days late would only confuse: drop it; the timeout still closes the wait.
  if (timer.kind === 'remind' && ctx.now.getTime() - timer.fire_at.getTime() > staleMs) return 'stale_reminder';
  await feedSession(ctx, session, { type: 'timer', key: timer.key });
  return 'fired';
}
