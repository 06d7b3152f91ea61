-- Signed checkpoints of the whole log; see the PostgreSQL migration of the same name.
CREATE TABLE event_store.log_checkpoint (
    position       BIGINT       NOT NULL,
    first_position BIGINT       NOT NULL,
    log_hash       CHAR(64)     NOT NULL,
    signed_at      VARCHAR(40)  NOT NULL,
    key_id         VARCHAR(64)  NOT NULL,
    signature      VARCHAR(200) NOT NULL,
    PRIMARY KEY (position, signed_at),
    CHECK (first_position >= 1 AND first_position <= position + 1)
);
