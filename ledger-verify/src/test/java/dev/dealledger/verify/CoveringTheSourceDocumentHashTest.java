package dev.dealledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A fact's sourceDocumentSha256 (docs/domain.md, "Evidence anchoring") is part of what its hash covers: the history can
 * only prove which document a fact rests on if nobody can swap, drop or add that hash afterwards. Version 2 hashes
 * every metadata field, so the field needs no place of its own in {@link EventHash}; these tests hold it to that.
 */
class CoveringTheSourceDocumentHashTest {

    /** The metadata key the command service writes (ledger-api MetadataKeys.SOURCE_DOCUMENT_SHA256). */
    static final String SOURCE_DOCUMENT_SHA256 = "sourceDocumentSha256";

    static final String SIGNED_ORDER_FORM =
            Encoding.of("document").text("signed order form").sha256();
    static final String ANOTHER_DOCUMENT =
            Encoding.of("document").text("a more convenient order form").sha256();

    /** Positions 1 (a) and 2 (b) carry no anchor; 3 (a) and 4 (c) are anchored to the order form; 5 (b) is not. */
    private final SyntheticLog log = new SyntheticLog()
            .transaction("a", "b")
            .transaction(Map.of(SOURCE_DOCUMENT_SHA256, SIGNED_ORDER_FORM), "a", "c")
            .transaction("b");

    @Test
    void a_log_with_anchored_and_unanchored_facts_verifies() {
        LedgerVerifier.Verdict verdict = log.verify(log.events, log.checkpoints, null);

        assertThat(verdict.ok()).as(String.valueOf(verdict.firstBad())).isTrue();
        assertThat(verdict.eventsChecked()).isEqualTo(5);
    }

    @Test
    void the_anchor_replaced_by_another_documents_hash_is_found_at_its_position() throws IOException {
        List<StoredEvent> edited = editMetadata(2, meta -> meta.put(SOURCE_DOCUMENT_SHA256, ANOTHER_DOCUMENT));

        assertThat(firstBad(edited)).isEqualTo(3);
    }

    @Test
    void the_anchor_removed_is_found_at_its_position() throws IOException {
        List<StoredEvent> edited = editMetadata(3, meta -> meta.remove(SOURCE_DOCUMENT_SHA256));

        assertThat(firstBad(edited)).isEqualTo(4);
    }

    @Test
    void an_anchor_added_afterwards_to_a_fact_recorded_without_one_is_found_at_its_position() throws IOException {
        List<StoredEvent> edited = editMetadata(1, meta -> meta.put(SOURCE_DOCUMENT_SHA256, SIGNED_ORDER_FORM));

        assertThat(firstBad(edited)).isEqualTo(2);
    }

    @Test
    void the_anchor_changed_only_in_letter_case_is_found_at_its_position() throws IOException {
        // The same digest to a reader who folds case, but not the bytes that were hashed: the contract stores lower
        // case only, so an upper-case anchor in the table can only be an edit.
        List<StoredEvent> edited =
                editMetadata(2, meta -> meta.put(SOURCE_DOCUMENT_SHA256, SIGNED_ORDER_FORM.toUpperCase()));

        assertThat(firstBad(edited)).isEqualTo(3);
    }

    private List<StoredEvent> editMetadata(int index, Consumer<ObjectNode> edit) throws IOException {
        List<StoredEvent> edited = new ArrayList<>(log.events);
        ObjectNode meta =
                (ObjectNode) SyntheticLog.JSON.readTree(edited.get(index).metaData());
        edit.accept(meta);
        edited.set(index, SyntheticLog.withMeta(edited.get(index), meta));
        return edited;
    }

    private long firstBad(List<StoredEvent> stored) {
        LedgerVerifier.Verdict verdict = log.verify(stored, log.checkpoints, null);
        assertThat(verdict.ok()).as("tampering is detected").isFalse();
        return verdict.firstBad().orElseThrow().position();
    }
}
