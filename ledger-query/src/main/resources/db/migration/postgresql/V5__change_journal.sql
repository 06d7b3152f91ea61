-- What the projection has changed, in commit order, so that a query replica can keep ledger-wide answers and know
-- exactly when one may have changed (dev.dealledger.query.derive.FiguresCache).
--
-- Every projection transaction bumps the one version row before it commits (its row lock orders the versions as the
-- commits) and logs the earliest recorded instant among the events it projected. An answer computed at version v for
-- knownAt k still holds at version w when every transaction in (v, w] projected only facts recorded after k.
CREATE TABLE read_model.rm_change_version (
    id              SMALLINT PRIMARY KEY CHECK (id = 1),
    version         BIGINT   NOT NULL,
    max_recorded_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO read_model.rm_change_version (id, version, max_recorded_at) VALUES (1, 0, NULL);

CREATE TABLE read_model.rm_change_log (
    version         BIGINT PRIMARY KEY,
    min_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
