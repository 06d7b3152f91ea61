package dev.dealledger.api.view;

/**
 * A signed checkpoint of the log, as both services serve it (docs/security.md, "Tamper evidence"): the log up to
 * {@code position} hashes to {@code logHash}, and the ledger appended {@code firstPosition..position} itself.
 * {@code signature} is Ed25519, base64, over the fields in the encoding of {@code dev.dealledger.verify.Checkpoint};
 * {@code keyId} names the public key it verifies with.
 */
public record CheckpointView(
        long position, long firstPosition, String logHash, String signedAt, String keyId, String signature) {}
