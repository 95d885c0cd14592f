// Claim-then-work for due rows: one transaction claims one row (FOR UPDATE
// SKIP LOCKED), takes the patient's advisory lock without waiting, and does
// the patient's work, so the claim and the work commit (or roll back)
// together and every due row is handled exactly once across instances.
//
// Like withPatient (patient-tx.ts), but the transaction starts with the
// claim, and a patient whose lock is taken is skipped for this run rather
// than waited for: the claim already holds a row lock, and waiting for the
// patient lock as well could deadlock with a request that holds the patient
// lock and then touches that row.
import type { Tx } from '../../adapters/db/connect.js';
import { findPatientById } from '../../adapters/db/repositories/patients.js';
import { tryLockPatient } from '../../adapters/db/repositories/schedule.js';
import type { CoreDeps } from '../deps.js';
import type { PatientTx } from '../patient-tx.js';

export type Attempt<R> = { kind: 'none' } | { kind: 'skipped'; patientId: string } | { kind: 'done'; patientId: string; result: R };

/** Claims one due row for a patient not in `skip`; undefined when nothing is due. */
export type Claim<T> = (tx: Tx, now: Date, skip: readonly string[]) => Promise<T | undefined>;

/**
 * Coordinates the workers of one run in one process: claims run one at a
 * time and leave out patients another worker is on, so a patient's lock can
 * only be taken by someone else (another instance, an inbound text); such a
 * patient, and one whose row the work left due, waits for the next run.
 */
export class ClaimGate {
  private readonly skipped = new Set<string>();
  private readonly inFlight = new Set<string>();
  private turn: Promise<unknown> = Promise.resolve();

  claim<T>(tx: Tx, now: Date, claim: Claim<T>, patientOf: (claimed: T) => string): Promise<T | undefined> {
    const mine = this.turn.then(async () => {
      const claimed = await claim(tx, now, [...this.skipped, ...this.inFlight]);
      if (claimed !== undefined) this.inFlight.add(patientOf(claimed));
      return claimed;
    });
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  release(patientId: string, again: boolean): void {
    this.inFlight.delete(patientId);
    if (!again) this.skipped.add(patientId);
  }
}

export async function claimAndRun<T, R>(
  deps: CoreDeps,
  gate: ClaimGate,
  claim: Claim<T>,
  patientOf: (claimed: T) => string,
  work: (ctx: PatientTx, claimed: T) => Promise<R>,
): Promise<Attempt<R>> {
  const now = deps.clock.now();
  // Written inside the transaction callback, read after it.
  const held: { patientId: string | null; ctx: PatientTx | null } = { patientId: null, ctx: null };
  try {
    const attempt = await deps.db.transaction().execute(async (tx): Promise<Attempt<R>> => {
      const claimed = await gate.claim(tx, now, claim, patientOf);
      if (claimed === undefined) return { kind: 'none' };
      const patientId = patientOf(claimed);
      held.patientId = patientId;
      if (!(await tryLockPatient(tx, patientId))) return { kind: 'skipped', patientId };
      const patient = await findPatientById(tx, patientId);
      if (!patient) return { kind: 'skipped', patientId };
      const ctx: PatientTx = { tx, deps, patient, now, replying: false, suppressKeywordReplies: false, queued: { sms: 0, urgent: false, slack: 0, lastSms: null } };
      held.ctx = ctx;
      return { kind: 'done', patientId, result: await work(ctx, claimed) };
    });
    if (held.ctx && (held.ctx.queued.sms > 0 || held.ctx.queued.slack > 0)) deps.wake();
    return attempt;
  } catch (err) {
    // One patient's failure (rolled back) must not stop the others; it is retried next tick.
    if (held.patientId === null) throw err;
    deps.logger.error({ err, patientId: held.patientId }, 'scheduled work failed; will retry next tick');
    return { kind: 'skipped', patientId: held.patientId };
  }
}

/**
 * Runs `attempt` from `workers` concurrent loops until nothing is due or
 * `limit` rows were handled. `settled` false means the work left the row due:
 * that patient is not claimed again in this run.
 */
export async function runClaims<R>(
  workers: number,
  limit: number,
  attempt: (gate: ClaimGate) => Promise<Attempt<R>>,
  settled: (result: R) => boolean = () => true,
): Promise<R[]> {
  const gate = new ClaimGate();
  const results: R[] = [];
  let handled = 0;
  const loop = async (): Promise<void> => {
    while (handled < limit) {
      const next = await attempt(gate);
      if (next.kind === 'none') return;
      if (next.kind === 'skipped') {
        gate.release(next.patientId, false);
        continue;
      }
      handled += 1;
      results.push(next.result);
      gate.release(next.patientId, settled(next.result));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, loop));
  return results;
}
