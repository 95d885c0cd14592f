// The initial careloop schema. Frozen in time: never import from src/, never
// edit after release; change the schema with a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE care_teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      slack_channel text,
      urgent_mention text,
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX care_teams_one_default ON care_teams (is_default) WHERE is_default;

    CREATE TABLE patients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      phone text NOT NULL UNIQUE CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      label text NOT NULL UNIQUE,
      timezone text NOT NULL,
      language text NOT NULL CHECK (language IN ('en', 'es')),
      status text NOT NULL CHECK (status IN ('pending_consent', 'active', 'paused', 'opted_out')),
      consent text NOT NULL CHECK (consent IN ('pending', 'confirmed', 'revoked')),
      consent_at timestamptz,
      consent_source text CHECK (consent_source IN ('staff', 'patient_sms', 'api')),
      care_team_id uuid REFERENCES care_teams (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE action_plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patients (id),
      version integer NOT NULL CHECK (version >= 1),
      action text NOT NULL CHECK (length(action) BETWEEN 1 AND 160),
      days_per_week integer NOT NULL CHECK (days_per_week BETWEEN 1 AND 7),
      confidence integer NOT NULL CHECK (confidence BETWEEN 0 AND 10),
      start_date date NOT NULL,
      source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'patient_sms', 'api')),
      created_at timestamptz NOT NULL DEFAULT now(),
      superseded_at timestamptz,
      UNIQUE (patient_id, version)
    );
    CREATE UNIQUE INDEX action_plans_one_current ON action_plans (patient_id) WHERE superseded_at IS NULL;

    CREATE TABLE enrollments (
      patient_id uuid PRIMARY KEY REFERENCES patients (id),
      checkin_weekday integer NOT NULL CHECK (checkin_weekday BETWEEN 1 AND 7),
      checkin_time text NOT NULL CHECK (checkin_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      cycle integer NOT NULL DEFAULT 1 CHECK (cycle >= 1),
      cycle_start date NOT NULL,
      next_checkin_at timestamptz,
      next_checkin_week integer,
      next_checkin_kind text CHECK (next_checkin_kind IN ('weekly-checkin', 'refine', 'reassess')),
      consecutive_no_response integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX enrollments_due ON enrollments (next_checkin_at) WHERE next_checkin_at IS NOT NULL;

    CREATE TABLE conversation_versions (
      hash text PRIMARY KEY,
      conversation_id text NOT NULL,
      version integer NOT NULL,
      definition jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE conversation_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patients (id),
      conversation_id text NOT NULL,
      definition_hash text NOT NULL REFERENCES conversation_versions (hash),
      status text NOT NULL CHECK (status IN ('active', 'ended')),
      current_step text,
      state jsonb NOT NULL,
      variables jsonb NOT NULL DEFAULT '{}'::jsonb,
      outcome text,
      checkin_id uuid,
      started_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      ended_at timestamptz
    );
    CREATE UNIQUE INDEX conversation_sessions_one_active ON conversation_sessions (patient_id) WHERE status = 'active';
    CREATE INDEX conversation_sessions_patient ON conversation_sessions (patient_id, started_at DESC);

    CREATE TABLE conversation_timers (
      key text PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES conversation_sessions (id),
      patient_id uuid NOT NULL REFERENCES patients (id),
      kind text NOT NULL CHECK (kind IN ('remind', 'timeout', 'expire')),
      fire_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX conversation_timers_due ON conversation_timers (fire_at) WHERE status = 'pending';

    CREATE TABLE checkins (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patients (id),
      cycle integer NOT NULL,
      week integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('weekly-checkin', 'refine', 'reassess', 'manual')),
      plan_id uuid REFERENCES action_plans (id),
      week_start date NOT NULL,
      scheduled_for timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('in_progress', 'completed', 'no_response', 'missed', 'escalated', 'cancelled')),
      days_done integer CHECK (days_done BETWEEN 0 AND 7),
      days_target integer NOT NULL CHECK (days_target BETWEEN 1 AND 7),
      confidence integer CHECK (confidence BETWEEN 0 AND 10),
      barrier text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX checkins_once_per_week ON checkins (patient_id, cycle, week) WHERE kind <> 'manual';
    CREATE INDEX checkins_patient ON checkins (patient_id, created_at DESC);

    CREATE TABLE conversation_results (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES conversation_sessions (id),
      patient_id uuid NOT NULL REFERENCES patients (id),
      checkin_id uuid REFERENCES checkins (id),
      name text NOT NULL,
      value jsonb,
      category text,
      input text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX conversation_results_patient ON conversation_results (patient_id, created_at);

    CREATE TABLE daily_logs (
      patient_id uuid NOT NULL REFERENCES patients (id),
      local_date date NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (patient_id, local_date)
    );

    CREATE TABLE escalations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patients (id),
      session_id uuid REFERENCES conversation_sessions (id),
      trigger_message_id uuid,
      urgency text NOT NULL CHECK (urgency IN ('urgent', 'routine')),
      reason text NOT NULL,
      category text,
      status text NOT NULL CHECK (status IN ('open', 'claimed', 'resolved')),
      slack_channel text,
      slack_ts text,
      claimed_by text,
      claimed_at timestamptz,
      first_reply_at timestamptz,
      resolved_by text,
      resolved_at timestamptz,
      resolution_note text,
      reposted_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (status <> 'claimed' OR claimed_at IS NOT NULL),
      CHECK (status <> 'resolved' OR resolved_at IS NOT NULL)
    );
    CREATE INDEX escalations_open ON escalations (patient_id) WHERE status <> 'resolved';
    CREATE INDEX escalations_status ON escalations (status, created_at DESC);
    CREATE UNIQUE INDEX escalations_slack_thread ON escalations (slack_channel, slack_ts) WHERE slack_ts IS NOT NULL;

    CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid REFERENCES patients (id),
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      body text NOT NULL,
      author text NOT NULL CHECK (author IN ('patient', 'bot', 'staff', 'system')),
      purpose text,
      provider_sid text UNIQUE,
      status text NOT NULL CHECK (status IN ('received', 'queued', 'deferred', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'simulated', 'suppressed')),
      error_code text,
      session_id uuid REFERENCES conversation_sessions (id),
      escalation_id uuid REFERENCES escalations (id),
      staff_name text,
      num_media integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX messages_patient ON messages (patient_id, created_at, id);

    CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      kind text NOT NULL CHECK (kind IN ('sms', 'slack')),
      patient_id uuid REFERENCES patients (id),
      message_id uuid REFERENCES messages (id),
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      dedupe_key text UNIQUE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
      run_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      locked_until timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX outbox_due ON outbox (kind, run_at) WHERE status = 'pending';
    CREATE INDEX outbox_patient_pending ON outbox (patient_id, seq) WHERE status = 'pending';

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      patient_id uuid REFERENCES patients (id),
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX audit_log_patient ON audit_log (patient_id, at);

    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS audit_log, outbox, messages, escalations, daily_logs, conversation_results,
      checkins, conversation_timers, conversation_sessions, conversation_versions, enrollments,
      action_plans, patients, care_teams CASCADE;
    DROP FUNCTION IF EXISTS audit_log_append_only();
  `.execute(db);
}
