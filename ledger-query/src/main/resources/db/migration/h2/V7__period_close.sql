-- Period close (see the PostgreSQL migration of the same name).
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
