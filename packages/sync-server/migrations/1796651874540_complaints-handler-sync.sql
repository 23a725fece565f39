-- A rep pulls the complaints they handle on customers of another rep (scope: owner or assignee).
CREATE INDEX IF NOT EXISTS complaints_assignee_sync ON complaints (assignee_id, txid, id);
