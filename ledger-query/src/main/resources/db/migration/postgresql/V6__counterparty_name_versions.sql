-- Names as known at knownAt: a read shows each counterparty's legal name from the newest of its registration and
-- detail changes recorded by knownAt, read from the history the projection already keeps. This partial index holds
-- only those few rows, so finding them does not scan the history of every fact.
CREATE INDEX rm_history_counterparty_names ON read_model.rm_history (counterparty_id, position)
    WHERE event_type IN ('CounterpartyRegisteredEvent', 'CounterpartyDetailsChangedEvent');
