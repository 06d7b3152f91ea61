-- Positions and recorded instants come from the ordered log alone (docs/adr/0004, docs/security.md). The command login
-- may INSERT events, so without these checks it could append at a position of its choosing (a huge one would leave the
-- projection waiting for positions that never come) or with a backdated instant. The database now refuses both:
--   * an event's position must be the next one after the highest stored position, as the log holder assigns it;
--   * its time stamp must be the instant the holding transaction wrote to log_head;
--   * log_head only moves forward, and never more than a second ahead of the database's clock.
-- A superuser is exempt (checked on current_user, so a superuser session that SET ROLE to a service role is checked
-- as that role): it can disable any trigger, so refusing it would protect nothing and would only stop the
-- tests and the benchmark's bulk loader that write as one. That residual risk, and how the signed checkpoints detect
-- what a superuser does, is in docs/security.md.
--
-- Correction to V2: its comment says the immutability trigger holds "for everyone, the owner included". It does not:
-- the owner of a table can disable or drop its triggers. The owner is therefore a role that cannot log in, and
-- migrations take it only inside the migration Job (deploy/README.md, "Migrations").
CREATE OR REPLACE FUNCTION event_store.require_log_position() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    head  BIGINT;
    stamp TIMESTAMP WITH TIME ZONE;
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NEW;
    END IF;
    SELECT COALESCE(MAX(global_index), 0) INTO head FROM event_store.domain_event_entry;
    IF NEW.global_index IS DISTINCT FROM head + 1 THEN
        RAISE EXCEPTION 'ledger positions come from the log: % refused, the next position is %',
            NEW.global_index, head + 1
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT recorded_at INTO stamp FROM event_store.log_head WHERE id = 1;
    IF NEW.time_stamp::timestamptz IS DISTINCT FROM stamp THEN
        RAISE EXCEPTION 'ledger instants come from the log: % refused, the holder''s instant is %',
            NEW.time_stamp, stamp
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_from_the_log
    BEFORE INSERT ON event_store.domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION event_store.require_log_position();

CREATE OR REPLACE FUNCTION event_store.require_log_head_forward() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NEW;
    END IF;
    IF NEW.id <> OLD.id
        OR NEW.recorded_at <= OLD.recorded_at
        OR NEW.recorded_at > GREATEST(clock_timestamp(), OLD.recorded_at) + INTERVAL '1 second' THEN
        RAISE EXCEPTION 'the log head only moves forward, to now: % after % refused', NEW.recorded_at, OLD.recorded_at
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER log_head_forward_only
    BEFORE UPDATE ON event_store.log_head
    FOR EACH ROW EXECUTE FUNCTION event_store.require_log_head_forward();

COMMENT ON TRIGGER domain_event_entry_immutable ON event_store.domain_event_entry IS
    'Refuses UPDATE and DELETE of stored events for every role but the table owner (who cannot log in) and superusers.';
