package dev.dealledger.query.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A period close as recorded in the log: which period, at which position and instant, by whom and why. {@code
 * closedAt} is the instant its figures as reported are as known at; {@code recordedAt} the instant from which the close
 * itself is known (later, or the same for a close recorded before closes held their figures).
 */
@Entity
@Table(name = "rm_period_close", schema = "read_model")
public class PeriodCloseEntity {

    @Id
    @Column(name = "period_end")
    public LocalDate periodEnd;

    @Column(name = "position", nullable = false)
    public long position;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;

    @Column(name = "actor", length = 200)
    public String actor;

    @Column(name = "reason", nullable = false, length = 1000)
    public String reason;
}
