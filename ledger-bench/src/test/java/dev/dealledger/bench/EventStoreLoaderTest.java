package dev.dealledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.axon.EventSerialization;
import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

class EventStoreLoaderTest {

    private final ObjectMapper json = new ObjectMapper();

    private static HistoryGenerator.Event commitment(long sequence, String id) {
        return new HistoryGenerator.Event(
                "of-1",
                "Deal",
                sequence,
                new CommitmentRecordedEvent(
                        "of-1",
                        id,
                        new BigDecimal("1200000.00"),
                        "USD",
                        LocalDate.of(2025, 2, 1),
                        LocalDate.of(2026, 1, 31),
                        "H100 cluster",
                        LocalDate.of(2025, 1, 10)),
                null,
                null);
    }

    @Test
    void stored_events_carry_the_command_services_format_and_a_verifiable_hash_chain() throws Exception {
        EventStoreLoader loader = new EventStoreLoader(1);
        Instant at = Instant.parse("2026-04-01T09:30:00.123Z");

        EventStoreLoader.StoredEvent first = loader.stored(commitment(0, "c-1"), at, 1);
        EventStoreLoader.StoredEvent second = loader.stored(commitment(1, "c-2"), at.plusMillis(1), 2);

        assertThat(first.payloadType()).isEqualTo(CommitmentRecordedEvent.class.getName());
        assertThat(first.payloadRevision()).isEqualTo("1");
        assertThat(first.timeStamp()).isEqualTo("2026-04-01T09:30:00.123Z");
        assertThat(first.eventIdentifier())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Object payload = EventSerialization.serializer()
                .deserialize(new SimpleSerializedObject<>(
                        first.payload(), byte[].class, new SimpleSerializedType(first.payloadType(), "1")));
        assertThat(payload).isEqualTo(commitment(0, "c-1").payload());
        assertThat(json.readTree(first.payload()).get("amount").asText()).isEqualTo("1200000.00");

        JsonNode meta1 = json.readTree(first.metaData());
        JsonNode meta2 = json.readTree(second.metaData());
        assertThat(meta1.get("actor").asText()).isEqualTo(EventStoreLoader.ACTOR);
        assertThat(meta1.get("correlationId").asText())
                .isEqualTo(meta1.get("traceId").asText());
        assertThat(meta1.get(EventHash.PREVIOUS_HASH).asText()).isEqualTo(EventHash.GENESIS);
        assertThat(meta2.get(EventHash.PREVIOUS_HASH).asText())
                .isEqualTo(meta1.get(EventHash.HASH).asText());
        // Recomputed exactly as verification does it from the stored columns.
        EventHash.Check check = EventHash.check(new StoredEvent(
                2,
                second.eventIdentifier(),
                "Deal",
                "of-1",
                1,
                second.payloadType(),
                second.payloadRevision(),
                second.timeStamp(),
                second.metaData(),
                second.payload()));
        assertThat(check.matches()).isTrue();
        assertThat(check.storedPrevious()).isEqualTo(meta1.get(EventHash.HASH).asText());
    }

    @Test
    void copy_text_escapes_what_the_format_reserves() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        EventStoreLoader.text(out, "a\\b\tc\nd\re");
        out.write('|');
        EventStoreLoader.text(out, null);
        out.write('|');
        EventStoreLoader.bytea(out, new byte[] {0x00, 0x7f, (byte) 0xff});

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\\\\b\\tc\\nd\\re|\\N|\\\\x007fff");
    }

    @Test
    void a_copy_row_has_ten_columns_starting_with_its_position() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new EventStoreLoader(1).row(out, commitment(0, "c-1"), Instant.parse("2026-04-01T09:30:00Z"), 7);

        String row = out.toString(StandardCharsets.UTF_8);
        assertThat(row).endsWith("\n");
        String[] columns = row.substring(0, row.length() - 1).split("\t", -1);
        assertThat(columns).hasSize(10);
        assertThat(columns[0]).isEqualTo("7");
        assertThat(columns[2]).startsWith("\\\\x");
        assertThat(columns[6]).isEqualTo("2026-04-01T09:30:00.000Z");
        assertThat(columns[7]).isEqualTo("of-1");
        assertThat(columns[8]).isEqualTo("0");
        assertThat(columns[9]).isEqualTo("Deal");
    }
}
