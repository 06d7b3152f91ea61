-- docs/adr/0007, "Random pairs": a read at an asOf inside a month adds, to its checkpoint's row for the month before,
-- the points dated from that month's first day to asOf and recorded by the checkpoint. Stored in recorded order, those
-- points lie one to a page (16,668 points on 14,009 pages for one such read at 1,000,000 events, 100 ms). This index
-- holds them in date order with every column a read sums, so the read is an index-only scan of a few hundred pages once
-- the table's pages are marked all-visible: the figure checkpointer vacuums the table after each checkpoint, and
-- autovacuum does where the service's role may not. Only points dated before their month's last day: a read never
-- needs another here, since a month's last day is a checkpoint row, and the two thirds of points that fall on one stay
-- out of it. It replaces the plain date index, which served only this read.
CREATE INDEX rm_figure_point_mid_month_ix ON read_model.rm_figure_point (point_date, recorded_at)
    INCLUDE (counterparty_id, currency, direction, committed, elapsed, elapsed_slope, slope_base, potential, deals,
             commitments, amendments, options_open, options_exercised)
    WHERE EXTRACT(DAY FROM point_date + 1) <> 1;
DROP INDEX read_model.rm_figure_point_date_ix;
