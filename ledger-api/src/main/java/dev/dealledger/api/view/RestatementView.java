package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of GET /api/v1/restatements: for one counterparty at one asOf, every total that differs between knowledge
 * instants {@code from} and {@code to}, each with the positions of the facts that moved it and its bridge by kind of
 * cause, and those facts (docs/domain.md, "Restatement causes"). {@code causesTruncated}: the service lists at most a
 * configured number of causes, the earliest; the changes then name only those, while their before, after and bridge
 * still count every cause. {@code reportingCurrency}: the currency of the {@code reporting.*} fields compared, or null.
 */
public record RestatementView(
        String counterpartyId,
        LocalDate asOf,
        Instant from,
        Instant to,
        Instant knownAt,
        List<Change> changes,
        List<Cause> causes,
        boolean causesTruncated,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reportingCurrency) {

    /** The canonical constructor is the one JSON binds to (a client reading an answer). */
    @JsonCreator
    public RestatementView {}

    /** A restatement in the rows' own currencies (kept for source compatibility within v1). */
    public RestatementView(
            String counterpartyId,
            LocalDate asOf,
            Instant from,
            Instant to,
            Instant knownAt,
            List<Change> changes,
            List<Cause> causes,
            boolean causesTruncated) {
        this(counterpartyId, asOf, from, to, knownAt, changes, causes, causesTruncated, null);
    }

    /** A restatement that lists every cause. */
    public RestatementView(
            String counterpartyId,
            LocalDate asOf,
            Instant from,
            Instant to,
            Instant knownAt,
            List<Change> changes,
            List<Cause> causes) {
        this(counterpartyId, asOf, from, to, knownAt, changes, causes, false, null);
    }

    /**
     * One total that differs. {@code causes} are the positions of the facts whose own step moved it; {@code bridge}
     * sums those steps per kind of cause, and the bridge's effects add up to {@code after - before} exactly.
     */
    public record Change(
            String currency,
            Direction direction,
            String field,
            String before,
            String after,
            List<Long> causes,
            List<BridgeLine> bridge) {}

    /** The effect on one total of every cause of one kind, as a signed decimal string in the field's own form. */
    public record BridgeLine(String kind, String effect) {}

    /**
     * A fact recorded in (from, to] that moved at least one listed total, as the history shows it, with its kind:
     * {@link CauseKind}. A fact of another counterparty appears only where it moved this one's concentration.
     */
    public record Cause(
            long position,
            String kind,
            String counterpartyId,
            String dealId,
            String eventType,
            LocalDate effectiveDate,
            Instant recordedAt,
            String actor,
            String reason,
            String sourceReference,
            JsonNode payload) {}
}
