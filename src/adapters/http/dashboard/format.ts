// Small display helpers shared by the dashboard pages.
import { DateTime } from 'luxon';

/** "45 min", "3 h", "2 d" */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 48 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

export const age = (from: Date, now: Date) => duration(Math.round((now.getTime() - from.getTime()) / 1000));

export const when = (at: Date | null, zone = 'UTC') => (at ? DateTime.fromJSDate(at, { zone }).toFormat('yyyy-LL-dd HH:mm') : '—');

/** Twilio error codes careloop sees on failed texts, in words. */
export function deliveryProblem(code: string | number | null): string {
  switch (String(code ?? '')) {
    case '30006':
      return 'landline or unreachable carrier';
    case '30003':
      return 'phone unreachable';
    case '30005':
      return 'unknown number';
    case '21211':
    case '21614':
      return 'invalid or not a mobile number';
    case '30007':
      return 'blocked by the carrier';
    case '21610':
      return 'patient opted out';
    case '':
      return 'failed';
    default:
      return `error ${code}`;
  }
}
