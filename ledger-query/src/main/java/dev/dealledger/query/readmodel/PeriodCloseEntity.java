package dev.dealledger.query.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A period close as recorded in the log: which period, at which position and instant, by whom and why. */
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

    @Column(name = "actor", length = 200)
    public String actor;

    @Column(name = "reason", nullable = false, length = 1000)
    public String reason;
}
