package dev.dealledger.query.readmodel;

import dev.dealledger.api.Direction;
import dev.dealledger.model.steps.FigurePoint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One point of one fact's own step (docs/adr/0007, {@link FigurePoint}), under the fact's position and recorded instant
 * and its counterparty, currency and direction. The figures of every key at (asOf, knownAt) are the sums of the points
 * with {@code point_date <= asOf and recorded_at <= knownAt}, so a ledger-wide read sums short rows in the database
 * instead of deriving every commitment again. An option's exercise is two facts' steps at one position (the option's
 * and the new commitment's), so {@code seq} numbers the points within a position. The projection writes these rows
 * in one JDBC batch per transaction, not through this entity (FigurePoints in the projection package says why); the
 * entity maps them for reading.
 */
@Entity
@Table(name = "rm_figure_point", schema = "read_model")
@IdClass(FigurePointEntity.Id.class)
public class FigurePointEntity {

    /** The key of a point: its fact's position and its place among that position's points. */
    public record Id(long position, int seq) implements Serializable {
        public Id() {
            this(0, 0);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "position")
    public long position;

    @jakarta.persistence.Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "counterparty_id", nullable = false, length = 64)
    public String counterpartyId;

    @Column(name = "currency", nullable = false, length = 3)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(name = "direction", nullable = false, length = 16)
    public Direction direction;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "point_date", nullable = false)
    public LocalDate pointDate;

    @Column(name = "committed", nullable = false)
    public long committed;

    @Column(name = "elapsed", nullable = false)
    public long elapsed;

    @Column(name = "elapsed_slope", nullable = false)
    public long elapsedSlope;

    @Column(name = "slope_base", nullable = false)
    public long slopeBase;

    @Column(name = "potential", nullable = false)
    public long potential;

    @Column(name = "deals", nullable = false)
    public int deals;

    @Column(name = "commitments", nullable = false)
    public int commitments;

    @Column(name = "amendments", nullable = false)
    public int amendments;

    @Column(name = "options_open", nullable = false)
    public int optionsOpen;

    @Column(name = "options_exercised", nullable = false)
    public int optionsExercised;
}
