-- Signed checkpoints of the whole log (docs/security.md, "Tamper evidence"). The command service writes one in every
-- transaction that appends, and one on demand; each is signed with a key that never enters the database, so a login
-- that can INSERT here still cannot write one that verifies. Rows are never edited or deleted.
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

CREATE TRIGGER log_checkpoint_immutable
    BEFORE UPDATE OR DELETE ON event_store.log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION event_store.refuse_event_change();
CREATE TRIGGER log_checkpoint_no_truncate
    BEFORE TRUNCATE ON event_store.log_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION event_store.refuse_event_change();

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN
        GRANT SELECT, INSERT ON event_store.log_checkpoint TO ledger_command;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
        GRANT SELECT ON event_store.log_checkpoint TO ledger_query;
    END IF;
END
$$;
