package dev.dealledger.axon;

import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs with one Ed25519 key on the appender: every transaction that appends stores a signed checkpoint, under the
 * log's lock (docs/security.md, "Tamper evidence"), so the signature is paid once per transaction on the one thread
 * every write passes. The JDK's signer took 0.5-1.9 ms per signature on the benchmark's machine and about half the
 * appender's profile (docs/benchmarks.md, "Known gaps"); BouncyCastle's RFC 8032 implementation takes 0.14-0.22 ms.
 * Ed25519 signatures are deterministic, so both produce the same bytes for the same key and message
 * ({@code SigningLikeTheJdkTest} holds it), and everything that checks a signature, the offline verifier included,
 * keeps using the JDK ({@code CheckpointKeys.verifies}).
 */
public final class Ed25519Signer {

    private final byte[] seed;

    /** {@code key} as {@code CheckpointKeys} reads or generates it: the JDK's Ed25519 private key. */
    public Ed25519Signer(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed)) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        this.seed = ed.getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the Ed25519 private key does not expose its bytes"));
        if (seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException(
                    "an Ed25519 private key has " + Ed25519.SECRET_KEY_SIZE + " bytes, not " + seed.length);
        }
    }

    /** The Base64 signature of {@code message}, as {@code CheckpointKeys.signature} writes it. */
    public String signature(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
        return Base64.getEncoder().encodeToString(signature);
    }
}
