-- Idempotency keys are scoped per subject (the token's sub): the same key from another subject is another key, so a
-- writer who guesses a key cannot take over someone else's receipt. Records kept before take the actor of the event
-- that recorded them with the key; a record with no such event (a PUT that recorded nothing) keeps subject ''.
ALTER TABLE event_store.idempotency_record ADD COLUMN subject VARCHAR(255) NOT NULL DEFAULT '';

UPDATE event_store.idempotency_record r
SET subject = k.actor
FROM (SELECT DISTINCT ON (meta ->> 'idempotencyKey') meta ->> 'idempotencyKey' AS idempotency_key,
                                                     meta ->> 'actor'          AS actor
      FROM (SELECT convert_from(meta_data, 'UTF8')::jsonb AS meta FROM event_store.domain_event_entry) e
      WHERE meta ? 'idempotencyKey' AND meta ? 'actor'
      ORDER BY meta ->> 'idempotencyKey') k
WHERE k.idempotency_key = r.idempotency_key;

ALTER TABLE event_store.idempotency_record DROP CONSTRAINT idempotency_record_pkey;
ALTER TABLE event_store.idempotency_record ADD PRIMARY KEY (subject, idempotency_key);
