// Named staff with roles and care-team membership, their sign-in sessions,
// per-staff API tokens, failed sign-in attempts (for rate limiting) and the
// inbox of patient texts that need a person. Frozen in time: never import from
// src/, never edit after release.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE staff (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      role text NOT NULL CHECK (role IN ('viewer', 'nurse', 'admin')),
      password_hash text,
      must_change_password boolean NOT NULL DEFAULT false,
      oidc_subject text UNIQUE,
      slack_user_id text UNIQUE,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX staff_email ON staff (email);

    CREATE TABLE staff_care_teams (
      staff_id uuid NOT NULL REFERENCES staff (id),
      care_team_id uuid NOT NULL REFERENCES care_teams (id),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (staff_id, care_team_id)
    );
    CREATE INDEX staff_care_teams_team ON staff_care_teams (care_team_id);

    -- The cookie holds a random secret; only its SHA-256 is stored here.
    -- staff_id is null for a signed-out visitor (a login form's CSRF token).
    CREATE TABLE staff_sessions (
      id_hash text PRIMARY KEY,
      staff_id uuid REFERENCES staff (id),
      csrf_token text NOT NULL,
      -- A sign-in through the OpenID provider in progress: state, nonce, PKCE verifier.
      oidc_pending jsonb,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
    CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);

    CREATE TABLE staff_api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      staff_id uuid NOT NULL REFERENCES staff (id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX staff_api_tokens_staff ON staff_api_tokens (staff_id);

    CREATE TABLE login_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX login_attempts_key ON login_attempts (key, at);

    CREATE TABLE staff_inbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      patient_id uuid NOT NULL REFERENCES patients (id),
      message_id uuid REFERENCES messages (id),
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
      created_at timestamptz NOT NULL,
      handled_by uuid REFERENCES staff (id),
      handled_at timestamptz,
      CHECK (status <> 'handled' OR handled_at IS NOT NULL)
    );
    CREATE UNIQUE INDEX staff_inbox_message ON staff_inbox (message_id) WHERE message_id IS NOT NULL;
    CREATE INDEX staff_inbox_open ON staff_inbox (created_at) WHERE status = 'open';

    -- Panel and export queries read patients by team and check-ins by week.
    CREATE INDEX patients_care_team ON patients (care_team_id, label);
    CREATE INDEX checkins_patient_week ON checkins (patient_id, cycle, week);
    CREATE INDEX messages_failed ON messages (created_at) WHERE status IN ('failed', 'undelivered');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS patients_care_team, checkins_patient_week, messages_failed;
    DROP TABLE IF EXISTS staff_inbox, login_attempts, staff_api_tokens, staff_sessions, staff_care_teams, staff CASCADE;
  `.execute(db);
}
