-- The head of the one ordered log (docs/adr/0004). Every appending transaction first locks this single row and keeps
-- the lock until it commits, so appends from every replica take positions and recorded instants one transaction at a
-- time, in commit order. recorded_at is the instant of the latest transaction that held it: the next one stamps a
-- strictly later instant, whatever the clocks say.
CREATE TABLE event_store.log_head (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Stored time stamps are ISO-8601 UTC text; the newest of them (or the epoch for an empty log) starts the clock.
INSERT INTO event_store.log_head (id, recorded_at)
SELECT 1, COALESCE(MAX(time_stamp::timestamptz), TIMESTAMPTZ '1970-01-01 00:00:00+00')
FROM event_store.domain_event_entry;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN
        GRANT SELECT, UPDATE ON event_store.log_head TO ledger_command;
    END IF;
END
$$;
