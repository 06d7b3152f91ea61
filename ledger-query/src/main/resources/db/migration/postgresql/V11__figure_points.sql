-- docs/adr/0007: each fact's own step as a few points. The figures of every counterparty, currency and direction at
-- (asOf, knownAt) are the sums of the points with point_date <= asOf and recorded_at <= knownAt. A read model projected
-- before this table existed holds no points; see the rebuild request below.
CREATE TABLE read_model.rm_figure_point (
    position          BIGINT      NOT NULL,
    seq               INT         NOT NULL,
    counterparty_id   VARCHAR(64) NOT NULL,
    currency          CHAR(3)     NOT NULL,
    direction         VARCHAR(16) NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    point_date        DATE        NOT NULL,
    committed         BIGINT      NOT NULL,
    elapsed           BIGINT      NOT NULL,
    elapsed_slope     BIGINT      NOT NULL,
    slope_base        BIGINT      NOT NULL,
    potential         BIGINT      NOT NULL,
    deals             INT         NOT NULL,
    commitments       INT         NOT NULL,
    amendments        INT         NOT NULL,
    options_open      INT         NOT NULL,
    options_exercised INT         NOT NULL,
    PRIMARY KEY (position, seq)
);

-- A read model projected before this table existed holds no points, so its figures would read as zero. The migration
-- only asks for a rebuild; the first service instance that starts on the new code claims the request and rebuilds in
-- place (docs/adr/0003: readiness reports NOT READY until the replay has caught up). The reset that starts the
-- rebuild removes the request, so it is done once however many replicas start.
CREATE TABLE read_model.rm_rebuild_request (
    reason       VARCHAR(200) PRIMARY KEY,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO read_model.rm_rebuild_request (reason, requested_at)
    SELECT 'figure points (docs/adr/0007)', CURRENT_TIMESTAMP
    WHERE EXISTS (SELECT 1 FROM read_model.rm_history);
