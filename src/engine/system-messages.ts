// Messages the engine and host send outside any script (compliance keywords,
// safety, fallbacks), loaded from conversations/messages.yaml so the care team
// can word them. Validated like dialogue texts: both languages, known
// variables, at most 2 SMS segments.
import { z } from 'zod';
import { localizedText, type Lang } from './definition/schema.js';
import { renderTemplate } from './template.js';
import type { Value } from './context.js';

export const SYSTEM_MESSAGE_KEYS = [
  'opt_out_confirmation',
  'opt_in_confirmation',
  'help',
  'safety_urgent',
  'safety_self_harm',
  'human_ack',
  'idle_fallback',
  'daily_log_ack',
  'unknown_sender',
  'welcome',
  'welcome_back',
  'paused',
  'reply_ack',
  'safety_bystander',
  'unreadable_ack',
  'closing_ack',
] as const;

export type SystemMessageKey = (typeof SYSTEM_MESSAGE_KEYS)[number];

export const systemMessagesSchema = z.strictObject(
  Object.fromEntries(SYSTEM_MESSAGE_KEYS.map((key) => [key, localizedText])) as Record<SystemMessageKey, typeof localizedText>,
);

export type SystemMessages = z.infer<typeof systemMessagesSchema>;

/** Variables a system message may use. unknown_sender knows nobody, so it gets none. */
export function systemMessageVariables(key: SystemMessageKey): string[] {
  return key === 'unknown_sender' ? [] : ['patient.firstName', 'careTeam.name', 'careTeam.phone'];
}

export interface SystemMessageVars {
  patient?: { firstName: string };
  careTeam?: { name: string; phone?: string };
}

export function renderSystemMessage(messages: SystemMessages, key: SystemMessageKey, lang: Lang, vars: SystemMessageVars = {}): string {
  const values: Record<string, Value | undefined> = {
    'patient.firstName': vars.patient?.firstName,
    'careTeam.name': vars.careTeam?.name,
    'careTeam.phone': vars.careTeam?.phone,
  };
  return renderTemplate(messages[key][lang], (name) => values[name], lang);
}
