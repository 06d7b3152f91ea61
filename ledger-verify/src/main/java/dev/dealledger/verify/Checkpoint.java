package dev.dealledger.verify;

import java.util.Objects;

/**
 * A signed statement by the ledger: "the log up to {@code position} hashes to {@code logHash}, and I appended the
 * events from {@code firstPosition} to {@code position} myself", made at {@code signedAt}. The command service writes
 * one with every appending transaction and one on demand; the key never enters the database.
 *
 * <p>{@code firstPosition} is {@code position + 1} for a checkpoint that appended nothing (made on demand), and 1 for
 * the first checkpoint of a log that held events recorded before checkpoints existed: it takes them over as they
 * were then.
 *
 * @param keyId the first 16 hex digits of the SHA-256 of the signer's public key (X.509 encoding)
 * @param signature Ed25519 over {@link #signedBytes()}, base64
 */
public record Checkpoint(
        long position, long firstPosition, String logHash, String signedAt, String keyId, String signature) {

    public Checkpoint {
        Objects.requireNonNull(logHash, "logHash");
        Objects.requireNonNull(signedAt, "signedAt");
        if (position < 0 || firstPosition < 1 || firstPosition > position + 1) {
            throw new IllegalArgumentException(
                    "a checkpoint covers 1 <= firstPosition <= position + 1, not " + firstPosition + ".." + position);
        }
    }

    /** What the signature covers: every field but the signature, in the unambiguous {@link Encoding}. */
    public byte[] signedBytes() {
        return Encoding.of("dealledger-checkpoint/1")
                .number(position)
                .number(firstPosition)
                .text(logHash)
                .text(signedAt)
                .text(keyId)
                .toBytes();
    }

    /** Whether this checkpoint says the ledger appended {@code p} itself. */
    public boolean covers(long p) {
        return firstPosition <= p && p <= position;
    }

    public Checkpoint withSignature(String keyIdentifier, String value) {
        return new Checkpoint(position, firstPosition, logHash, signedAt, keyIdentifier, value);
    }
}
