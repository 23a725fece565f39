-- Up Migration

-- Complaints as their own mergeable record, hanging off a customer like contacts: handled step by step
-- (open → in_progress → resolved → closed, reopen), the state of the merged steps kept in `status`.
CREATE TABLE IF NOT EXISTS complaints (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  owner_rep_id text,
  team_id text,
  assignee_id text,
  category text NOT NULL,
  status text NOT NULL,
  due_at timestamptz NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER complaints_touch BEFORE INSERT OR UPDATE ON complaints
  FOR EACH ROW EXECUTE FUNCTION outrider_touch();
CREATE INDEX IF NOT EXISTS complaints_sync ON complaints (txid, id);
CREATE INDEX IF NOT EXISTS complaints_owner_sync ON complaints (owner_rep_id, txid, id);
CREATE INDEX IF NOT EXISTS complaints_customer ON complaints (customer_id);
-- The supervisor's escalation list: the team's unresolved complaints by due date.
CREATE INDEX IF NOT EXISTS complaints_team_due ON complaints (team_id, due_at)
  WHERE status IN ('open', 'in_progress') AND NOT deleted;
