-- Up Migration

-- A user created with a temporary password (or by a reset) must choose their own at first sign-in.
ALTER TABLE users ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false;

-- One-time links: the first-run setup link and invitations. Stored hashed; used once; expire.
CREATE TABLE IF NOT EXISTS one_time_tokens (
  token_hash text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('setup', 'invite')),
  user_id text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX IF NOT EXISTS one_time_tokens_user ON one_time_tokens (user_id);

-- What admins and supervisors did: who, when, what, before and after.
CREATE TABLE IF NOT EXISTS audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text,
  actor_role text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  team_id text,
  before jsonb,
  after jsonb
);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_team ON audit_log (team_id, at DESC);
