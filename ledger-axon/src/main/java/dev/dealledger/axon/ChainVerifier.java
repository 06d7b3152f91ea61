package dev.dealledger.axon;

import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.StoredEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Recomputes the {@link EventHash} chain of one aggregate straight from the event table, trusting nothing but the
 * rows, and reports its first event whose stored content no longer matches its hash or whose link to its predecessor
 * is broken. The whole log, with its signed checkpoints, is verified by {@link dev.dealledger.verify.LedgerVerifier}.
 */
public final class ChainVerifier {

    private final ActiveDataSource dataSource;

    public ChainVerifier(ActiveDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The outcome for one aggregate: how many events were checked, and the first broken one if any. */
    public record Result(String aggregateId, long eventsChecked, Optional<Broken> firstBroken) {
        public boolean ok() {
            return firstBroken.isEmpty();
        }
    }

    /** The first event whose hash does not verify, and why. */
    public record Broken(long position, long sequenceNumber, String reason) {}

    public Result verify(String aggregateId) {
        long[] checked = {0};
        long[] expectedSequence = {0};
        String[] previous = {EventHash.GENESIS};
        Broken[] broken = {null};
        try (Connection c = dataSource.connection()) {
            StoredEvents.ofAggregate(c, aggregateId, event -> {
                checked[0]++;
                broken[0] = check(event, expectedSequence[0], previous[0]);
                if (broken[0] != null) {
                    return false;
                }
                expectedSequence[0]++;
                previous[0] = EventHash.storedHash(event.metaData());
                return true;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not verify " + aggregateId, e);
        }
        return new Result(aggregateId, checked[0], Optional.ofNullable(broken[0]));
    }

    private static Broken check(StoredEvent event, long expectedSequence, String previous) {
        long position = event.position();
        long sequence = event.sequenceNumber();
        if (sequence != expectedSequence) {
            return new Broken(position, sequence, "sequence gap: expected " + expectedSequence);
        }
        EventHash.Check check = EventHash.check(event);
        if (check.storedHash() == null) {
            return new Broken(position, sequence, "event carries no hash");
        }
        if (!previous.equals(check.storedPrevious())) {
            return new Broken(position, sequence, "link to the previous event is broken");
        }
        if (!check.matches()) {
            return new Broken(position, sequence, "content does not match its hash");
        }
        return null;
    }
}
