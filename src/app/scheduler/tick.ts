// One scheduler tick: fire due conversation timers, start due check-ins, then
// deliver due texts (deferred ones included). Every piece of due work is a
// Postgres row claimed with SKIP LOCKED, so any number of instances may tick
// at once, a restart loses nothing, and a tick missed during downtime is
// caught up by the next one (late but once; stale check-ins become missed).
import type { CoreDeps } from '../deps.js';
import { fireDueTimers, type TimerOutcome } from './fire-due-timers.js';
import { startDueCheckins, type CheckinStart } from './start-due-checkins.js';

export interface TickReport {
  timers: Record<TimerOutcome, number>;
  checkins: Record<CheckinStart, number>;
  /** Outbox texts the sender handled. */
  sent: number;
}

export interface SchedulerOptions {
  sender: { drain(): Promise<number> };
  staleCheckinHours: number;
  /** Timers per tick; the rest is left for the next tick. Default 1000. */
  batchSize?: number;
  /** Check-ins started per tick (in batches of 200); default 200,000, so a whole panel due in one minute starts in one tick. */
  checkinLimit?: number;
  /** Concurrent transactions per kind of work; keep below the pool size. Default 2. */
  workers?: number;
}

export interface Scheduler {
  tick(): Promise<TickReport>;
}

export function createScheduler(core: CoreDeps, options: SchedulerOptions): Scheduler {
  const run = { limit: options.batchSize ?? 1000, workers: options.workers ?? 2, staleCheckinHours: options.staleCheckinHours };
  return {
    async tick() {
      // Timers first: a timeout that ends a dialogue frees a check-in waiting for it in the same tick.
      const timers = await fireDueTimers(core, run);
      const checkins = await startDueCheckins(core, { ...run, limit: options.checkinLimit ?? 200_000 });
      const sent = await options.sender.drain();
      const report = { timers, checkins, sent };
      core.logger.debug({ report }, 'scheduler tick');
      return report;
    },
  };
}
