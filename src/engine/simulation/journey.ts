// A patient's care timeline in the simulator, on the service's own rules
// (engine/schedule/plan.ts): the next check-in (week, kind, time in the
// patient's zone with quiet hours and DST), cycles, missed check-ins and the
// silence count that escalates after two unanswered weeks. Used by journey
// scenarios; the simulated host decides when to call it.
import { DateTime } from 'luxon';
import { afterCheckin, dueCheckinAction, planCheckin, type DueCheckin, type PlannedCheckin } from '../schedule/plan.js';
import { nextSendableTime, type QuietWindow } from '../schedule/quiet-hours.js';
import type { Slot, TimelineRules } from '../schedule/schedule-math.js';

export interface JourneySettings {
  slot: Slot;
  rules: TimelineRules;
  quiet: QuietWindow | null;
  staleMs: number;
}

export class SimTimeline {
  private cycle = 1;
  private cycleStart: string;
  private readonly recorded = new Map<number, number>();
  private readonly refineDone = new Set<number>();
  private planned: PlannedCheckin | null = null;
  private silent = 0;
  /** The check-in whose dialogue is running: its kind decides what "done" means. */
  private running: { cycle: number; kind: string } | null = null;

  constructor(
    readonly settings: JourneySettings,
    enrolledAt: Date,
  ) {
    this.cycleStart = DateTime.fromJSDate(enrolledAt, { zone: settings.slot.timezone }).toISODate()!;
    this.plan(enrolledAt, 1);
  }

  get next(): PlannedCheckin | null {
    return this.planned;
  }

  /** The planned check-in now: start it (week and kind), skip it as missed, or wait. */
  onDue(now: Date, busy: boolean): { action: DueCheckin; week: number; kind: string } {
    const planned = this.planned;
    const action = dueCheckinAction(planned?.at ?? null, now, busy, this.settings.staleMs, this.settings.slot.timezone, this.settings.quiet);
    if (!planned || action === 'not_due' || action === 'waiting') return { action, week: planned?.week ?? 0, kind: planned?.kind ?? '' };
    if (action === 'deferred') {
      this.planned = { ...planned, at: nextSendableTime(now, this.settings.slot.timezone, this.settings.quiet) };
      return { action, week: planned.week, kind: planned.kind };
    }
    this.recorded.set(this.cycle, planned.week);
    if (action === 'start') this.running = { cycle: this.cycle, kind: planned.kind };
    this.plan(now, planned.week + 1);
    return { action, week: planned.week, kind: planned.kind };
  }

  /** A session ended; `checkin` when it belonged to a check-in (its own dialogue or a catch-up). */
  onSessionEnded(now: Date, checkin: { status: string; catchUp: boolean } | null): { escalate: boolean } {
    let escalate = false;
    if (checkin) {
      if (checkin.status === 'completed' && this.running?.kind === 'refine') this.refineDone.add(this.running.cycle);
      const counted = checkin.catchUp && checkin.status === 'no_response' ? null : afterCheckin(checkin.status, this.silent);
      if (counted) ({ silent: this.silent, escalate } = counted);
      this.running = null;
    }
    this.plan(now, 1);
    return { escalate };
  }

  private plan(after: Date, minWeek: number): void {
    const next = this.planned && this.planned.week > (this.recorded.get(this.cycle) ?? 0) ? { at: this.planned.at, week: this.planned.week } : null;
    const facts = { cycle: this.cycle, cycleStart: this.cycleStart, slot: this.settings.slot, next, recordedWeek: this.recorded.get(this.cycle) ?? 0, refineDone: this.refineDone.has(this.cycle) };
    this.planned = planCheckin(facts, after, minWeek, this.settings.rules, this.settings.quiet);
    this.cycle = this.planned.cycle;
    this.cycleStart = this.planned.cycleStart;
  }
}
