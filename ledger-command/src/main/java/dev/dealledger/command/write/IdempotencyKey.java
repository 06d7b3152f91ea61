package dev.dealledger.command.write;

import java.util.Objects;

/**
 * An {@code Idempotency-Key} as the ledger keeps it: the client's key within the subject that sent it. The same key
 * from another subject is another key, so a writer who guesses or sees a key cannot take over someone else's receipt.
 */
public record IdempotencyKey(String subject, String key) {

    public IdempotencyKey {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(key, "key");
    }
}
