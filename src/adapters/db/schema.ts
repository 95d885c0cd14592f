// The one Database interface: a row type per table, matching migrations/.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns come back as strings (see the type parser in connect.ts). */
type DateOnly = ColumnType<string, string, string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface CareTeamsTable {
  id: Generated<string>;
  name: string;
  slack_channel: string | null;
  urgent_mention: string | null;
  is_default: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export type PatientStatus = 'pending_consent' | 'active' | 'paused' | 'opted_out';

export interface PatientsTable {
  id: string;
  phone: string;
  name: string;
  label: string;
  timezone: string;
  language: 'en' | 'es';
  status: PatientStatus;
  consent: 'pending' | 'confirmed' | 'revoked';
  consent_at: Timestamp | null;
  consent_source: 'staff' | 'patient_sms' | 'api' | null;
  care_team_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionPlansTable {
  id: string;
  patient_id: string;
  version: number;
  action: string;
  days_per_week: number;
  confidence: number;
  start_date: DateOnly;
  source: Generated<'staff' | 'patient_sms' | 'api'>;
  created_at: Timestamp;
  superseded_at: Timestamp | null;
}

export type CheckinKind = 'weekly-checkin' | 'refine' | 'reassess';

export interface EnrollmentsTable {
  patient_id: string;
  checkin_weekday: number;
  checkin_time: string;
  cycle: Generated<number>;
  cycle_start: DateOnly;
  next_checkin_at: Timestamp | null;
  next_checkin_week: number | null;
  next_checkin_kind: CheckinKind | null;
  consecutive_no_response: Generated<number>;
  updated_at: Timestamp;
}

export interface ConversationVersionsTable {
  hash: string;
  conversation_id: string;
  version: number;
  definition: Json;
  created_at: Generated<Timestamp>;
}

export interface ConversationSessionsTable {
  id: string;
  patient_id: string;
  conversation_id: string;
  definition_hash: string;
  status: 'active' | 'ended';
  current_step: string | null;
  state: Json;
  variables: Json<Record<string, unknown>>;
  outcome: string | null;
  checkin_id: string | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface ConversationTimersTable {
  key: string;
  session_id: string;
  patient_id: string;
  kind: 'remind' | 'timeout' | 'expire';
  fire_at: Timestamp;
  status: Generated<'pending' | 'fired' | 'cancelled'>;
  created_at: Generated<Timestamp>;
  /** The prompt a reminder or timeout counts from (null: counted from when it was scheduled). */
  anchor_message_id: Generated<string | null>;
  /** The wait after that prompt is sent, in milliseconds. */
  wait_ms: Generated<string | null>;
}

export type CheckinStatus = 'in_progress' | 'completed' | 'no_response' | 'missed' | 'escalated' | 'cancelled';

export interface CheckinsTable {
  id: string;
  patient_id: string;
  cycle: number;
  week: number;
  kind: CheckinKind | 'manual';
  plan_id: string | null;
  week_start: DateOnly;
  scheduled_for: Timestamp;
  status: CheckinStatus;
  days_done: number | null;
  days_target: number;
  confidence: number | null;
  barrier: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConversationResultsTable {
  id: string;
  session_id: string;
  patient_id: string;
  checkin_id: string | null;
  name: string;
  value: Json;
  category: string | null;
  input: string | null;
  created_at: Timestamp;
}

export interface DailyLogsTable {
  patient_id: string;
  local_date: DateOnly;
  created_at: Timestamp;
}

export type EscalationStatus = 'open' | 'claimed' | 'resolved';

export interface EscalationsTable {
  id: string;
  patient_id: string;
  session_id: string | null;
  trigger_message_id: string | null;
  urgency: 'urgent' | 'routine';
  reason: string;
  category: string | null;
  status: EscalationStatus;
  slack_channel: string | null;
  slack_ts: string | null;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  first_reply_at: Timestamp | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  resolution_note: string | null;
  reposted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MessageStatus =
  | 'received' | 'queued' | 'deferred' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'simulated' | 'suppressed';

export interface MessagesTable {
  id: string;
  patient_id: string | null;
  direction: 'inbound' | 'outbound';
  body: string;
  author: 'patient' | 'bot' | 'staff' | 'system';
  purpose: string | null;
  provider_sid: string | null;
  status: MessageStatus;
  error_code: string | null;
  session_id: string | null;
  escalation_id: string | null;
  staff_name: string | null;
  num_media: Generated<number>;
  /** Monotonic write order (a bigint, read as a string): the order texts were written. */
  seq: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  seq: Generated<string>;
  kind: 'sms' | 'slack';
  patient_id: string | null;
  message_id: string | null;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  status: Generated<'pending' | 'done' | 'failed'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AttemptOutcome = 'pending' | 'accepted' | 'rejected' | 'unknown' | 'absent';

/** One try at handing a text to the provider (see migrations/2026-12-01T2100_sms_attempts.ts). */
export interface SmsAttemptsTable {
  id: string;
  message_id: string;
  outbox_id: string;
  started_at: Timestamp;
  /** pending: being sent or the process died; unknown: no clear answer; absent: the provider has no such text. */
  outcome: AttemptOutcome;
  provider_sid: string | null;
  error_code: string | null;
  settled_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  action: string;
  patient_id: string | null;
  details: Json<Record<string, unknown>>;
}

/** The next free send slot of a rate-limited channel, shared by every instance. */
export interface SendRateLimitsTable {
  name: string;
  next_slot: Timestamp;
}

export type StaffRole = 'viewer' | 'nurse' | 'admin';

export interface StaffTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string | null;
  must_change_password: Generated<boolean>;
  oidc_subject: string | null;
  slack_user_id: string | null;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffCareTeamsTable {
  staff_id: string;
  care_team_id: string;
  created_at: Timestamp;
}

export interface StaffSessionsTable {
  id_hash: string;
  staff_id: string | null;
  csrf_token: string;
  oidc_pending: Json<{ state: string; nonce: string; verifier: string; next: string }> | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface StaffApiTokensTable {
  id: Generated<string>;
  staff_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  key: string;
  at: Timestamp;
}

export interface StaffInboxTable {
  id: Generated<string>;
  patient_id: string;
  message_id: string | null;
  reason: string;
  status: Generated<'open' | 'handled'>;
  created_at: Timestamp;
  handled_by: string | null;
  handled_at: Timestamp | null;
}

export interface Database {
  care_teams: CareTeamsTable;
  patients: PatientsTable;
  action_plans: ActionPlansTable;
  enrollments: EnrollmentsTable;
  conversation_versions: ConversationVersionsTable;
  conversation_sessions: ConversationSessionsTable;
  conversation_timers: ConversationTimersTable;
  checkins: CheckinsTable;
  conversation_results: ConversationResultsTable;
  daily_logs: DailyLogsTable;
  escalations: EscalationsTable;
  messages: MessagesTable;
  outbox: OutboxTable;
  sms_attempts: SmsAttemptsTable;
  audit_log: AuditLogTable;
  send_rate_limits: SendRateLimitsTable;
  staff: StaffTable;
  staff_care_teams: StaffCareTeamsTable;
  staff_sessions: StaffSessionsTable;
  staff_api_tokens: StaffApiTokensTable;
  login_attempts: LoginAttemptsTable;
  staff_inbox: StaffInboxTable;
}

export type PatientRow = Selectable<PatientsTable>;
export type NewPatient = Insertable<PatientsTable>;
export type PatientUpdate = Updateable<PatientsTable>;
