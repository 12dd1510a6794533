-- Per-site vehicle parameter overrides (issue 3): { "<class>": { "<parameter>": value } }, checked by the
-- server against data/vehicles.json's bounds; a request's own overrides apply on top.
ALTER TABLE sites ADD COLUMN vehicle_overrides jsonb NOT NULL DEFAULT '{}'::jsonb;
