-- Up Migration

-- Every synced table carries `txid` (the writing transaction, stamped by trigger) and
-- `server_updated_at`. Pulls page through rows in (txid, id) order bounded by snapshots, so a
-- transaction that commits late is never skipped (see src/sync/pull.ts).
CREATE FUNCTION outrider_touch() RETURNS trigger AS $$
BEGIN
  NEW.txid := pg_current_xact_id();
  NEW.server_updated_at := now();
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('rep', 'supervisor', 'admin')),
  team_id text REFERENCES teams (id),
  disabled boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refresh_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  family_id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  owner_rep_id text REFERENCES users (id),
  team_id text REFERENCES teams (id),
  name text NOT NULL,
  phone text,
  city text,
  lat double precision,
  lng double precision,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_owner_sync ON customers (owner_rep_id, txid, id);
CREATE INDEX customers_team_sync ON customers (team_id, txid, id);
CREATE INDEX customers_sync ON customers (txid, id);
CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE contacts (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  owner_rep_id text,
  team_id text,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  owner_rep_id text,
  team_id text,
  author_id text,
  revision_of text NOT NULL,
  revision integer NOT NULL,
  ordered_at timestamptz NOT NULL,
  total numeric(14, 2) NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visits (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  owner_rep_id text,
  team_id text,
  author_id text,
  revision_of text NOT NULL,
  revision integer NOT NULL,
  check_in_at timestamptz NOT NULL,
  outcome text NOT NULL,
  review_status text NOT NULL DEFAULT 'pending',
  received_at timestamptz NOT NULL DEFAULT now(),
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feedback (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  owner_rep_id text,
  team_id text,
  author_id text,
  revision_of text NOT NULL,
  revision integer NOT NULL,
  at timestamptz NOT NULL,
  score integer,
  complaint_status text,
  received_at timestamptz NOT NULL DEFAULT now(),
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
  id text PRIMARY KEY,
  customer_id text REFERENCES customers (id),
  owner_rep_id text,
  team_id text,
  due date NOT NULL,
  status text NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE day_plans (
  id text PRIMARY KEY,
  owner_rep_id text NOT NULL REFERENCES users (id),
  team_id text,
  date date NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE policies (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tag_rules (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

-- Losing values of same-field edits, readable by supervisors (and by the rep whose customer it is).
CREATE TABLE conflicts (
  id text PRIMARY KEY,
  collection text NOT NULL,
  doc_id text NOT NULL,
  customer_id text,
  owner_rep_id text,
  team_id text,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

-- Rows that left a user's scope (e.g. a customer reassigned away): pulled as deletions.
CREATE TABLE scope_revocations (
  user_id text NOT NULL,
  collection text NOT NULL,
  doc_id text NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, collection, doc_id)
);

CREATE TABLE photos (
  id text PRIMARY KEY,
  visit_id text,
  customer_id text,
  owner_rep_id text,
  team_id text,
  content_type text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE import_mappings (
  source text PRIMARY KEY,
  kind text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams','users','customers','contacts','orders','visits','feedback','tasks',
                           'day_plans','products','policies','tag_rules','conflicts','scope_revocations']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION outrider_touch()', t || '_touch', t);
    IF t NOT IN ('customers', 'scope_revocations') THEN
      EXECUTE format('CREATE INDEX %I ON %I (txid, id)', t || '_sync', t);
    END IF;
  END LOOP;
END
$$;

CREATE INDEX contacts_customer ON contacts (customer_id);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX visits_customer ON visits (customer_id);
CREATE INDEX feedback_customer ON feedback (customer_id);
CREATE INDEX tasks_customer ON tasks (customer_id);
CREATE INDEX orders_owner_sync ON orders (owner_rep_id, txid, id);
CREATE INDEX visits_owner_sync ON visits (owner_rep_id, txid, id);
CREATE INDEX feedback_owner_sync ON feedback (owner_rep_id, txid, id);
CREATE INDEX contacts_owner_sync ON contacts (owner_rep_id, txid, id);
CREATE INDEX tasks_owner_sync ON tasks (owner_rep_id, txid, id);
CREATE INDEX visits_team_check_in ON visits (team_id, check_in_at);
CREATE INDEX scope_revocations_sync ON scope_revocations (user_id, collection, txid, doc_id);
