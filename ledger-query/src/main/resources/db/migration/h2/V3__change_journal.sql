-- See db/migration/postgresql/V5__change_journal.sql.
CREATE TABLE read_model.rm_change_version (
    id              SMALLINT PRIMARY KEY CHECK (id = 1),
    version         BIGINT   NOT NULL,
    max_recorded_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO read_model.rm_change_version (id, version, max_recorded_at) VALUES (1, 0, NULL);

CREATE TABLE read_model.rm_change_log (
    version         BIGINT PRIMARY KEY,
    min_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
