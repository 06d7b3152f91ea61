package dev.dealledger.command.write;

/** 409: the Idempotency-Key was already used, by this subject, with a different request. */
public final class IdempotencyKeyReusedException extends RuntimeException {
    IdempotencyKeyReusedException() {
        super("this Idempotency-Key was already used with a different request");
    }
}
