package dev.dealledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way of rewriting history is detected, at the exact position where the log stops being what was recorded. */
class DetectingTamperingTest {

    private final SyntheticLog log = SyntheticLog.ofFourTransactions();

    @Test
    void an_untouched_log_verifies_up_to_its_latest_checkpoint() {
        LedgerVerifier.Verdict verdict = log.verify(log.events, log.checkpoints, null);

        assertThat(verdict.ok()).as(String.valueOf(verdict.firstBad())).isTrue();
        assertThat(verdict.eventsChecked()).isEqualTo(7);
        assertThat(verdict.head()).isEqualTo(7);
        assertThat(verdict.latest().orElseThrow().position()).isEqualTo(7);
        assertThat(verdict.logHash()).isEqualTo(log.checkpoints.get(3).logHash());
    }

    @Test
    void a_reason_edited_in_the_metadata_is_found_at_its_position() throws Exception {
        List<StoredEvent> edited = new ArrayList<>(log.events);
        ObjectNode meta = (ObjectNode) SyntheticLog.JSON.readTree(edited.get(2).metaData());
        meta.put("reason", "a better story");
        edited.set(2, SyntheticLog.withMeta(edited.get(2), meta));

        assertThat(firstBad(edited, log.checkpoints, null)).isEqualTo(3);
    }

    @Test
    void a_payload_edited_is_found_at_its_position() {
        List<StoredEvent> edited = new ArrayList<>(log.events);
        StoredEvent e = edited.get(1);
        edited.set(
                1,
                e.withPayload(new String(e.payload(), StandardCharsets.UTF_8)
                        .replace("100.00", "900.00")
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(firstBad(edited, log.checkpoints, null)).isEqualTo(2);
    }

    @Test
    void two_events_swapped_are_found_at_the_first_of_them() {
        List<StoredEvent> swapped = new ArrayList<>(log.events);
        swapped.set(1, log.events.get(3).withPosition(2));
        swapped.set(3, log.events.get(1).withPosition(4));

        assertThat(firstBad(swapped, log.checkpoints, null)).isEqualTo(2);
    }

    @Test
    void a_whole_stream_deleted_is_found_at_its_first_position() {
        List<StoredEvent> withoutB =
                log.events.stream().filter(e -> !e.aggregateId().equals("b")).toList();

        assertThat(firstBad(withoutB, log.checkpoints, null)).isEqualTo(2);
    }

    @Test
    void an_append_made_with_the_database_login_alone_is_found_at_its_position() {
        List<StoredEvent> forged = new ArrayList<>(log.events);
        // A valid hash and a valid link: whoever can read the table can compute them. Only the checkpoint is missing.
        forged.add(log.event(8, "a", "{\"effectiveDate\":\"2024-01-01\",\"amount\":\"1.00\"}", "someone-else"));

        assertThat(firstBad(forged, log.checkpoints, null)).isEqualTo(8);
    }

    @Test
    void a_tail_truncated_with_its_checkpoints_is_found_against_the_checkpoint_the_auditor_kept() {
        Checkpoint kept = log.checkpoints.get(3);
        List<StoredEvent> truncated = log.events.subList(0, 3);
        List<Checkpoint> remaining = log.checkpoints.subList(0, 2);

        assertThat(log.verify(truncated, remaining, null).ok())
                .as("without a kept checkpoint the shorter log is consistent")
                .isTrue();
        assertThat(firstBad(truncated, remaining, kept)).isEqualTo(4);
    }

    @Test
    void a_tail_truncated_while_its_checkpoints_remain_is_found_after_the_new_end() {
        assertThat(firstBad(log.events.subList(0, 3), log.checkpoints, null)).isEqualTo(4);
    }

    @Test
    void a_checkpoint_signed_with_another_key_is_found_at_its_position() {
        SyntheticLog other = new SyntheticLog().transaction("a", "b");
        List<Checkpoint> forged = new ArrayList<>(log.checkpoints);
        forged.set(0, other.checkpoints.get(0));

        assertThat(firstBad(log.events, forged, null)).isEqualTo(2);
    }

    @Test
    void a_deleted_checkpoint_leaves_its_events_unsealed() {
        List<Checkpoint> fewer = new ArrayList<>(log.checkpoints);
        fewer.remove(1);

        assertThat(firstBad(log.events, fewer, null)).isEqualTo(3);
    }

    @Test
    void events_in_another_order_than_their_positions_are_found() {
        List<StoredEvent> reversed = new ArrayList<>(log.events);
        Collections.swap(reversed, 4, 5);

        assertThat(firstBad(reversed, log.checkpoints, null)).isEqualTo(5);
    }

    @Test
    void the_encoding_tells_apart_fields_that_a_joined_text_would_not() {
        assertThat(Encoding.of("k").text("a\nb").text("c").sha256())
                .isNotEqualTo(Encoding.of("k").text("a").text("b\nc").sha256());
        assertThat(Encoding.of("k").text(null).sha256())
                .isNotEqualTo(Encoding.of("k").text("null").sha256());
        assertThat(Encoding.of("k").text("").sha256())
                .isNotEqualTo(Encoding.of("k").text(null).sha256());
        assertThat(Encoding.of("event").text("x").sha256())
                .isNotEqualTo(Encoding.of("checkpoint").text("x").sha256());
    }

    private long firstBad(List<StoredEvent> stored, List<Checkpoint> signed, Checkpoint trusted) {
        LedgerVerifier.Verdict verdict = log.verify(stored, signed, trusted);
        assertThat(verdict.ok()).as("tampering is detected").isFalse();
        return verdict.firstBad().orElseThrow().position();
    }
}
