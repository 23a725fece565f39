-- Up Migration

-- Population thresholds (score breakpoints, tier cut-offs in money, means) computed by the server over
-- the organisation and each team, and pulled by every device as reference data.
CREATE TABLE IF NOT EXISTS population_thresholds (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER population_thresholds_touch BEFORE INSERT OR UPDATE ON population_thresholds
  FOR EACH ROW EXECUTE FUNCTION outrider_touch();
CREATE INDEX IF NOT EXISTS population_thresholds_sync ON population_thresholds (txid, id);
