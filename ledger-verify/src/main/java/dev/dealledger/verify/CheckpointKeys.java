package dev.dealledger.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Ed25519 keys of checkpoints, as PEM files (PKCS#8 private, X.509 public), and signing and checking with them. Only
 * the JDK is used.
 */
public final class CheckpointKeys {

    private static final String ALGORITHM = "Ed25519";

    private CheckpointKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    public static PrivateKey readPrivate(Path pem) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(pem))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(pem + " is not an Ed25519 private key in PKCS#8 PEM", e);
        }
    }

    public static PublicKey readPublic(Path pem) throws IOException {
        return parsePublic(Files.readString(pem), pem.toString());
    }

    public static PublicKey parsePublic(String pem, String origin) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(origin + " is not an Ed25519 public key in X.509 PEM", e);
        }
    }

    /** The public key derived from a private one is not offered by the JDK, so pairs are written together. */
    public static void write(KeyPair pair, Path privatePem, Path publicPem) throws IOException {
        Files.createDirectories(privatePem.toAbsolutePath().getParent());
        Files.createDirectories(publicPem.toAbsolutePath().getParent());
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The first 16 hex digits of the SHA-256 of the X.509 encoding: names a key without showing it. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Checkpoint sign(Checkpoint unsigned, PrivateKey key, String keyId) {
        return sign(unsigned, keyId, signed -> signature(signed, key));
    }

    /**
     * As above, with the signature made by {@code signer} (the Base64 signature of the bytes it is given): the command
     * service signs with a faster implementation of the same algorithm, which gives the same bytes.
     */
    public static Checkpoint sign(Checkpoint unsigned, String keyId, Function<byte[], String> signer) {
        Checkpoint named = unsigned.withSignature(keyId, null);
        return named.withSignature(keyId, signer.apply(named.signedBytes()));
    }

    public static boolean verify(Checkpoint checkpoint, PublicKey key) {
        if (checkpoint.signature() == null || !keyId(key).equals(checkpoint.keyId())) {
            return false;
        }
        return verifies(checkpoint.signedBytes(), checkpoint.signature(), key);
    }

    /** The Base64 Ed25519 signature of {@code signed}, an {@link Encoding} that names what it signs. */
    public static String signature(byte[] signed, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signed);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the checkpoint key", e);
        }
    }

    /** Whether {@code signature} (Base64) is {@code key}'s signature of {@code signed}; false for anything malformed. */
    public static boolean verifies(byte[] signed, String signature, PublicKey key) {
        if (signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
