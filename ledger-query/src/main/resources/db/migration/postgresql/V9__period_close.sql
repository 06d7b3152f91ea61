-- Period close (docs/domain.md, "Period close"). rm_period_close holds each close as the projection reads it from
-- the log. The figures as reported are derived at (asOf = period end, knownAt = the close's recorded instant) once the
-- read models hold every fact recorded by then, and stored once: rm_period_report and its rows are only ever
-- inserted, never updated, so a period's reported figures and digest stay byte for byte what was first served.
CREATE TABLE read_model.rm_period_close (
    period_end  DATE          PRIMARY KEY,
    position    BIGINT        NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200),
    reason      VARCHAR(1000) NOT NULL
);

CREATE TABLE read_model.rm_period_report (
    period_end  DATE        PRIMARY KEY,
    digest      VARCHAR(64) NOT NULL,
    row_count   INTEGER     NOT NULL
);

-- Money and concentration are kept as the decimal strings that were served, so that nothing re-formats them.
CREATE TABLE read_model.rm_period_report_row (
    period_end        DATE        NOT NULL,
    ordinal           INTEGER     NOT NULL,
    counterparty_id   VARCHAR(64) NOT NULL,
    currency          CHAR(3)     NOT NULL,
    direction         VARCHAR(16) NOT NULL,
    committed         VARCHAR(64) NOT NULL,
    elapsed           VARCHAR(64) NOT NULL,
    remaining         VARCHAR(64) NOT NULL,
    potential         VARCHAR(64) NOT NULL,
    exposure          VARCHAR(64) NOT NULL,
    concentration     VARCHAR(16) NOT NULL,
    deals             BIGINT      NOT NULL,
    commitments       BIGINT      NOT NULL,
    options_open      BIGINT      NOT NULL,
    options_exercised BIGINT      NOT NULL,
    amendments        BIGINT      NOT NULL,
    PRIMARY KEY (period_end, ordinal)
);

-- Granted like every read-model table (V2): the default privileges of V3 apply only to tables created by the role
-- that set them, so the grant is stated here as well.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON read_model.rm_period_close, read_model.rm_period_report,
            read_model.rm_period_report_row TO ledger_query;
    END IF;
END
$$;
