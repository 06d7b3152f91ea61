-- docs/adr/0007: the figure points summed ahead of time. A checkpoint at instant C holds, for every counterparty,
-- currency and direction and every month from its first point's month to the last month any point reaches, the sums
-- of its points recorded by C and dated by that month's end. A read at (asOf, knownAt) takes the newest checkpoint
-- at or before knownAt: one row per key for the month before asOf's, plus the points of asOf's own month recorded by
-- C, plus the points recorded after C. It reads a bounded number of rows instead of every point of the ledger.
CREATE TABLE read_model.rm_figure_checkpoint_mark (
    checkpoint_at TIMESTAMP WITH TIME ZONE PRIMARY KEY,
    min_month     INT    NOT NULL,
    max_month     INT    NOT NULL,
    points        BIGINT NOT NULL
);

CREATE TABLE read_model.rm_figure_checkpoint (
    checkpoint_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    month_index       INT            NOT NULL,
    counterparty_id   VARCHAR(64)    NOT NULL,
    currency          CHAR(3)        NOT NULL,
    direction         VARCHAR(16)    NOT NULL,
    committed         DECIMAL(38, 0) NOT NULL,
    elapsed           DECIMAL(38, 0) NOT NULL,
    elapsed_slope     DECIMAL(38, 0) NOT NULL,
    slope_times_base  DECIMAL(38, 0) NOT NULL,
    potential         DECIMAL(38, 0) NOT NULL,
    deals             BIGINT         NOT NULL,
    commitments       BIGINT         NOT NULL,
    amendments        BIGINT         NOT NULL,
    options_open      BIGINT         NOT NULL,
    options_exercised BIGINT         NOT NULL,
    PRIMARY KEY (checkpoint_at, month_index, counterparty_id, currency, direction)
);

-- The two ranges a read sums beside a checkpoint: points of one month, and points recorded after the checkpoint.
CREATE INDEX rm_figure_point_date_ix ON read_model.rm_figure_point (point_date);
CREATE INDEX rm_figure_point_recorded_ix ON read_model.rm_figure_point (recorded_at);
