-- The query service's group role owns nothing in the event store: it reads the event table (granted by the command
-- service's migration) and writes only its own read-model schema and token store.
DO $$
BEGIN
    IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user)
            AND NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
        CREATE ROLE ledger_query NOLOGIN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
        GRANT USAGE ON SCHEMA read_model TO ledger_query;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA read_model TO ledger_query;
    END IF;
END
$$;
