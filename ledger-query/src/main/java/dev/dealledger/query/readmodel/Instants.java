package dev.dealledger.query.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the read model's statements bind them. */
public final class Instants {

    private Instants() {}

    /** An instant as the driver binds it to a {@code TIMESTAMP WITH TIME ZONE} column, in UTC. */
    public static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
