-- The head of the one ordered log (docs/adr/0004); see the PostgreSQL migration of the same name.
CREATE TABLE event_store.log_head (
    id          SMALLINT PRIMARY KEY CHECK (id = 1),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO event_store.log_head (id, recorded_at)
SELECT 1, COALESCE(MAX(CAST(REPLACE(time_stamp, 'Z', '+00:00') AS TIMESTAMP WITH TIME ZONE)),
                   TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00')
FROM event_store.domain_event_entry;
