// The pre-visit summary: a few plain sentences a clinician can paste into the
// chart, and the same numbers as data. Pure: takes the history, returns both.
import { z } from 'zod';

export interface WeekPoint {
  /** Program week, counting on across cycles. */
  week: number;
  daysDone: number | null;
  daysTarget: number;
  confidence: number | null;
  barrier: string | null;
  status: string;
}

export interface SummaryInput {
  action: string | null;
  daysPerWeek: number | null;
  weeks: WeekPoint[];
  /** Program weeks in which a setback conversation ran. */
  setbackWeeks: number[];
  openEscalations: number;
  planChanges: number;
}

export const summarySchema = z.object({
  weeks: z.object({ from: z.number(), to: z.number() }).nullable(),
  action: z.string().nullable(),
  daysTarget: z.number().nullable(),
  averageDays: z.number().nullable(),
  answeredWeeks: z.number(),
  noReplyWeeks: z.number(),
  trend: z.enum(['rising', 'falling', 'steady']).nullable(),
  confidence: z.object({ first: z.number(), last: z.number() }).nullable(),
  mainBarrier: z.object({ name: z.string(), weeks: z.number() }).nullable(),
  setbackWeeks: z.array(z.number()),
  openEscalations: z.number(),
  planChanges: z.number(),
  text: z.string(),
});
export type Summary = z.infer<typeof summarySchema>;

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** "3.5", "4" */
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
export const barrierName = (raw: string) => raw.replace(/[_-]+/g, ' ');

/** Rising or falling when the later half of answered weeks averages at least half a day more or less than the earlier half. */
function trendOf(days: number[]): Summary['trend'] {
  if (days.length < 4) return null;
  const half = Math.floor(days.length / 2);
  const diff = mean(days.slice(days.length - half)) - mean(days.slice(0, half));
  return diff >= 0.5 ? 'rising' : diff <= -0.5 ? 'falling' : 'steady';
}

function mainBarrier(weeks: WeekPoint[]): Summary['mainBarrier'] {
  const counts = new Map<string, number>();
  for (const w of weeks) if (w.barrier) counts.set(w.barrier, (counts.get(w.barrier) ?? 0) + 1);
  let best: Summary['mainBarrier'] = null;
  for (const [name, n] of counts) if (!best || n > best.weeks) best = { name: barrierName(name), weeks: n };
  return best;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export function summarise(input: SummaryInput): Summary {
  const weeks = input.weeks;
  const answered = weeks.filter((w) => w.daysDone !== null);
  const days = answered.map((w) => w.daysDone!);
  const confidences = weeks.map((w) => w.confidence).filter((c): c is number => c !== null);
  const range = weeks.length ? { from: weeks[0]!.week, to: weeks[weeks.length - 1]!.week } : null;
  const daysTarget = input.daysPerWeek ?? weeks[weeks.length - 1]?.daysTarget ?? null;
  const s: Omit<Summary, 'text'> = {
    weeks: range,
    action: input.action,
    daysTarget,
    averageDays: days.length ? round1(mean(days)) : null,
    answeredWeeks: answered.length,
    noReplyWeeks: weeks.filter((w) => w.status === 'no_response' || w.status === 'missed').length,
    trend: trendOf(days),
    confidence: confidences.length ? { first: confidences[0]!, last: confidences[confidences.length - 1]! } : null,
    mainBarrier: mainBarrier(weeks),
    setbackWeeks: input.setbackWeeks,
    openEscalations: input.openEscalations,
    planChanges: input.planChanges,
  };
  return { ...s, text: textOf(s) };
}

function textOf(s: Omit<Summary, 'text'>): string {
  if (!s.weeks) return 'No weekly check-ins yet.';
  const span = s.weeks.from === s.weeks.to ? `Week ${s.weeks.from}` : `Weeks ${s.weeks.from}-${s.weeks.to}`;
  const parts: string[] = [];
  const what = s.action ?? 'the plan';
  parts.push(s.averageDays === null ? `${what}: no days reported` : `${what} ${num(s.averageDays)} of ${s.daysTarget ?? '?'} days on average${s.trend ? `, ${s.trend}` : ''}`);
  if (s.confidence) parts.push(s.confidence.first === s.confidence.last ? `confidence ${s.confidence.last}` : `confidence ${s.confidence.first} → ${s.confidence.last}`);
  if (s.mainBarrier) parts.push(`main barrier: ${s.mainBarrier.name}, ${plural(s.mainBarrier.weeks, 'week', 'weeks')}`);
  const sw = s.setbackWeeks;
  parts.push(sw.length === 0 ? 'no setbacks' : sw.length === 1 ? `one setback in week ${sw[0]}` : `${sw.length} setbacks (weeks ${sw.join(', ')})`);
  if (s.noReplyWeeks > 0) parts.push(`no reply in ${plural(s.noReplyWeeks, 'week', 'weeks')}`);
  const lines = [`${span}: ${parts.join('; ')}.`];
  if (s.planChanges > 0) lines.push(`The plan changed ${s.planChanges === 1 ? 'once' : `${s.planChanges} times`}.`);
  if (s.openEscalations > 0) lines.push(`${plural(s.openEscalations, 'escalation is', 'escalations are')} open.`);
  return lines.join('\n');
}
