package dev.dealledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kept verifier fed on (docs/adr/0008) reaches the verdict a whole pass reaches over the same log, and names what
 * was appended or cut off after it was last fed.
 */
class CarryingAVerdictForwardTest {

    private final SyntheticLog log = SyntheticLog.ofFourTransactions();

    @Test
    void fed_on_from_any_transaction_boundary_it_reaches_the_whole_pass_verdict() {
        assertCarriedForwardFromEveryBoundary(false);
    }

    @Test
    void fed_on_after_forgetting_its_heads_it_looks_them_up_and_reaches_the_same_verdict() {
        assertCarriedForwardFromEveryBoundary(true);
    }

    /**
     * Keeps a verifier after each transaction in turn, feeds it the rest of the log, and holds its verdict equal to a
     * whole pass; {@code forgetting} drops its stream heads first and looks them up in the log instead.
     */
    private void assertCarriedForwardFromEveryBoundary(boolean forgetting) {
        LedgerVerifier.Verdict whole = log.verify(log.events, log.checkpoints, null);

        for (int kept = 0; kept <= log.checkpoints.size(); kept++) {
            int events = kept == 0 ? 0 : (int) log.checkpoints.get(kept - 1).position();
            LedgerVerifier verifier = fed(events, kept);
            if (forgetting) {
                verifier.forgetHeads();
                verifier.lookUpHeadsIn(stream -> lastOf(log.events, stream, events));
            }

            verifier.addCheckpoints(log.checkpoints.subList(kept, log.checkpoints.size()));
            log.events.subList(events, log.events.size()).forEach(verifier::accept);
            verifier.endsAt(log.events.size());

            assertThat(verifier.finish()).as("kept after %d transactions", kept).isEqualTo(whole);
        }
    }

    @Test
    void a_stream_head_rehashed_after_the_pass_is_named_at_the_streams_next_event() {
        LedgerVerifier verifier = fed(3, 2);
        verifier.forgetHeads();
        // Event 3 (stream a, sequence 1) was rewritten with a hash recomputed over its new content: only its
        // successor's link shows it.
        String rehashed = "0".repeat(64);
        verifier.lookUpHeadsIn(stream ->
                stream.equals("a") ? new LedgerVerifier.StreamHead(1, rehashed) : lastOf(log.events, stream, 3));

        verifier.addCheckpoints(log.checkpoints.subList(2, log.checkpoints.size()));
        log.events.subList(3, log.events.size()).forEach(verifier::accept);

        LedgerVerifier.Verdict verdict = verifier.finish();
        assertThat(verdict.firstBad().orElseThrow().position()).isEqualTo(6);
        assertThat(verdict.firstBad().orElseThrow().reason()).contains("link to the previous event of aggregate a");
    }

    @Test
    void a_verifier_that_forgot_its_heads_is_not_fed_without_a_place_to_look_them_up() {
        LedgerVerifier verifier = fed(3, 2);
        verifier.forgetHeads();

        assertThatThrownBy(() -> verifier.accept(log.events.get(3))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_head_lookup_that_fails_leaves_the_verifier_to_be_fed_the_same_event_again() {
        LedgerVerifier.Verdict whole = log.verify(log.events, log.checkpoints, null);
        LedgerVerifier verifier = fed(3, 2);
        verifier.forgetHeads();
        verifier.lookUpHeadsIn(stream -> {
            throw new IllegalStateException("the database went away");
        });
        verifier.addCheckpoints(log.checkpoints.subList(2, log.checkpoints.size()));

        assertThatThrownBy(() -> verifier.accept(log.events.get(3))).hasMessageContaining("went away");

        verifier.forgetHeads();
        verifier.lookUpHeadsIn(stream -> lastOf(log.events, stream, 3));
        log.events.subList(3, log.events.size()).forEach(verifier::accept);
        assertThat(verifier.finish()).isEqualTo(whole);
    }

    /** The last event of {@code stream} among {@code events} at or before {@code position}, as a stored head. */
    private static LedgerVerifier.StreamHead lastOf(List<StoredEvent> events, String stream, long position) {
        LedgerVerifier.StreamHead head = null;
        for (StoredEvent e : events) {
            if (e.position() <= position && e.aggregateId().equals(stream)) {
                head = new LedgerVerifier.StreamHead(e.sequenceNumber(), EventHash.storedHash(e.metaData()));
            }
        }
        return head;
    }

    @Test
    void checkpoints_offered_again_are_not_checked_twice_nor_found_wrong() {
        LedgerVerifier verifier = fed(3, 2);

        assertThat(verifier.addCheckpoints(log.checkpoints)).isTrue();
        log.events.subList(3, log.events.size()).forEach(verifier::accept);

        LedgerVerifier.Verdict verdict = verifier.finish();
        assertThat(verdict.ok()).as(String.valueOf(verdict.firstBad())).isTrue();
        assertThat(verdict.eventsChecked()).isEqualTo(7);
    }

    @Test
    void an_append_forged_after_the_verdict_was_kept_is_named_at_its_position() {
        LedgerVerifier verifier = fed(7, 4);

        verifier.accept(log.event(8, "a", "{\"effectiveDate\":\"2024-01-01\",\"amount\":\"1.00\"}", "someone-else"));

        assertThat(verifier.finish().firstBad().orElseThrow().position()).isEqualTo(8);
    }

    @Test
    void a_tail_cut_below_the_positions_already_verified_is_named_after_the_new_end() {
        LedgerVerifier verifier = fed(7, 4);

        assertThat(verifier.endsAt(5)).isFalse();

        LedgerVerifier.Verdict verdict = verifier.finish();
        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.firstBad().orElseThrow().position()).isEqualTo(6);
        assertThat(verdict.firstBad().orElseThrow().reason()).contains("verified up to 7");
    }

    @Test
    void a_checkpoint_signed_on_demand_at_the_head_is_checked_at_once() {
        LedgerVerifier verifier = fed(7, 4);
        Checkpoint onDemand = log.seal(8);

        assertThat(verifier.addCheckpoints(List.of(onDemand))).isTrue();
        assertThat(verifier.finish().latest()).contains(onDemand);
    }

    @Test
    void a_checkpoint_at_the_head_signed_with_another_key_is_named_at_the_head() {
        LedgerVerifier verifier = fed(7, 4);
        Checkpoint foreign = new SyntheticLog().transaction("a").seal(2);
        Checkpoint atTheHead = new Checkpoint(
                7, 8, log.checkpoints.get(3).logHash(), foreign.signedAt(), foreign.keyId(), foreign.signature());

        assertThat(verifier.addCheckpoints(List.of(atTheHead))).isFalse();
        assertThat(verifier.finish().firstBad().orElseThrow().position()).isEqualTo(7);
    }

    @Test
    void a_checkpoint_stored_later_below_the_head_is_left_to_the_next_whole_pass() {
        LedgerVerifier verifier = fed(7, 4);
        List<Checkpoint> late =
                new ArrayList<>(List.of(new SyntheticLog().transaction("a").seal(2)));

        assertThat(verifier.addCheckpoints(late)).isTrue();
        assertThat(verifier.finish().ok()).isTrue();
        assertThat(log.verify(log.events, withAll(late), null).ok())
                .as("the whole pass names it")
                .isFalse();
    }

    /** A verifier fed the first {@code events} events and the first {@code checkpoints} checkpoints, then asked. */
    private LedgerVerifier fed(int events, int checkpoints) {
        LedgerVerifier verifier =
                new LedgerVerifier(log.keys.getPublic(), log.checkpoints.subList(0, checkpoints), null);
        log.events.subList(0, events).forEach(verifier::accept);
        assertThat(verifier.finish().ok()).isTrue();
        return verifier;
    }

    private List<Checkpoint> withAll(List<Checkpoint> more) {
        List<Checkpoint> all = new ArrayList<>(log.checkpoints);
        all.addAll(more);
        return all;
    }
}
