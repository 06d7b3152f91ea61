-- Evidence anchoring (see the PostgreSQL migration of the same name).
ALTER TABLE read_model.rm_history ADD COLUMN source_document_sha256 VARCHAR(64);
ALTER TABLE read_model.rm_deal ADD COLUMN source_document_sha256 VARCHAR(64);
