-- Exchange rates as facts (docs/domain.md, "Reporting currency"): one row per ExchangeRateRecordedEvent, keyed by its
-- global position like every fact row. A correction is another row for the same pair and date; the rate in force at
-- (asOf, knownAt) is the one with the latest rate_date <= asOf among rows with recorded_at <= knownAt, the highest
-- position winning for that date. The rate is kept as the exact decimal text the event holds.
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
