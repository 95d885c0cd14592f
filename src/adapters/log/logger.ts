// Structured JSON logs (pino). Health data never reaches a log in clear:
// phone numbers are masked wherever they appear, and message bodies are
// replaced by their length under the usual field names.
import { pino } from 'pino';
import type { Logger } from '../../app/ports.js';

export type { Logger } from '../../app/ports.js';

const BODY_KEYS = ['body', 'Body', 'text', 'message_body', 'triggerText', 'evidence'];
const PHONE_KEYS = ['phone', 'From', 'To', 'from', 'to'];

/** "+15555550123" -> "+1*******0123"; anything shorter than 7 digits is fully masked. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '***';
  return `+${digits.slice(0, 1)}${'*'.repeat(digits.length - 5)}${digits.slice(-4)}`;
}

/**
 * Identifiers that contain digit runs but are never phone numbers, kept intact:
 * UUIDs, Twilio/Slack-style SIDs (two letters and 32 hex digits), and long hex
 * strings (hashes) with at least one letter.
 */
const IDENTIFIER = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[A-Z]{2}[0-9a-f]{32}\b|\b(?=[0-9a-f]*[a-f])[0-9a-f]{20,}\b/gi;

function maskPhonesInPlain(text: string): string {
  return text
    .replace(/\+\d[\d\s().-]{6,}\d/g, (m) => maskPhone(m))
    .replace(/(?<![\d+])\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g, (m) => maskPhone(m));
}

/** Masks every phone-number-looking run inside free text, leaving identifiers (IDENTIFIER) intact. */
export function maskPhonesIn(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(IDENTIFIER)) {
    out += maskPhonesInPlain(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + maskPhonesInPlain(text.slice(last));
}

function scrub(value: unknown, key: string | undefined, depth: number): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') {
    if (key && BODY_KEYS.includes(key)) return `[${value.length} chars]`;
    if (key && PHONE_KEYS.includes(key)) return maskPhone(value);
    return maskPhonesIn(value);
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, key, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Error) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, k, depth + 1)]));
  }
  if (value instanceof Error) {
    return { type: value.name, message: maskPhonesIn(value.message), code: (value as { code?: unknown }).code };
  }
  return value;
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'careloop' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => scrub(obj, undefined, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a: unknown) => (typeof a === 'string' ? maskPhonesIn(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}
