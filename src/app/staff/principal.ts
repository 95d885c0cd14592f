// Who is asking, what their role lets them do, and which patients they see.
// Pure: no I/O. Every route and use-case that reads or changes patients takes a
// Principal and asks these functions, so the rules live in one place.
import type { StaffRole } from '../../adapters/db/schema.js';
import { AppError } from '../errors.js';

export type Role = StaffRole;
export const ROLES: readonly Role[] = ['viewer', 'nurse', 'admin'];

/** read: see patients; act: change a patient, reply, claim; export: CSV exports; manage: staff and care teams. */
export type Permission = 'read' | 'act' | 'export' | 'manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  nurse: ['read', 'act', 'export'],
  admin: ['read', 'act', 'export', 'manage'],
};

export interface PatientScope {
  /** null: every care team (admins and the shared API token). */
  teamIds: string[] | null;
  /** Patients with no care team belong to the default team's members. */
  unassigned: boolean;
}

export interface Principal {
  /** null for the shared API_TOKEN. */
  staffId: string | null;
  email: string | null;
  name: string;
  role: Role;
  /** Written to the audit log: "staff:<email>", or "api" for the shared token. */
  actor: string;
  scope: PatientScope;
  mustChangePassword: boolean;
}

export const staffActor = (email: string) => `staff:${email}`;

export function can(principal: Principal, permission: Permission): boolean {
  return GRANTS[principal.role].includes(permission);
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!can(principal, permission)) throw new AppError('forbidden', `a ${principal.role} cannot do this (needs ${permission})`);
}

export function seesPatient(scope: PatientScope, careTeamId: string | null): boolean {
  if (scope.teamIds === null) return true;
  return careTeamId === null ? scope.unassigned : scope.teamIds.includes(careTeamId);
}

/** Builds a member's scope: admins see everyone; others see their teams (and unassigned patients if in the default team). */
export function scopeFor(role: Role, teamIds: string[], defaultTeamId: string | null): PatientScope {
  if (role === 'admin') return { teamIds: null, unassigned: true };
  return { teamIds, unassigned: defaultTeamId !== null && teamIds.includes(defaultTeamId) };
}

/** The shared API_TOKEN: full access, audited as "api". */
export const serviceAccount: Principal = Object.freeze({
  staffId: null,
  email: null,
  name: 'API token',
  role: 'admin',
  actor: 'api',
  scope: Object.freeze({ teamIds: null, unassigned: true }) as PatientScope,
  mustChangePassword: false,
});
