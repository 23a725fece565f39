-- Up Migration

-- A team's k-means clusters as its supervisor named and saved them (one row per team), pulled by the
-- team's devices as reference data; team_id scopes the pull and the write.
CREATE TABLE IF NOT EXISTS cluster_models (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  team_id text,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER cluster_models_touch BEFORE INSERT OR UPDATE ON cluster_models
  FOR EACH ROW EXECUTE FUNCTION outrider_touch();
CREATE INDEX IF NOT EXISTS cluster_models_sync ON cluster_models (txid, id);
CREATE INDEX IF NOT EXISTS cluster_models_team ON cluster_models (team_id);
