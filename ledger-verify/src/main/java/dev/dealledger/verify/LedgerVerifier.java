package dev.dealledger.verify;

import java.security.PublicKey;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies a whole log, trusting nothing but the rows, the checkpoints and the public key: fed the stored events in
 * position order ({@link #accept}), it answers a {@link Verdict} that names the first bad position. The services and
 * the offline verifier ({@link Main}) run this same code.
 *
 * <p>What it detects, and where:
 *
 * <ul>
 *   <li>an edited event (any column or metadata field the history shows): its own hash no longer matches, at its
 *       position;
 *   <li>two events swapped, or one moved: the position is part of the hash, so at the first moved position;
 *   <li>a deleted event or stream in the middle: the positions jump, at the first missing position;
 *   <li>an event appended with the database login alone (a forged append): it is covered by no signed checkpoint,
 *       since the key is not in the database, at its position;
 *   <li>a truncated tail: a checkpoint in the table, or one the auditor kept ({@code trusted}), was signed at a
 *       position beyond the head, at the first missing position;
 *   <li>a checkpoint that was forged or altered: its signature does not verify, or the log up to it no longer hashes
 *       to what it signed, at its position.
 * </ul>
 *
 * <p>A verifier can also be kept and fed on ({@link #addCheckpoints}, {@link #accept}, {@link #endsAt}): the query
 * service's standing verdict (docs/adr/0008) carries one whole pass forward to the head by the events and checkpoints
 * stored after it. A kept verifier can {@link #forgetHeads forget} each stream's last hash, which grows with the
 * ledger, and look it up where the stream's event is stored ({@link StreamHeads}) when the stream appends again.
 */
public final class LedgerVerifier {

    /** The first thing found wrong. */
    public record Finding(long position, String reason) {}

    /**
     * The outcome. {@code head} is the last position checked and {@code logHash} the log hash there; {@code latest} is
     * the newest checkpoint whose signature verified.
     */
    public record Verdict(
            boolean ok,
            long eventsChecked,
            long head,
            String logHash,
            Optional<Checkpoint> latest,
            Optional<Finding> firstBad) {}

    /** A stream's last event: its sequence number and its stored hash, which the next event must link to. */
    public record StreamHead(long sequenceNumber, String hash) {}

    /** Where a verifier that forgot its stream heads finds the last event of a stream before its head. */
    @FunctionalInterface
    public interface StreamHeads {
        /** The stream's last event at or before the verifier's head, or null if it has none. */
        StreamHead lastOf(String aggregateId);
    }

    private static final Comparator<Checkpoint> IN_LOG_ORDER = Comparator.comparingLong(Checkpoint::position)
            .thenComparingLong(Checkpoint::firstPosition)
            .thenComparing(Checkpoint::signedAt);

    private final PublicKey key;
    /** The checkpoints not yet checked, first the one at the lowest position. */
    private final PriorityQueue<Checkpoint> pending = new PriorityQueue<>(IN_LOG_ORDER);
    /** The checkpoints checked at the current head: one stored later at the same position is new, these are not. */
    private final Set<Checkpoint> checkedAtHead = new HashSet<>();

    private final NavigableMap<Long, Checkpoint> rangesByFirst = new TreeMap<>();
    private final Checkpoint trusted;
    private final Map<String, StreamHead> heads = new HashMap<>();
    /** Whether streams not in {@link #heads} may have events before the head: then {@link #lookup} has their heads. */
    private boolean headsForgotten;

    private StreamHeads lookup;

    private long expectedPosition = 1;
    private long checked;
    private String logHash = LogChain.GENESIS;
    private Checkpoint latest;
    private Finding firstBad;

    /**
     * @param checkpoints every checkpoint stored with the log, in any order
     * @param trusted a checkpoint the auditor kept from earlier, or null; it is checked like the others, and the log
     *     must still reach it
     */
    public LedgerVerifier(PublicKey key, List<Checkpoint> checkpoints, Checkpoint trusted) {
        this.key = key;
        this.trusted = trusted;
        if (trusted != null) {
            pending.add(trusted);
        }
        for (Checkpoint checkpoint : checkpoints) {
            pending.add(checkpoint);
            coverRange(checkpoint);
        }
        checkpointsAt(0);
    }

    /**
     * Takes in checkpoints stored since this verifier was fed its last event. One at the head is checked at once, the
     * others when the log reaches them. One below the head cannot be checked without the log hash there, which a kept
     * verifier no longer has; the ledger signs under the log's lock, so such a row was not written by the ledger, and
     * the next whole pass names it. Answers false once something was found wrong.
     */
    public boolean addCheckpoints(Collection<Checkpoint> later) {
        long head = expectedPosition - 1;
        for (Checkpoint checkpoint : later) {
            if (checkpoint.position() > head
                    || (checkpoint.position() == head && !checkedAtHead.contains(checkpoint))) {
                pending.add(checkpoint);
                coverRange(checkpoint);
            }
        }
        return checkpointsAt(head) && firstBad == null;
    }

    private void coverRange(Checkpoint checkpoint) {
        if (checkpoint.firstPosition() <= checkpoint.position()) {
            rangesByFirst.merge(checkpoint.firstPosition(), checkpoint, (a, b) -> a.position() >= b.position() ? a : b);
        }
    }

    /**
     * Drops every stream's head: a kept verifier holds one per stream of the ledger otherwise. Before it is fed events
     * again, it must be told where to look them up ({@link #lookUpHeadsIn}).
     */
    public void forgetHeads() {
        heads.clear();
        headsForgotten = true;
        lookup = null;
    }

    /**
     * Where to find the head of a stream this verifier has no head for, while it is fed: the stream's last event at or
     * before {@link #head()}, as stored now. Its link is then checked against the stored hash, so an earlier event whose
     * hash was rewritten is named here; an edit that left the stored hash alone shows at the next whole pass.
     */
    public void lookUpHeadsIn(StreamHeads streamHeads) {
        this.lookup = streamHeads;
    }

    /** The last position checked. */
    public long head() {
        return expectedPosition - 1;
    }

    /**
     * Tells a kept verifier where the stored log ends now: a log that ends below the positions already checked lost its
     * tail since. Answers false once something was found wrong.
     */
    public boolean endsAt(long lastStoredPosition) {
        long head = expectedPosition - 1;
        if (lastStoredPosition < head) {
            return bad(
                    lastStoredPosition + 1,
                    "the log ends at " + lastStoredPosition + " but was verified up to " + head
                            + ": events were removed from the end");
        }
        return firstBad == null;
    }

    /** Checks the next stored event; answers false once something was found wrong (the rest need not be fed). */
    public boolean accept(StoredEvent event) {
        if (firstBad != null) {
            return false;
        }
        long p = event.position();
        if (p != expectedPosition) {
            return bad(
                    expectedPosition,
                    p > expectedPosition
                            ? "position " + expectedPosition + " is missing: the log goes from "
                                    + (expectedPosition - 1) + " to " + p
                            : "position " + p + " appears again or out of order after " + (expectedPosition - 1));
        }
        // Looked up first: a lookup that fails leaves this verifier where it was, to be fed the same event again.
        StreamHead head = heads.get(event.aggregateId());
        if (head == null && headsForgotten) {
            if (lookup == null) {
                throw new IllegalStateException("this verifier forgot its stream heads: say where to look them up");
            }
            head = lookup.lastOf(event.aggregateId());
        }
        checked++;
        EventHash.Check check = EventHash.check(event);
        if (check.storedHash() == null) {
            return bad(p, "the event carries no hash");
        }
        if (!check.matches()) {
            return bad(p, "the event's content does not match its hash");
        }
        long expectedSequence = head == null ? 0 : head.sequenceNumber() + 1;
        if (event.sequenceNumber() != expectedSequence) {
            return bad(
                    p,
                    "aggregate " + event.aggregateId() + " goes from sequence " + (expectedSequence - 1) + " to "
                            + event.sequenceNumber());
        }
        String expectedPrevious = head == null ? EventHash.GENESIS : head.hash();
        if (!expectedPrevious.equals(check.storedPrevious())) {
            return bad(p, "the link to the previous event of aggregate " + event.aggregateId() + " is broken");
        }
        heads.put(event.aggregateId(), new StreamHead(event.sequenceNumber(), check.storedHash()));
        Map.Entry<Long, Checkpoint> range = rangesByFirst.floorEntry(p);
        if (range == null || range.getValue().position() < p) {
            return bad(p, "no signed checkpoint covers this event: it was not appended by the ledger");
        }
        logHash = LogChain.next(logHash, p, check.storedHash());
        expectedPosition = p + 1;
        return checkpointsAt(p);
    }

    /**
     * The verdict once every stored event was fed: a checkpoint still waiting was signed beyond the end. A kept
     * verifier answers it after each feeding, and it stays true to what it was fed.
     */
    public Verdict finish() {
        long head = expectedPosition - 1;
        if (firstBad == null && !pending.isEmpty()) {
            Checkpoint beyond = pending.peek();
            bad(
                    head + 1,
                    "the log ends at " + head + " but "
                            + (beyond == trusted ? "the trusted checkpoint" : "a checkpoint") + " was signed at "
                            + beyond.position() + ": events were removed from the end");
        }
        // A range that begins below the floor of the next position can never be the floor of a later one.
        Long floor = rangesByFirst.floorKey(expectedPosition);
        if (floor != null) {
            rangesByFirst.headMap(floor, false).clear();
        }
        return new Verdict(
                firstBad == null, checked, head, logHash, Optional.ofNullable(latest), Optional.ofNullable(firstBad));
    }

    /** Checks every checkpoint signed at {@code position} against the log hash there. */
    private boolean checkpointsAt(long position) {
        if (!checkedAtHead.isEmpty() && checkedAtHead.iterator().next().position() != position) {
            checkedAtHead.clear();
        }
        while (!pending.isEmpty() && pending.peek().position() == position) {
            Checkpoint checkpoint = pending.poll();
            checkedAtHead.add(checkpoint);
            String which = checkpoint == trusted ? "the trusted checkpoint" : "the checkpoint";
            if (!CheckpointKeys.verify(checkpoint, key)) {
                return bad(position, which + " at " + position + " is not signed by the ledger's key");
            }
            if (!checkpoint.logHash().equals(logHash)) {
                return bad(position, "the log up to " + position + " no longer hashes to what " + which + " signed");
            }
            if (latest == null || latest.position() <= checkpoint.position()) {
                latest = checkpoint;
            }
        }
        return true;
    }

    private boolean bad(long position, String reason) {
        if (firstBad == null) {
            firstBad = new Finding(position, reason);
        }
        return false;
    }
}
