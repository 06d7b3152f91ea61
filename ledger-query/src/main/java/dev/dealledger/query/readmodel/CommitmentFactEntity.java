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

/**
 * One fact that moves a commitment's numbers: its recording (directly or by exercising an option), an amendment or
 * a termination. Keyed by global event position, so projecting the same event twice cannot double count. Every read
 * for (asOf, knownAt) selects rows with {@code effective_date <= asOf and recorded_at <= knownAt} and derives the
 * numbers from them.
 */
@Entity
@Table(name = "rm_commitment_fact", schema = "read_model")
public class CommitmentFactEntity implements CommitmentFact {

    /** What kind of fact a row is. */
    public enum Kind {
        RECORDED,
        AMENDED,
        TERMINATED
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

    @Column(name = "commitment_id", nullable = false, length = 64)
    public String commitmentId;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** RECORDED: the original amount; AMENDED: the signed delta; in minor units of {@code currency}. */
    @Column(name = "amount_minor")
    public Long amountMinor;

    @Column(name = "term_start")
    public LocalDate termStart;

    /** RECORDED: the term end; AMENDED: the new term end, or null when unchanged. */
    @Column(name = "term_end")
    public LocalDate termEnd;

    @Column(name = "resource", length = 200)
    public String resource;

    @Column(name = "amendment_id", length = 64)
    public String amendmentId;

    @Column(name = "from_option_id", length = 64)
    public String fromOptionId;

    @Override
    public long position() {
        return position;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String dealId() {
        return dealId;
    }

    @Override
    public String counterpartyId() {
        return counterpartyId;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public String currency() {
        return currency;
    }

    @Override
    public String commitmentId() {
        return commitmentId;
    }

    @Override
    public LocalDate effectiveDate() {
        return effectiveDate;
    }

    @Override
    public Long amountMinor() {
        return amountMinor;
    }

    @Override
    public LocalDate termStart() {
        return termStart;
    }

    @Override
    public LocalDate termEnd() {
        return termEnd;
    }

    @Override
    public String amendmentId() {
        return amendmentId;
    }
}
