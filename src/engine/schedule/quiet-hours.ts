// Quiet hours in the patient's own timezone. Pure: time comes in as an argument.
import { DateTime } from 'luxon';

export interface QuietWindow {
  /** Local "HH:MM", inclusive. */
  start: string;
  /** Local "HH:MM", exclusive; may be earlier than start (the window wraps midnight). */
  end: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function isQuiet(now: Date, timezone: string, window: QuietWindow | null): boolean {
  if (!window) return false;
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const t = local.hour * 60 + local.minute;
  const s = minutesOf(window.start);
  const e = minutesOf(window.end);
  return s <= e ? t >= s && t < e : t >= s || t < e;
}

/** `now` when sending is allowed, otherwise the moment quiet hours end (local wall-clock time). */
export function nextSendableTime(now: Date, timezone: string, window: QuietWindow | null): Date {
  if (!window || !isQuiet(now, timezone, window)) return now;
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const e = minutesOf(window.end);
  let end = local.set({ hour: Math.floor(e / 60), minute: e % 60, second: 0, millisecond: 0 });
  if (end <= local) end = end.plus({ days: 1 });
  return end.toJSDate();
}
