package dev.dealledger.axon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evidence chain of one aggregate's events. Each event's metadata holds the SHA-256 of its canonical content
 * chained to the previous event of the same aggregate, so changing any stored payload, type, date, timestamp or actor
 * — or removing or reordering an event — breaks the chain from that event on.
 *
 * <p>Canonical content, one field per line, UTF-8: the previous hash (or {@link #GENESIS}), aggregate id, sequence
 * number, payload type, payload revision, effective date, recorded-at exactly as stored, actor, and the stored payload
 * JSON.
 */
public final class HashChain {

    public static final String HASH = "ledgerHash";
    public static final String PREVIOUS_HASH = "ledgerPreviousHash";
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {}

    public static String hash(
            String previousHash,
            String aggregateId,
            long sequenceNumber,
            String payloadType,
            String payloadRevision,
            String effectiveDate,
            String recordedAt,
            String actor,
            byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String header = String.join(
                    "\n",
                    previousHash,
                    aggregateId,
                    Long.toString(sequenceNumber),
                    payloadType,
                    String.valueOf(payloadRevision),
                    String.valueOf(effectiveDate),
                    recordedAt,
                    String.valueOf(actor),
                    "");
            sha.update(header.getBytes(StandardCharsets.UTF_8));
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
