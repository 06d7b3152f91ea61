-- Evidence anchoring: the SHA-256 of the signed document a fact comes from, taken from the event's metadata
-- (sourceDocumentSha256). Rows projected before this migration are NULL. Only a fact written by a command service
-- that already accepted the field can carry one; if such facts were projected by an older query service, a rebuild
-- (POST /api/v1/admin/rebuild) fills their column from the event store.
ALTER TABLE read_model.rm_history ADD COLUMN source_document_sha256 VARCHAR(64);
ALTER TABLE read_model.rm_deal ADD COLUMN source_document_sha256 VARCHAR(64);
