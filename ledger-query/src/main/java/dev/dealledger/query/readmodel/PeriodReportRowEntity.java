package dev.dealledger.query.readmodel;

import dev.dealledger.api.Direction;
import dev.dealledger.api.view.PeriodView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of a closed period's figures as reported, in the order the digest covers them ({@code ordinal}). Money and
 * concentration are the decimal strings that were served.
 */
@Entity
@Table(name = "rm_period_report_row", schema = "read_model")
@IdClass(PeriodReportRowEntity.RowId.class)
public class PeriodReportRowEntity {

    @Id
    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Id
    @Column(name = "ordinal")
    public int ordinal;

    @Column(name = "counterparty_id", nullable = false, length = 64)
    public String counterpartyId;

    @Column(name = "currency", nullable = false, length = 3)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 16)
    public Direction direction;

    @Column(name = "committed", nullable = false, length = 64)
    public String committed;

    @Column(name = "elapsed", nullable = false, length = 64)
    public String elapsed;

    @Column(name = "remaining", nullable = false, length = 64)
    public String remaining;

    @Column(name = "potential", nullable = false, length = 64)
    public String potential;

    @Column(name = "exposure", nullable = false, length = 64)
    public String exposure;

    @Column(name = "concentration", nullable = false, length = 16)
    public String concentration;

    @Column(name = "deals", nullable = false)
    public long deals;

    @Column(name = "commitments", nullable = false)
    public long commitments;

    @Column(name = "options_open", nullable = false)
    public long optionsOpen;

    @Column(name = "options_exercised", nullable = false)
    public long optionsExercised;

    @Column(name = "amendments", nullable = false)
    public long amendments;

    /** One row as served, at its place in the reported order. */
    public static PeriodReportRowEntity of(LocalDate periodEnd, int ordinal, PeriodView.Row r) {
        PeriodReportRowEntity e = new PeriodReportRowEntity();
        e.periodEnd = periodEnd;
        e.ordinal = ordinal;
        e.counterpartyId = r.counterpartyId();
        e.currency = r.currency();
        e.direction = r.direction();
        e.committed = r.committed();
        e.elapsed = r.elapsed();
        e.remaining = r.remaining();
        e.potential = r.potential();
        e.exposure = r.exposure();
        e.concentration = r.concentration();
        e.deals = r.deals();
        e.commitments = r.commitments();
        e.optionsOpen = r.optionsOpen();
        e.optionsExercised = r.optionsExercised();
        e.amendments = r.amendments();
        return e;
    }

    /** The row's key: its period and its place in the reported order. */
    public static class RowId implements Serializable {
        public LocalDate periodEnd;
        public int ordinal;

        public RowId() {}

        @Override
        public boolean equals(Object o) {
            return o instanceof RowId k && k.ordinal == ordinal && Objects.equals(k.periodEnd, periodEnd);
        }

        @Override
        public int hashCode() {
            return Objects.hash(periodEnd, ordinal);
        }
    }
}
