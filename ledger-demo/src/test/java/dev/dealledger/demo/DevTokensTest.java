package dev.dealledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @TempDir
    Path dir;

    @Test
    void a_token_is_signed_by_the_generated_key_and_carries_subject_roles_and_issuer() throws Exception {
        DevTokens.createKeys(dir);
        String publicPem = Files.readString(dir.resolve("public.pem"));
        DevTokens.createKeys(dir); // a second call keeps the existing pair
        assertThat(Files.readString(dir.resolve("public.pem"))).isEqualTo(publicPem);

        String token = DevTokens.token(dir, "alice", Set.of("ledger-writer", "ledger-auditor"));

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(publicKey(publicPem))
                .setExpectedIssuer(DevTokens.ISSUER)
                .setExpectedAudience(DevTokens.AUDIENCE)
                .setRequireExpirationTime()
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups"))
                .containsExactlyInAnyOrder("ledger-writer", "ledger-auditor");
    }

    @Test
    void a_console_link_carries_an_auditor_token_valid_one_hour() throws Exception {
        DevTokens.createKeys(dir);
        String link = DevTokens.consoleLink(dir, "alice", "http://localhost:8082/");

        assertThat(link).startsWith("http://localhost:8082/console/sign-in?token=");
        String token = link.substring(link.indexOf("token=") + "token=".length());
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(publicKey(Files.readString(dir.resolve("public.pem"))))
                .setExpectedIssuer(DevTokens.ISSUER)
                .setExpectedAudience(DevTokens.AUDIENCE)
                .build()
                .processToClaims(token);
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("ledger-auditor");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
                .isEqualTo(DevTokens.CONSOLE_LINK_VALIDITY.toSeconds());
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
