package dev.dealledger.command.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.Checkpoints;
import dev.dealledger.axon.StoredEvents;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import dev.dealledger.verify.Checkpoint;
import dev.dealledger.verify.CheckpointKeys;
import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.LogChain;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every transaction that records facts stores a checkpoint of the log signed with the configured key, chained from the
 * one before; a checkpoint on demand signs the head without recording anything. (The whole log, with tampering, is
 * verified end to end in ledger-e2e's TamperingWithTheLogIT.)
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.ADMIN})
class SigningTheLogTest {

    @Inject
    ActiveDataSource dataSource;

    @Test
    void a_write_stores_a_signed_checkpoint_of_its_own_events_chained_from_the_previous_one() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath receipt = given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Signing Compute (fictional)\"}")
                .put("/api/v1/counterparties/cp-sign-" + suffix)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long position = receipt.getLong("position");

        try (Connection c = dataSource.connection()) {
            List<Checkpoint> all = Checkpoints.all(c);
            Checkpoint mine =
                    all.stream().filter(cp -> cp.covers(position)).findFirst().orElseThrow();
            // The chain starts over only at the log's first position.
            String before = mine.firstPosition() == 1
                    ? LogChain.GENESIS
                    : all.stream()
                            .filter(cp -> cp.position() == mine.firstPosition() - 1)
                            .max(Comparator.comparing(Checkpoint::signedAt))
                            .orElseThrow()
                            .logHash();

            assertThat(CheckpointKeys.verify(mine, publicKey())).isTrue();
            assertThat(mine.position()).isEqualTo(position);
            String[] logHash = {before};
            StoredEvents.between(c, mine.firstPosition(), mine.position(), e -> {
                logHash[0] = LogChain.next(logHash[0], e.position(), EventHash.storedHash(e.metaData()));
                return true;
            });
            assertThat(mine.logHash()).isEqualTo(logHash[0]);
            // The receipt carries the log's hash at committedThrough, as the checkpoint signed it.
            assertThat(receipt.getLong("committedThrough")).isEqualTo(mine.position());
            assertThat(receipt.getString("logHash")).isEqualTo(mine.logHash());
        }
    }

    @Test
    void a_checkpoint_on_demand_signs_the_head_and_records_nothing() throws Exception {
        long head = head();

        JsonPath checkpoint = given().post("/api/v1/checkpoints")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        assertThat(checkpoint.getLong("position")).isEqualTo(head);
        assertThat(checkpoint.getLong("firstPosition")).isEqualTo(head + 1);
        assertThat(head()).isEqualTo(head);
        Checkpoint signed = new Checkpoint(
                checkpoint.getLong("position"),
                checkpoint.getLong("firstPosition"),
                checkpoint.getString("logHash"),
                checkpoint.getString("signedAt"),
                checkpoint.getString("keyId"),
                checkpoint.getString("signature"));
        assertThat(CheckpointKeys.verify(signed, publicKey())).isTrue();
        assertThat(CheckpointKeys.verify(
                        signed.withSignature(signed.keyId(), withOneBitFlipped(signed.signature())), publicKey()))
                .as("a changed signature does not verify")
                .isFalse();
    }

    // Flips a bit of the decoded signature: editing the Base64 text could leave it unchanged.
    private static String withOneBitFlipped(String signature) {
        byte[] bytes = Base64.getDecoder().decode(signature);
        bytes[0] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    private long head() throws Exception {
        try (Connection c = dataSource.connection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT COALESCE(MAX(global_index), 0) FROM event_store.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PublicKey publicKey() throws Exception {
        return CheckpointKeys.readPublic(Path.of("target/test-checkpoint/public.pem"));
    }
}
