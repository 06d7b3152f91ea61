package dev.dealledger.query.readmodel;

import java.time.Instant;

/**
 * The projection's change journal (db/migration V5) as one read's transaction sees it: how far the projection has got,
 * and which knowledge instants its transactions since some version touched. It lets a kept answer prove it still holds.
 */
public interface ProjectionChanges {

    /** The journal's current version, and the latest recorded instant projected so far (null when none). */
    record Version(long version, Instant maxRecordedAt) {}

    /** How many projection transactions the journal holds in (after, upTo], and the earliest instant they projected. */
    record Changes(long transactions, Instant earliestRecordedAt) {}

    Version current();

    Changes between(long after, long upTo);
}
