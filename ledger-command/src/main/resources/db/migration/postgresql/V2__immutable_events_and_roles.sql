-- Facts are never edited or deleted. The trigger refuses UPDATE, DELETE and TRUNCATE of stored events for everyone,
-- the owner included; only a superuser can step around it, and only by disabling the trigger explicitly.
CREATE OR REPLACE FUNCTION event_store.refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger events are immutable: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER domain_event_entry_immutable
    BEFORE UPDATE OR DELETE ON event_store.domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION event_store.refuse_event_change();
CREATE TRIGGER domain_event_entry_no_truncate
    BEFORE TRUNCATE ON event_store.domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION event_store.refuse_event_change();

-- Least-privilege group roles (deploy/README.md): operators grant them to the services' login users.
-- Created here when the migrating user may create roles; otherwise the operator creates them beforehand.
DO $$
BEGIN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN
            CREATE ROLE ledger_command NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
            CREATE ROLE ledger_query NOLOGIN;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN
        GRANT USAGE ON SCHEMA event_store TO ledger_command;
        -- Append and read events; never UPDATE or DELETE them.
        GRANT SELECT, INSERT ON event_store.domain_event_entry TO ledger_command;
        -- Snapshots are a cache of state derived from events; Axon replaces older ones.
        GRANT SELECT, INSERT, DELETE ON event_store.snapshot_event_entry TO ledger_command;
        GRANT SELECT, INSERT, UPDATE ON event_store.idempotency_record TO ledger_command;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA event_store TO ledger_command;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
        GRANT USAGE ON SCHEMA event_store TO ledger_query;
        -- The query service only ever reads the event table.
        GRANT SELECT ON event_store.domain_event_entry TO ledger_query;
    END IF;
END
$$;
