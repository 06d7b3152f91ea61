package dev.dealledger.verify;

import java.util.List;

/**
 * The digest of a period's figures as reported (docs/domain.md, "Period close"): SHA-256 over the period end, the
 * close's instant and every row, each field length-prefixed ({@link Encoding}), rows in the order served. It lives here,
 * beside the hash chain, because both services form it (the command service records it in the close, the query service
 * serves it) and because anyone holding a period's answer recomputes it with nothing but this library.
 */
public final class PeriodDigest {

    /** Names the encoding; a change of what it covers or how gets a new name. */
    public static final String ENCODING = "dealledger-period-close/1";

    private PeriodDigest() {}

    /**
     * One reported row as served: money and concentration as their decimal strings, counts as numbers. Each service
     * maps its own row type onto this one, so the encoding has a single definition.
     */
    public record Row(
            String counterpartyId,
            String currency,
            String direction,
            String committed,
            String elapsed,
            String remaining,
            String potential,
            String exposure,
            String concentration,
            long deals,
            long commitments,
            long optionsOpen,
            long optionsExercised,
            long amendments) {}

    /**
     * @param periodEnd the period end as an ISO date, e.g. {@code 2026-03-31}
     * @param closedAt the close's instant as ISO-8601, as served
     */
    public static String of(String periodEnd, String closedAt, List<Row> rows) {
        Encoding e = Encoding.of(ENCODING).text(periodEnd).text(closedAt).number(rows.size());
        for (Row r : rows) {
            e.text(r.counterpartyId())
                    .text(r.currency())
                    .text(r.direction())
                    .text(r.committed())
                    .text(r.elapsed())
                    .text(r.remaining())
                    .text(r.potential())
                    .text(r.exposure())
                    .text(r.concentration())
                    .number(r.deals())
                    .number(r.commitments())
                    .number(r.optionsOpen())
                    .number(r.optionsExercised())
                    .number(r.amendments());
        }
        return e.sha256();
    }
}
