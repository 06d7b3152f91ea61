-- Idempotency keys are scoped per subject; see the PostgreSQL migration of the same name. Records kept before keep
-- subject '' on the embedded database.
ALTER TABLE event_store.idempotency_record ADD COLUMN subject VARCHAR(255) DEFAULT '' NOT NULL;
ALTER TABLE event_store.idempotency_record DROP PRIMARY KEY;
ALTER TABLE event_store.idempotency_record ADD PRIMARY KEY (subject, idempotency_key);
