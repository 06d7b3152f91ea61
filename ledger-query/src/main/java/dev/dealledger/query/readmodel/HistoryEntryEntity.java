package dev.dealledger.query.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** Every fact of the ledger as an auditor reads it: what, when effective, when recorded, who, why, from where. */
@Entity
@Table(name = "rm_history", schema = "read_model")
public class HistoryEntryEntity {

    @Id
    @Column(name = "position")
    public long position;

    @Column(name = "aggregate_id", nullable = false, length = 255)
    public String aggregateId;

    /** The deal the fact belongs to, or null for counterparty and agreement facts. */
    @Column(name = "deal_id", length = 64)
    public String dealId;

    @Column(name = "counterparty_id", length = 64)
    public String counterpartyId;

    @Column(name = "event_type", nullable = false, length = 100)
    public String eventType;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "actor", length = 200)
    public String actor;

    @Column(name = "reason", length = 1000)
    public String reason;

    @Column(name = "source_reference", length = 200)
    public String sourceReference;

    /** The SHA-256 of the source document, from the event's metadata; null for facts recorded without one. */
    @Column(name = "source_document_sha256", length = 64)
    public String sourceDocumentSha256;

    @Column(name = "payload", nullable = false, length = 20000)
    public String payload;
}
