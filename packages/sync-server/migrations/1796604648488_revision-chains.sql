-- Up Migration

-- A pushed revision is checked against the latest stored revision of its chain (same author, same
-- customer); these indexes keep that lookup to an index probe.
CREATE INDEX IF NOT EXISTS visits_revision_of ON visits (revision_of, revision DESC);
CREATE INDEX IF NOT EXISTS orders_revision_of ON orders (revision_of, revision DESC);
CREATE INDEX IF NOT EXISTS feedback_revision_of ON feedback (revision_of, revision DESC);
