-- See db/migration/postgresql/V4__processor_members.sql.
CREATE TABLE read_model.processor_member (
    node_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
