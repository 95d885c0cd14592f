// Care-team limits on single patients: a patient outside the member's teams
// is "not found" to them (not "forbidden"), so ids reveal nothing.
import type { Executor } from '../../adapters/db/connect.js';
import { findPatientById } from '../../adapters/db/repositories/patients.js';
import type { PatientRow } from '../../adapters/db/schema.js';
import { notFound } from '../errors.js';
import { requirePermission, seesPatient, type Permission, type Principal } from './principal.js';

export async function visiblePatient(db: Executor, principal: Principal, patientId: string, permission: Permission = 'read'): Promise<PatientRow> {
  const patient = await findPatientById(db, patientId);
  if (!patient || !seesPatient(principal.scope, patient.care_team_id)) throw notFound('patient');
  requirePermission(principal, permission);
  return patient;
}
