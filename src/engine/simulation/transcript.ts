// One readable line per effect, for `careloop chat` and scenario failures.
import type { Effect } from '../effects.js';

export function describeEffect(effect: Effect): string {
  switch (effect.type) {
    case 'send':
      return `careloop> ${effect.text}${effect.purpose === 'prompt' || effect.purpose === 'reply' ? '' : `   [${effect.purpose}]`}`;
    case 'scheduleTimer':
      return `   (timer ${effect.kind} at ${effect.at})`;
    case 'cancelTimer':
      return `   (timer cancelled: ${effect.key})`;
    case 'recordResult':
      return `   [result ${effect.name} = ${JSON.stringify(effect.value)}${effect.category ? ` (${effect.category})` : ''}]`;
    case 'escalate':
      return `   [ESCALATE ${effect.urgency.toUpperCase()}: ${effect.reason}${effect.category ? ` (${effect.category})` : ''}]`;
    case 'conversationStarted':
      return `   [${effect.mode === 'call' ? 'calls' : 'hands off to'} ${effect.conversationId}]`;
    case 'updatePlan': {
      const { type: _type, ...changes } = effect;
      return `   [plan updated: ${JSON.stringify(changes)}]`;
    }
    case 'consent':
      return '   [consent confirmed]';
    case 'optOut':
      return '   [OPTED OUT]';
    case 'optIn':
      return '   [opted back in]';
    case 'logDay':
      return '   [day logged]';
    case 'end':
      return `   [conversation ended: ${effect.outcome}]`;
    case 'relayToStaff':
      return '   [relayed to the care team]';
  }
}
