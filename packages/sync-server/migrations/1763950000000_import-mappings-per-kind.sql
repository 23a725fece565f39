-- Up Migration

-- One saved column mapping per source and kind: a CRM's customer export and its order export differ.
ALTER TABLE import_mappings DROP CONSTRAINT import_mappings_pkey;
ALTER TABLE import_mappings ADD PRIMARY KEY (source, kind);
