-- The projection reads the newest stored position of every commitment a batch amends or terminates: one MAX(position)
-- per commitment, a hundred joined by UNION ALL. By (deal, commitment) alone each is an aggregate over that
-- commitment's rows, and the hundred together cost enough that PostgreSQL ran the statement in parallel: two
-- background workers started and stopped for every batch. In database samples of the benchmark's rebuild at 1,000,000
-- events that statement was half of all active sessions' time (docs/benchmarks.md, "Maintained figures"). With the
-- position in the index, each MAX is the last entry of one range, read backward: a hundred of them cost less than
-- starting one worker, so the plan stays serial. It serves every read the old index did, which it replaces.
CREATE INDEX rm_commitment_fact_newest_ix ON read_model.rm_commitment_fact (deal_id, commitment_id, position);
DROP INDEX read_model.rm_commitment_fact_deal_ix;
