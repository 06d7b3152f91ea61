-- Period close (docs/domain.md, "Period close"): a close now records its figures as reported, as known at the log's
-- last settled instant before it, which is slightly earlier than the close's own recorded instant. closed_at is that
-- instant; recorded_at stays the instant from which the close itself is known. A close recorded before this change
-- holds no figures and was, and is, derived at its recorded instant, so that is its closed_at.
ALTER TABLE read_model.rm_period_close ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
UPDATE read_model.rm_period_close SET closed_at = recorded_at;
ALTER TABLE read_model.rm_period_close ALTER COLUMN closed_at SET NOT NULL;
