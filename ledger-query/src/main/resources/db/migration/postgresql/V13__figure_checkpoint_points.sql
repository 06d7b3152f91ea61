-- docs/adr/0007: each checkpoint row also counts the points it sums. A read may then start from the checkpoint just
-- after knownAt and subtract the points recorded in between, and still tell a key with no visible point from one
-- whose figures sum to zero. Checkpoints are derived from the points alone, so the old ones are removed and the
-- checkpointer writes new ones; a read meanwhile sums the points. NOT NULL without a default (the table is empty
-- here): a replica still on the old code cannot write a checkpoint without the count.
-- Locked first: an old replica's checkpoint still being written would otherwise commit rows without the count after
-- the DELETE, and the ALTER would fail, or deadlock with that replica's thinning.
LOCK TABLE read_model.rm_figure_checkpoint, read_model.rm_figure_checkpoint_mark IN ACCESS EXCLUSIVE MODE;
DELETE FROM read_model.rm_figure_checkpoint;
DELETE FROM read_model.rm_figure_checkpoint_mark;
ALTER TABLE read_model.rm_figure_checkpoint ADD COLUMN points BIGINT NOT NULL;
