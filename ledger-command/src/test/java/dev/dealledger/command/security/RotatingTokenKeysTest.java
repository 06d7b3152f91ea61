package dev.dealledger.command.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * Verification keys rotate through a JWKS (deploy/README.md, "Token keys"): while the identity provider publishes the
 * outgoing and the incoming key side by side, tokens signed with either are accepted, each by the key its {@code kid}
 * names, and a key the set does not hold is refused.
 */
@QuarkusTest
@TestProfile(RotatingTokenKeysTest.TwoPublishedKeys.class)
@QuarkusTestResource(PostgresTestDatabase.class)
class RotatingTokenKeysTest {

    // Quarkus loads the profile and the test in different class loaders, so the pairs live in files both read.
    private static final Path DIR = Path.of("target/test-jwks").toAbsolutePath();
    static final KeyPair OUTGOING = pair("outgoing");
    static final KeyPair INCOMING = pair("incoming");

    /** The service trusts a JWKS file holding two keys instead of one PEM key. */
    public static class TwoPublishedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path jwks = DIR.resolve("jwks.json");
                Files.writeString(jwks, new JsonWebKeySet(jwk(OUTGOING, "2026-06"), jwk(INCOMING, "2026-12")).toJson());
                return Map.of("mp.jwt.verify.publickey.location", "file:" + jwks);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void tokens_signed_with_either_published_key_are_accepted() {
        for (String token : List.of(
                JwtTestKeys.tokenSignedWith(OUTGOING.getPrivate(), "2026-06", "writer-a", Roles.WRITER),
                JwtTestKeys.tokenSignedWith(INCOMING.getPrivate(), "2026-12", "writer-b", Roles.WRITER))) {
            assertThat(empty(token)).as("a valid token reaches validation").isEqualTo(422);
        }
    }

    @Test
    void a_key_the_set_does_not_hold_is_refused() {
        assertThat(empty(JwtTestKeys.tokenSignedWith(rsa().getPrivate(), "2026-12", "mallory", Roles.WRITER)))
                .as("right kid, wrong key")
                .isEqualTo(401);
        assertThat(empty(JwtTestKeys.tokenSignedWith(rsa().getPrivate(), "2027-06", "mallory", Roles.WRITER)))
                .as("a kid the set does not publish")
                .isEqualTo(401);
        assertThat(empty(JwtTestKeys.tokenSignedWith(OUTGOING.getPrivate(), "2026-12", "mallory", Roles.WRITER)))
                .as("a published key under another key's kid")
                .isEqualTo(401);
    }

    /** An empty agreement: a 422 once the token is accepted, so nothing is recorded either way. */
    private static int empty(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/agreements")
                .statusCode();
    }

    private static JsonWebKey jwk(KeyPair pair, String keyId) {
        RsaJsonWebKey key = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        key.setKeyId(keyId);
        key.setAlgorithm("RS256");
        key.setUse("sig");
        return key;
    }

    /** The pair named {@code name}, created on first use and kept in {@link #DIR}. */
    private static synchronized KeyPair pair(String name) {
        try {
            Path file = DIR.resolve(name + ".key");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            if (!Files.exists(file)) {
                Files.createDirectories(DIR);
                Files.write(file, rsa().getPrivate().getEncoded());
            }
            RSAPrivateCrtKey key =
                    (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            return new KeyPair(
                    factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
