-- Names as known at knownAt (see the PostgreSQL migration of the same name; H2 has no partial indexes).
CREATE INDEX rm_history_counterparty_names ON read_model.rm_history (event_type, counterparty_id, position);
