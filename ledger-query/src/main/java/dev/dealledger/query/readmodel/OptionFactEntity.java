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

/** One fact about an option: its grant or its exercise. Keyed by global event position. */
@Entity
@Table(name = "rm_option_fact", schema = "read_model")
public class OptionFactEntity {

    /** What kind of fact a row is. */
    public enum Kind {
        GRANTED,
        EXERCISED
    }

    @Id
    @Column(name = "position")
    public long position;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    public Kind kind;

    @Column(name = "deal_id", nullable = false, length = 64)
    public String dealId;

    @Column(name = "counterparty_id", nullable = false, length = 64)
    public String counterpartyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 16)
    public Direction direction;

    @Column(name = "currency", nullable = false, length = 3)
    public String currency;

    @Column(name = "option_id", nullable = false, length = 64)
    public String optionId;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** GRANTED: the maximum amount; EXERCISED: the exercised amount; minor units. */
    @Column(name = "amount_minor", nullable = false)
    public long amountMinor;

    @Column(name = "exercisable_from")
    public LocalDate exercisableFrom;

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    /** EXERCISED: the commitment the exercise created. */
    @Column(name = "commitment_id", length = 64)
    public String commitmentId;
}
