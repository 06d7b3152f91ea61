-- Tables and sequences that later read-model migrations create are granted to the query service's group role as
-- well, so a new table never needs its own grant (the runtime login only ever reads and writes rows).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA read_model TO ledger_query;
        ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ledger_query;
        ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT USAGE, SELECT ON SEQUENCES TO ledger_query;
    END IF;
END
$$;
