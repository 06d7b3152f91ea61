-- The newest stored position of a commitment is the last entry of one range of this index (PostgreSQL's twin, V17,
-- says why it matters there). It serves every read the old index did, which it replaces.
CREATE INDEX rm_commitment_fact_newest_ix ON read_model.rm_commitment_fact (deal_id, commitment_id, position);
DROP INDEX read_model.rm_commitment_fact_deal_ix;
