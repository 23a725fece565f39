
-- Up Migration

-- Custom fields an admin defines for customers, pulled by every device as reference data; the values
-- live on the customers' documents (doc->'customFields').
CREATE TABLE IF NOT EXISTS custom_field_definitions (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  server_updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER custom_field_definitions_touch BEFORE INSERT OR UPDATE ON custom_field_definitions
  FOR EACH ROW EXECUTE FUNCTION outrider_touch();
CREATE INDEX IF NOT EXISTS custom_field_definitions_sync ON custom_field_definitions (txid, id);
