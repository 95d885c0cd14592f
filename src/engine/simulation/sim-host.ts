// (Over 250 lines: one class that is the whole simulated host; its parts share its state.)
// An in-memory host around react(), with a virtual clock: the service's
// bookkeeping (one session per patient, a timers table, opt-out and consent,
// an open escalation, the last check-in for catch-up, plan updates and logged
// days), minus the database and SMS. The rules are react()'s, so `careloop
// chat`, `careloop test` and the scenario tests show what patients get.
// Nothing here reads the real clock.
import type { SessionContext } from '../context.js';
import { simulatedVars } from './sim-vars.js';
import type { Effect, EngineEnv } from '../effects.js';
import { react, type CurrentSession, type PatientEvent, type PatientFacts, type PatientStatus, type Reaction } from '../react.js';
import { Duration } from 'luxon';
import { checkinStatusFor, NO_RESPONSE_REASON } from '../schedule/plan.js';
import { nextSendableTime } from '../schedule/quiet-hours.js';
import type { SessionState } from '../session.js';
import { renderSystemMessage } from '../system-messages.js';
import { analyseReply } from '../understanding/index.js';
import { SimTimeline, type JourneySettings } from './journey.js';

export interface TimedEffect {
  at: Date;
  effect: Effect;
}

interface PendingTimer {
  key: string;
  at: Date;
}

/** Conversations the scheduler starts as check-ins: one left unanswered can be caught up on. */
export const CHECKIN_CONVERSATIONS: ReadonlySet<string> = new Set(['weekly-checkin', 'refine', 'reassess']);
const CATCH_UP = 'catch-up';
const CATCH_UP_WINDOW_MS = 7 * 86_400_000;

export interface SimOptions {
  /** Consent already on file (staff-confirmed); default true. */
  consented?: boolean;
}

export class SimulatedHost {
  private session: (CurrentSession & { checkin: boolean; endedAt: Date | null }) | null = null;
  private readonly timers = new Map<string, PendingTimer>();
  private sessionsStarted = 0;
  status: PatientStatus = 'active';
  consented: boolean;
  /** An escalation is open: the care team holds the conversation until it is resolved. */
  staffHold = false;
  /** Every effect so far, in order, with the virtual time it happened. */
  readonly history: TimedEffect[] = [];
  /** A journey's care timeline: check-ins start as the service would start them. */
  timeline: SimTimeline | null = null;
  private replying = false;

  constructor(
    private readonly env: EngineEnv,
    readonly context: SessionContext,
    private clock: Date,
    options: SimOptions = {},
  ) {
    this.consented = options.consented ?? true;
    if (!this.consented) this.status = 'pending_consent';
  }

  get now(): Date {
    return this.clock;
  }

  get optedOut(): boolean {
    return this.status === 'opted_out';
  }

  get state(): SessionState | null {
    return this.session?.state ?? null;
  }

  pendingTimers(): PendingTimer[] {
    return [...this.timers.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Starts a conversation as the scheduler or staff would; one in progress is cancelled first. */
  start(conversationId: string): Effect[] {
    // What the service reads from its database at a start; a scenario's own vars win.
    this.scenarioVars ??= { ...(this.context.vars ?? {}) };
    const vars = { ...simulatedVars(this.history, this.clock, this.context.patient.language), ...this.scenarioVars };
    if (Object.keys(vars).length > 0) this.context.vars = vars;
    const cancelled = this.session?.state.status === 'active' ? this.cancel('another conversation started') : [];
    const event: PatientEvent = { type: 'start', conversationId, sessionId: this.nextSessionId(), checkinId: CHECKIN_CONVERSATIONS.has(conversationId) ? 'checkin' : null };
    return [...cancelled, ...this.run(event)];
  }

  reply(text: string): Effect[] {
    // Understood once, as the service does before the patient's transaction.
    const signals = analyseReply(text, this.env.vocabulary);
    this.replying = true;
    try {
      return this.run({ type: 'reply', text, signals, newSessionId: `s${this.sessionsStarted + 1}` });
    } finally {
      this.replying = false;
    }
  }

  /** Enrols the patient on a timeline (consent on file): the welcome text, then check-ins on schedule. */
  startJourney(settings: JourneySettings): Effect[] {
    this.timeline = new SimTimeline(settings, this.clock);
    const text = renderSystemMessage(this.env.messages, 'welcome', this.context.patient.language, this.context);
    return this.apply([{ type: 'send', text, purpose: 'system' }]);
  }

  /** Moves the virtual clock forward, firing due timers at their own times, in order. */
  advance(millis: number): Effect[] {
    const target = new Date(this.clock.getTime() + millis);
    const effects: Effect[] = [];
    for (;;) {
      const due = this.pendingTimers().find((t) => t.at.getTime() <= target.getTime());
      const busy = this.session?.state.status === 'active' || this.staffHold || this.status !== 'active';
      const checkin = this.timeline?.next && !busy && this.timeline.next.at.getTime() <= target.getTime() ? this.timeline.next.at : null;
      if (checkin && (!due || checkin.getTime() <= due.at.getTime())) {
        if (checkin.getTime() > this.clock.getTime()) this.clock = checkin;
        effects.push(...this.checkinDue());
        continue;
      }
      if (!due) break;
      this.timers.delete(due.key);
      if (due.at.getTime() > this.clock.getTime()) this.clock = due.at;
      effects.push(...this.run({ type: 'timer', key: due.key }));
    }
    this.clock = target;
    return effects;
  }

  cancel(reason: string): Effect[] {
    return this.run({ type: 'cancel', reason });
  }

  /**
   * Round-trips everything the service would store (the session, the timers,
   * the patient's context) through JSON, as a database would between events:
   * a state that does not survive it fails the scenario instead of production.
   */
  reload(): void {
    const stored = JSON.parse(JSON.stringify({ state: this.session?.state ?? null, timers: this.pendingTimers(), context: this.context })) as {
      state: SessionState | null;
      timers: { key: string; at: string }[];
      context: SessionContext;
    };
    if (this.session && stored.state) this.session.state = stored.state;
    this.timers.clear();
    for (const t of stored.timers) this.timers.set(t.key, { key: t.key, at: new Date(t.at) });
    Object.assign(this.context, stored.context);
  }

  /** Staff resolve the open escalation: the bot answers again. */
  resolveEscalation(): void {
    this.staffHold = false;
  }

  private checkinDue(): Effect[] {
    const busy = this.session?.state.status === 'active' || this.staffHold || this.status !== 'active';
    const due = this.timeline!.onDue(this.clock, busy);
    if (due.action !== 'start') return [];
    this.context.week = due.week;
    return this.start(due.kind);
  }

  private scenarioVars: Record<string, string | number> | null = null;

  private nextSessionId(): string {
    return `s${this.sessionsStarted + 1}`;
  }

  private facts(): PatientFacts {
    const last = this.session;
    const missed = last !== null && last.checkin && last.state.status === 'ended' && last.state.outcome === 'no_response' && last.endedAt !== null;
    const recent = missed && this.clock.getTime() - last.endedAt!.getTime() <= CATCH_UP_WINDOW_MS && last.state.frames[0]?.conversationId !== CATCH_UP;
    return {
      status: this.status,
      consentConfirmed: this.consented,
      context: this.session?.state.status === 'active' ? this.session.state.context : this.context,
      staffHold: this.staffHold,
      catchUp: recent && this.env.resolve(CATCH_UP) ? { conversationId: CATCH_UP, checkinId: 'checkin' } : null,
    };
  }

  private run(event: PatientEvent): Effect[] {
    const session = this.session ? { state: this.session.state, definition: this.session.definition } : null;
    const reaction = react(this.facts(), session, event, this.clock, this.env);
    const ended = this.keep(reaction);
    return this.apply([...reaction.effects, ...ended]);
  }

  /** Records the reaction's session; returns what the timeline adds when a session ends (the silence escalation). */
  private keep(reaction: Reaction): Effect[] {
    const { session: state, started } = reaction;
    if (!state) return [];
    if (started) {
      this.sessionsStarted += 1;
      this.session = { state, definition: this.env.resolve(started.hash), checkin: started.checkinId !== null, endedAt: null };
    } else if (this.session) {
      this.session.state = state;
    }
    if (this.session && state.status === 'ended' && this.session.endedAt === null) {
      this.session.endedAt = this.clock;
      // As the service does when a session ends: nothing of it stays pending.
      for (const timer of [...this.timers.values()]) if (timer.key.startsWith(`${state.sessionId}:`)) this.timers.delete(timer.key);
      const checkin = this.session.checkin ? { status: checkinStatusFor(state.outcome), catchUp: state.frames[0]?.conversationId === CATCH_UP } : null;
      if (this.timeline?.onSessionEnded(this.clock, checkin).escalate) return [{ type: 'escalate', urgency: 'routine', reason: NO_RESPONSE_REASON, category: 'no_response' }];
    }
    return [];
  }

  private apply(effects: Effect[]): Effect[] {
    // As the service's outbox: prompts wait for quiet hours to end, and a wait counts from its prompt's sending.
    let sentAt: Date | null = null;
    for (const effect of effects) {
      this.history.push({ at: this.clock, effect });
      switch (effect.type) {
        case 'send': {
          const immediate = this.replying || effect.purpose === 'safety' || !this.timeline;
          sentAt = immediate ? this.clock : nextSendableTime(this.clock, this.timeline!.settings.slot.timezone, this.timeline!.settings.quiet);
          break;
        }
        case 'scheduleTimer': {
          const at = effect.after && sentAt ? new Date(sentAt.getTime() + Duration.fromISO(effect.after).toMillis()) : new Date(effect.at);
          this.timers.set(effect.key, { key: effect.key, at });
          break;
        }
        case 'cancelTimer':
          this.timers.delete(effect.key);
          break;
        case 'updatePlan':
          if (effect.action !== undefined) this.context.plan.action = effect.action;
          if (effect.daysPerWeek !== undefined) this.context.plan.daysPerWeek = effect.daysPerWeek;
          if (effect.confidence !== undefined) this.context.plan.confidence = effect.confidence;
          break;
        case 'logDay':
          this.context.loggedDays = (this.context.loggedDays ?? 0) + 1;
          break;
        case 'escalate':
          this.staffHold = true;
          break;
        case 'optOut':
          this.status = 'opted_out';
          break;
        case 'optIn':
          this.status = this.consented ? 'active' : 'pending_consent';
          break;
        case 'consent':
          this.consented = true;
          if (this.status === 'pending_consent') this.status = 'active';
          break;
        default:
          break;
      }
    }
    return effects;
  }
}
