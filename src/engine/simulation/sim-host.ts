// An in-memory host around the pure engine, with a virtual clock: what the
// real service does (per-patient session, timers table, opt-out flag, plan
// updates, idle replies), minus the database and SMS. Used by `careloop chat`,
// `careloop test` and the scenario tests. Nothing here reads the real clock.
import type { SessionContext } from '../context.js';
import type { LoadedDefinition } from '../definition/schema.js';
import type { Effect, EngineEnv, EngineEvent } from '../effects.js';
import { handleIdleReply } from '../idle-reply.js';
import type { SessionState } from '../session.js';
import { step } from '../step.js';
import { renderSystemMessage } from '../system-messages.js';
import { analyseReply } from '../understanding/index.js';

export interface TimedEffect {
  at: Date;
  effect: Effect;
}

interface PendingTimer {
  key: string;
  at: Date;
}

export class SimulatedHost {
  private session: { definition: LoadedDefinition; state: SessionState } | null = null;
  private readonly timers = new Map<string, PendingTimer>();
  private sessionsStarted = 0;
  optedOut = false;
  consented = false;
  /** Every effect so far, in order, with the virtual time it happened. */
  readonly history: TimedEffect[] = [];

  constructor(
    private readonly env: EngineEnv,
    readonly context: SessionContext,
    private clock: Date,
  ) {}

  get now(): Date {
    return this.clock;
  }

  get state(): SessionState | null {
    return this.session?.state ?? null;
  }

  pendingTimers(): PendingTimer[] {
    return [...this.timers.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  start(conversationId: string): Effect[] {
    const definition = this.env.resolve(conversationId);
    if (!definition) throw new Error(`unknown conversation "${conversationId}"`);
    if (this.session?.state.status === 'active') this.run({ type: 'cancel', reason: 'another conversation started' });
    this.sessionsStarted += 1;
    const context = structuredClone(this.context);
    const result = step(definition, null, { type: 'start', sessionId: `s${this.sessionsStarted}`, context }, this.clock, this.env);
    this.session = { definition, state: result.state };
    return this.apply(result.effects);
  }

  reply(text: string): Effect[] {
    if (this.optedOut) return this.replyWhileOptedOut(text);
    if (this.session?.state.status === 'active') return this.run({ type: 'reply', text });
    const effects = this.apply(handleIdleReply(text, this.context, this.env));
    const handoff = effects.find((e) => e.type === 'conversationStarted');
    return handoff ? [...effects, ...this.start(handoff.conversationId)] : effects;
  }

  /** Moves the virtual clock forward, firing due timers at their own times, in order. */
  advance(millis: number): Effect[] {
    const target = new Date(this.clock.getTime() + millis);
    const effects: Effect[] = [];
    for (;;) {
      const due = this.pendingTimers().find((t) => t.at.getTime() <= target.getTime());
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

  /** Opt-in is the host's decision: only START/UNSTOP/YES re-subscribe; HELP is still answered. */
  private replyWhileOptedOut(text: string): Effect[] {
    const { keyword } = analyseReply(text, this.env.vocabulary);
    const lang = this.context.patient.language;
    if (keyword === 'opt_in') {
      const message = renderSystemMessage(this.env.messages, 'opt_in_confirmation', lang, this.context);
      return this.apply([{ type: 'optIn' }, { type: 'send', text: message, purpose: 'system' }]);
    }
    if (keyword === 'help') return this.apply([{ type: 'send', text: renderSystemMessage(this.env.messages, 'help', lang, this.context), purpose: 'system' }]);
    return [];
  }

  private run(event: EngineEvent): Effect[] {
    if (!this.session) return [];
    const result = step(this.session.definition, this.session.state, event, this.clock, this.env);
    this.session.state = result.state;
    return this.apply(result.effects);
  }

  private apply(effects: Effect[]): Effect[] {
    for (const effect of effects) {
      this.history.push({ at: this.clock, effect });
      switch (effect.type) {
        case 'scheduleTimer':
          this.timers.set(effect.key, { key: effect.key, at: new Date(effect.at) });
          break;
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
        case 'optOut':
          this.optedOut = true;
          break;
        case 'optIn':
          this.optedOut = false;
          break;
        case 'consent':
          this.consented = true;
          break;
        default:
          break;
      }
    }
    return effects;
  }
}
