package dev.dealledger.query.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A counterparty as last named, with the instant it was first recorded (so it is hidden before it was known). */
@Entity
@Table(name = "rm_counterparty", schema = "read_model")
public class CounterpartyEntity {

    @Id
    @Column(name = "counterparty_id", length = 64)
    public String counterpartyId;

    @Column(name = "legal_name", nullable = false, length = 200)
    public String legalName;

    @Column(name = "lei", length = 20)
    public String lei;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "position", nullable = false)
    public long position;
}
