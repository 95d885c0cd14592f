// Durations people type in scenarios and in `careloop chat`: "2d", "4h",
// "30m", "1w", "1d 6h", or ISO-8601 ("PT4H").
import { Duration } from 'luxon';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^P/i.test(trimmed)) {
    const iso = Duration.fromISO(trimmed.toUpperCase());
    return iso.isValid ? iso.toMillis() : null;
  }
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/gi)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[(p[2] ?? '').toLowerCase()] ?? 0), 0);
}
