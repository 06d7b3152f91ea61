-- Every transaction that appends reads the latest checkpoint (the newest signed, then the highest position) before it
-- signs its own, under the log's lock. With no index in that order it was a scan and a sort of every checkpoint, and
-- there is one more per transaction: 5 ms for one write within the first minute of the benchmark's W1 (auto_explain),
-- growing with the log. By this index it is the last entry of one index.
CREATE INDEX log_checkpoint_latest_ix ON event_store.log_checkpoint (signed_at, position);
