// Without Slack, escalations are printed here (and are listed by the API).
// Only the pseudonymous label and the reason: never a phone number.
import type { Db } from '../db/connect.js';
import { findEscalation } from '../db/repositories/escalations.js';
import { findPatientById } from '../db/repositories/patients.js';
import type { StaffChannel, StaffJob } from '../../app/staff-outbox.js';

export class ConsoleStaffChannel implements StaffChannel {
  constructor(
    private readonly db: Db,
    private readonly print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  async deliver(job: StaffJob): Promise<void> {
    const escalation = await findEscalation(this.db, job.escalationId);
    if (!escalation) return;
    const patient = await findPatientById(this.db, escalation.patient_id);
    const who = patient?.label ?? 'unknown patient';
    const what = job.type === 'relay.patient' ? 'new text from patient' : escalation.reason;
    this.print(`[escalation ${escalation.urgency.toUpperCase()}] ${who}: ${what} (GET /api/escalations?patientId=${escalation.patient_id})`);
  }
}
