-- Exchange rates as facts (see the PostgreSQL migration of the same name).
CREATE TABLE read_model.rm_fx_rate (
    position       BIGINT       PRIMARY KEY,
    base_currency  CHAR(3)      NOT NULL,
    quote_currency CHAR(3)      NOT NULL,
    rate_date      DATE         NOT NULL,
    rate           VARCHAR(40)  NOT NULL,
    source         VARCHAR(200) NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rm_fx_rate_pair_ix ON read_model.rm_fx_rate (base_currency, quote_currency, rate_date);
