package dev.dealledger.query.readmodel;

import dev.dealledger.api.Direction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** An order form: who, which way, which currency; visible from its effective date and recorded instant. */
@Entity
@Table(name = "rm_deal", schema = "read_model")
public class DealEntity {

    @Id
    @Column(name = "deal_id", length = 64)
    public String dealId;

    @Column(name = "agreement_id", nullable = false, length = 64)
    public String agreementId;

    @Column(name = "counterparty_id", nullable = false, length = 64)
    public String counterpartyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 16)
    public Direction direction;

    @Column(name = "currency", nullable = false, length = 3)
    public String currency;

    @Column(name = "title", nullable = false, length = 200)
    public String title;

    @Column(name = "signed_on", nullable = false)
    public LocalDate signedOn;

    @Column(name = "source_reference", length = 200)
    public String sourceReference;

    /** The SHA-256 of the signed order form, from the deal fact's metadata (the stored payload has no such field). */
    @Column(name = "source_document_sha256", length = 64)
    public String sourceDocumentSha256;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "position", nullable = false)
    public long position;
}
