-- A counterparty's schedule, its disclosures and the console's counterparty view fold its commitment facts one
-- commitment at a time, in (deal, commitment, position) order; by this index they come in that order without a sort.
-- PostgreSQL's twin (V15) also carries the fold's columns in the index; H2 has no INCLUDE. The new index serves every
-- read the old one did, which it replaces.
CREATE INDEX rm_commitment_fact_cp_order_ix ON read_model.rm_commitment_fact
    (counterparty_id, deal_id, commitment_id, position);
DROP INDEX read_model.rm_commitment_fact_cp_ix;
