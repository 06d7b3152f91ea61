-- A counterparty's schedule, its disclosures and the console's counterparty view fold its commitment facts one
-- commitment at a time, in (deal, commitment, position) order. By (counterparty, effective date) the largest
-- counterparty of the benchmark's ledger (about 58,000 visible facts) was a bitmap scan over nearly every page of the
-- table and a sort spilled to disk: 100-185 ms before the first row. Ordered by commitment and carrying every column the
-- fold reads, the facts come from one range of this index, already in order, without touching the table once vacuum
-- has marked its pages all-visible (autovacuum does after a rebuild): 15-20 ms, measured with EXPLAIN ANALYZE. The new
-- index serves every read the old one did, which it replaces.
CREATE INDEX rm_commitment_fact_cp_order_ix ON read_model.rm_commitment_fact
    (counterparty_id, deal_id, commitment_id, position)
    INCLUDE (kind, direction, currency, effective_date, recorded_at, amount_minor, term_start, term_end, amendment_id);
DROP INDEX read_model.rm_commitment_fact_cp_ix;
