-- The query service's own schema: Axon's token store and the bitemporal read model.
-- Every fact row carries its effective date (valid time) and recorded instant (transaction time).
CREATE SCHEMA IF NOT EXISTS read_model;

CREATE TABLE read_model.token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE read_model.rm_counterparty (
    counterparty_id VARCHAR(64)  PRIMARY KEY,
    legal_name      VARCHAR(200) NOT NULL,
    lei             VARCHAR(20),
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    position        BIGINT       NOT NULL
);

CREATE TABLE read_model.rm_deal (
    deal_id          VARCHAR(64)  PRIMARY KEY,
    agreement_id     VARCHAR(64)  NOT NULL,
    counterparty_id  VARCHAR(64)  NOT NULL,
    direction        VARCHAR(16)  NOT NULL,
    currency         CHAR(3)      NOT NULL,
    title            VARCHAR(200) NOT NULL,
    signed_on        DATE         NOT NULL,
    source_reference VARCHAR(200),
    effective_date   DATE         NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    position         BIGINT       NOT NULL
);
CREATE INDEX rm_deal_counterparty_ix ON read_model.rm_deal (counterparty_id);

CREATE TABLE read_model.rm_commitment_fact (
    position        BIGINT       PRIMARY KEY,
    kind            VARCHAR(16)  NOT NULL,
    deal_id         VARCHAR(64)  NOT NULL,
    counterparty_id VARCHAR(64)  NOT NULL,
    direction       VARCHAR(16)  NOT NULL,
    currency        CHAR(3)      NOT NULL,
    commitment_id   VARCHAR(64)  NOT NULL,
    effective_date  DATE         NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    amount_minor    BIGINT,
    term_start      DATE,
    term_end        DATE,
    resource        VARCHAR(200),
    amendment_id    VARCHAR(64),
    from_option_id  VARCHAR(64)
);
CREATE INDEX rm_commitment_fact_time_ix ON read_model.rm_commitment_fact (effective_date, recorded_at);
CREATE INDEX rm_commitment_fact_deal_ix ON read_model.rm_commitment_fact (deal_id, commitment_id);
CREATE INDEX rm_commitment_fact_cp_ix ON read_model.rm_commitment_fact (counterparty_id, effective_date);

CREATE TABLE read_model.rm_option_fact (
    position         BIGINT      PRIMARY KEY,
    kind             VARCHAR(16) NOT NULL,
    deal_id          VARCHAR(64) NOT NULL,
    counterparty_id  VARCHAR(64) NOT NULL,
    direction        VARCHAR(16) NOT NULL,
    currency         CHAR(3)     NOT NULL,
    option_id        VARCHAR(64) NOT NULL,
    effective_date   DATE        NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    amount_minor     BIGINT      NOT NULL,
    exercisable_from DATE,
    expires_on       DATE,
    commitment_id    VARCHAR(64)
);
CREATE INDEX rm_option_fact_time_ix ON read_model.rm_option_fact (effective_date, recorded_at);
CREATE INDEX rm_option_fact_deal_ix ON read_model.rm_option_fact (deal_id, option_id);

CREATE TABLE read_model.rm_history (
    position         BIGINT        PRIMARY KEY,
    aggregate_id     VARCHAR(255)  NOT NULL,
    deal_id          VARCHAR(64),
    counterparty_id  VARCHAR(64),
    event_type       VARCHAR(100)  NOT NULL,
    effective_date   DATE          NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    actor            VARCHAR(200),
    reason           VARCHAR(1000),
    source_reference VARCHAR(200),
    payload          VARCHAR(20000) NOT NULL
);
CREATE INDEX rm_history_deal_ix ON read_model.rm_history (deal_id, position);
CREATE INDEX rm_history_cp_ix ON read_model.rm_history (counterparty_id, recorded_at);
