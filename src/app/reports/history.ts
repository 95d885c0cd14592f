// One patient's history for the dashboard and the summary API: weeks, plan
// changes, barriers and ideas, setbacks, mood screens, escalations.
import type { Db } from '../../adapters/db/connect.js';
import { findCareTeam } from '../../adapters/db/repositories/care-teams.js';
import { chosenIdeas, messagePage, patientEscalations, planVersions, sessionsOf, weeklyCheckins } from '../../adapters/db/repositories/history.js';
import { visiblePatient } from '../staff/access.js';
import type { Principal } from '../staff/principal.js';
import { summarise, type Summary, type WeekPoint } from './summary.js';

type Numbered = { cycle: number | null; week: number | null };

/** Program weeks count on across cycles: cycle 2 week 1 follows the last week of cycle 1. */
function programWeeks(rows: { cycle: number; week: number }[]): (r: Numbered) => number | null {
  const maxWeek = new Map<number, number>();
  for (const r of rows) maxWeek.set(r.cycle, Math.max(maxWeek.get(r.cycle) ?? 0, r.week));
  const offsets = new Map<number, number>();
  let offset = 0;
  for (const cycle of [...maxWeek.keys()].sort((a, b) => a - b)) {
    offsets.set(cycle, offset);
    offset += maxWeek.get(cycle)!;
  }
  return (r) => (r.cycle === null || r.week === null ? null : (offsets.get(r.cycle) ?? offset) + r.week);
}

const seconds = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 1000) : null);

export async function patientHistory(db: Db, principal: Principal, patientId: string) {
  const patient = await visiblePatient(db, principal, patientId);
  const [checkins, plans, ideas, sessions, escalations, team] = await Promise.all([
    weeklyCheckins(db, patientId),
    planVersions(db, patientId),
    chosenIdeas(db, patientId),
    sessionsOf(db, patientId, ['setback', 'mood-check']),
    patientEscalations(db, patientId),
    patient.care_team_id ? findCareTeam(db, patient.care_team_id) : Promise.resolve(undefined),
  ]);
  const weekOf = programWeeks(checkins);
  const weeks: (WeekPoint & { weekStart: string; kind: string })[] = checkins.map((c) => ({
    week: weekOf(c)!,
    weekStart: c.week_start,
    kind: c.kind,
    daysDone: c.days_done,
    daysTarget: c.days_target,
    confidence: c.confidence,
    barrier: c.barrier,
    status: c.status,
  }));
  const current = plans.find((p) => p.superseded_at === null) ?? plans[plans.length - 1] ?? null;
  const setbacks = sessions.filter((s) => s.conversation_id === 'setback').map((s) => ({ week: weekOf(s), at: s.started_at, outcome: s.outcome }));
  const moods = sessions.filter((s) => s.conversation_id === 'mood-check').map((s) => ({ week: weekOf(s), at: s.started_at, outcome: s.outcome }));
  const summary: Summary = summarise({
    action: current?.action ?? null,
    daysPerWeek: current?.days_per_week ?? null,
    weeks,
    setbackWeeks: [...new Set(setbacks.map((s) => s.week).filter((w): w is number => w !== null))],
    openEscalations: escalations.filter((e) => e.status !== 'resolved').length,
    planChanges: Math.max(0, plans.length - 1),
  });
  return {
    patient: { id: patient.id, name: patient.name, label: patient.label, status: patient.status, language: patient.language, timezone: patient.timezone, careTeam: team?.name ?? null },
    plan: current ? { action: current.action, daysPerWeek: current.days_per_week, confidence: current.confidence, version: current.version } : null,
    weeks,
    plans: plans.map((p) => ({ version: p.version, action: p.action, daysPerWeek: p.days_per_week, confidence: p.confidence, startDate: p.start_date, source: p.source, at: p.created_at })),
    ideas: ideas.map((i) => ({ name: i.name, idea: i.category ?? (typeof i.value === 'string' ? i.value : JSON.stringify(i.value)), week: weekOf(i), at: i.created_at })),
    setbacks,
    moods,
    escalations: escalations.map((e) => ({
      id: e.id,
      urgency: e.urgency,
      reason: e.reason,
      status: e.status,
      claimedBy: e.claimed_by,
      createdAt: e.created_at,
      secondsToClaim: seconds(e.created_at, e.claimed_at),
      secondsToFirstReply: seconds(e.created_at, e.first_reply_at),
      resolvedAt: e.resolved_at,
    })),
    summary,
  };
}

export type PatientHistory = Awaited<ReturnType<typeof patientHistory>>;

export const TRANSCRIPT_PAGE = 50;

export async function transcriptPage(db: Db, principal: Principal, patientId: string, page: number) {
  await visiblePatient(db, principal, patientId);
  const { rows, total } = await messagePage(db, patientId, page, TRANSCRIPT_PAGE);
  return { page, pages: Math.max(1, Math.ceil(total / TRANSCRIPT_PAGE)), total, messages: rows };
}
