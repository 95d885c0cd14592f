// What each interrupt does to a session in progress.
import { OUTCOMES } from '../effects.js';
import { bystanderReason, humanReason, MOOD_CHECK, urgentReason, type Interrupt } from '../interrupts.js';
import { recordIfUnderstood } from './reply.js';
import { continueAt, endSession, handOff, leaveWait } from './flow.js';
import { saySystem, topFrame, type Run } from './run.js';

export function applyInterrupt(run: Run, interrupt: Interrupt, text: string): void {
  switch (interrupt.kind) {
    case 'urgent':
      saySystem(run, interrupt.category === 'self_harm' ? 'safety_self_harm' : 'safety_urgent', 'safety');
      run.effects.push({ type: 'escalate', urgency: 'urgent', reason: urgentReason(interrupt.category), category: interrupt.category, triggerText: text });
      endSession(run, OUTCOMES.escalatedUrgent);
      return;
    case 'bystander':
      saySystem(run, 'safety_bystander', 'safety');
      recordIfUnderstood(run, text);
      // Urgent: a carer texting about "dad" may be telling us of the patient's own emergency.
      run.effects.push({ type: 'escalate', urgency: 'urgent', reason: bystanderReason(interrupt.category), category: interrupt.category, triggerText: text });
      endSession(run, OUTCOMES.escalatedUrgent);
      return;
    case 'opt_out':
      run.effects.push({ type: 'optOut' });
      saySystem(run, 'opt_out_confirmation', 'system');
      endSession(run, OUTCOMES.optedOut);
      return;
    case 'help':
      // The session keeps waiting where it was; its timers stay as they are.
      saySystem(run, 'help', 'system');
      return;
    case 'human':
      // "3 days, and my new pill makes me dizzy": the count is kept, and a person sees the rest.
      recordIfUnderstood(run, text);
      run.effects.push({ type: 'escalate', urgency: 'routine', reason: humanReason(interrupt.category), category: interrupt.category, triggerText: text });
      saySystem(run, 'human_ack', 'reply');
      endSession(run, OUTCOMES.escalatedRoutine);
      return;
    case 'low_mood': {
      if (!run.env.resolve(MOOD_CHECK)) {
        applyInterrupt(run, { kind: 'human', category: 'other', evidence: interrupt.evidence }, text);
        return;
      }
      leaveWait(run, topFrame(run));
      continueAt(run, handOff(run, MOOD_CHECK, true));
      return;
    }
  }
}
