-- Query-service replicas announce themselves here, so that one holding more than its share of the projection's
-- segments can release some to a replica that holds none (dev.dealledger.query.config.SegmentBalancer). The claims
-- themselves stay in Axon's token store; this table only counts who is alive.
CREATE TABLE read_model.processor_member (
    node_id      VARCHAR(255) NOT NULL PRIMARY KEY,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
