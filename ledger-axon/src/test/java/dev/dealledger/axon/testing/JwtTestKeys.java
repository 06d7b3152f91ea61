package dev.dealledger.axon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A throw-away RSA key pair for a test run, so tests exercise real bearer-token verification without any key in the
 * repository. The pair lives in the module's {@code target/test-jwt} (override: {@code ledger.test.jwt.dir}), where the
 * services' test profile looks for the public key; keeping it in files lets the test code and the application under
 * test, which Quarkus loads in different class loaders, share one pair.
 */
public final class JwtTestKeys {

    public static final String ISSUER = "https://dealledger.dev/test";

    /** The audience the services require by default ({@code LEDGER_JWT_AUDIENCE}). */
    public static final String AUDIENCE = "deal-ledger";

    private static KeyPair keys;

    private JwtTestKeys() {}

    public static Path directory() {
        return Path.of(System.getProperty("ledger.test.jwt.dir", "target/test-jwt"))
                .toAbsolutePath();
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                keys = loadOrCreate(directory());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    private static KeyPair loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path privateFile = dir.resolve("private.pem");
        Path publicFile = dir.resolve("public.pem");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(publicFile))));
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            return new KeyPair(publicKey, privateKey);
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // Written private first, public last and each by an atomic move: a reader that sees public.pem sees both.
        atomicWrite(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        atomicWrite(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return pair;
    }

    private static void atomicWrite(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** The public key file, as a location the services accept for {@code mp.jwt.verify.publickey.location}. */
    public static String publicKeyLocation() {
        keys();
        return "file:" + directory().resolve("public.pem");
    }

    /** A token for {@code subject} with the given roles, valid for an hour. */
    public static String token(String subject, String... roles) {
        return sign(keys().getPrivate(), subject, AUDIENCE, Duration.ZERO, roles);
    }

    /** A trusted token for another audience ({@code null}: none), valid for an hour. */
    public static String tokenForAudience(String audience, String subject, String... roles) {
        return sign(keys().getPrivate(), subject, audience, Duration.ZERO, roles);
    }

    /** A trusted token issued {@code ago}, still an hour from its expiry. */
    public static String tokenIssuedAgo(Duration ago, String subject, String... roles) {
        return sign(keys().getPrivate(), subject, AUDIENCE, ago, roles);
    }

    /** A token signed by a key the services do not trust. */
    public static String foreignToken(String subject, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(generator.generateKeyPair().getPrivate(), subject, AUDIENCE, Duration.ZERO, roles);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token signed with {@code key} whose header names the key {@code keyId}, as an identity provider that publishes
     * several keys in a JWKS signs them.
     */
    public static String tokenSignedWith(PrivateKey key, String keyId, String subject, String... roles) {
        return sign(key, keyId, subject, AUDIENCE, Duration.ZERO, roles);
    }

    private static String sign(PrivateKey key, String subject, String audience, Duration issuedAgo, String... roles) {
        return sign(key, null, subject, audience, issuedAgo, roles);
    }

    private static String sign(
            PrivateKey key, String keyId, String subject, String audience, Duration issuedAgo, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        if (audience != null) {
            claims.setAudience(audience);
        }
        claims.setSubject(subject);
        claims.setStringListClaim("groups", List.of(roles));
        claims.setIssuedAt(
                NumericDate.fromSeconds(Instant.now().minus(issuedAgo).getEpochSecond()));
        claims.setExpirationTimeMinutesInTheFuture(Duration.ofHours(1).toMinutes());
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setHeader("typ", "JWT");
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }
}
