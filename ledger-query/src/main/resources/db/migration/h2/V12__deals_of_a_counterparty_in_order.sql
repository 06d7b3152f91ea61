-- The console's counterparty view lists a counterparty's deals a page at a time, in position order. By the
-- counterparty alone, a page of the largest counterparty of the benchmark's ledger (about 12,000 deals) fetched every
-- one of its deals and sorted them: about 35 ms of the view. By (counterparty, position) the page is the first rows
-- of one index range. The new index serves every read the old one did, which it replaces.
CREATE INDEX rm_deal_counterparty_position_ix ON read_model.rm_deal (counterparty_id, position);
DROP INDEX read_model.rm_deal_counterparty_ix;
