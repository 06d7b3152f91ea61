-- See the PostgreSQL migration of the same name.
ALTER TABLE read_model.rm_period_close ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
UPDATE read_model.rm_period_close SET closed_at = recorded_at;
ALTER TABLE read_model.rm_period_close ALTER COLUMN closed_at SET NOT NULL;
