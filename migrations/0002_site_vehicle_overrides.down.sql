ALTER TABLE sites DROP COLUMN vehicle_overrides;
