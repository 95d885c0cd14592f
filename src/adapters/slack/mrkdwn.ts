// Text helpers for Slack's mrkdwn: escaping (so a patient's text can never
// mention @channel or fake a link), truncation, redaction, and the reverse:
// a staff member's Slack message turned into plain SMS text.

/** Escapes the three characters Slack treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Quotes (possibly multi-line) text as a mrkdwn block quote. */
export function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/**
 * Removes every part of the patient's name (e.g. a greeting "Hi Maria!" in a
 * bot text) from text careloop wrote. Patients' own words are not changed.
 */
export function redactName(text: string, name: string): string {
  let out = text;
  for (const part of name.split(/\s+/).filter((p) => p.length >= 2)) {
    const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'giu'), '[name]');
  }
  return out;
}

/**
 * A Slack message as plain text for SMS: links become their text (or URL),
 * user and channel mentions are dropped to their visible name, entities unescaped.
 */
export function slackToPlainText(text: string): string {
  return text
    .replace(/<([@#!][^>|]*)\|([^>]+)>/g, '$2')
    .replace(/<[@#!][^>]*>/g, '')
    .replace(/<(?:mailto:|tel:)?([^>|]+)\|([^>]+)>/g, (_m, url: string, label: string) => (label === url ? label : `${label} (${url})`))
    .replace(/<(?:mailto:|tel:)?([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
