package dev.dealledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.steps.FigurePoint;
import dev.dealledger.model.steps.FigureSteps;
import dev.dealledger.model.steps.FigureSums;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.FigurePointEntity;
import dev.dealledger.query.readmodel.ReadModelSession;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * Segments move between query replicas. A replica keeps the rows of the commitments it projected, for the next fact's
 * figure points; if another replica projected a fact of one of them while it held the segment, those kept rows are
 * stale, and the next step must be formed from the stored rows instead. Here two {@link FigurePoints} stand for two
 * replicas: the first projects a commitment and an amendment, the second a shortening of its term, and the first then
 * projects a later amendment inside a batch, as its processor would. The stored points must still sum to the
 * commitment as all four facts give it.
 *
 * <p>The rows are recorded far in the future, so no read or checkpoint of the shared test database sees them, and
 * removed afterwards.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class ProjectingAfterAnotherReplicaHeldTheSegmentTest {

    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");

    @Inject
    ReadModelSession sessions;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String dealId = "deal-handover-" + suffix;
    private final String counterpartyId = "cp-handover-" + suffix;
    private final long base = 8_000_000_000_000L + Math.floorMod(suffix.hashCode(), 1_000_000) * 10L;

    @Test
    void a_fact_another_replica_projected_is_in_the_next_step() {
        FigurePoints first = new FigurePoints(100);
        FigurePoints second = new FigurePoints(100);
        List<CommitmentFactEntity> facts = new ArrayList<>();
        try {
            CommitmentFactEntity recorded = fact(0, CommitmentFactEntity.Kind.RECORDED, "2026-01-01");
            recorded.amountMinor = 1_200_000L;
            recorded.termStart = LocalDate.parse("2026-01-01");
            recorded.termEnd = LocalDate.parse("2028-12-31");
            recorded.resource = "GPU";
            project(first, recorded, facts);
            project(first, amendment(1, "2026-07-01", 120_000L, null), facts);
            // The segment moves to another replica, which projects a shorter term, and back again.
            project(second, amendment(2, "2026-10-01", 0L, "2027-12-31"), facts);
            CommitmentFactEntity later = amendment(3, "2027-01-01", 240_000L, null);
            BatchingUnitOfWork<EventMessage<?>> batch =
                    new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage(new CommitmentAmendedEvent(
                            dealId,
                            "c1",
                            later.amendmentId,
                            BigDecimal.valueOf(2400),
                            "USD",
                            null,
                            "test",
                            later.effectiveDate))));
            batch.execute(() -> project(first, later, facts));

            List<FigurePoint> expected = FigureSteps.ofCommitment(null, LedgerFigures.timelineOf(facts));
            List<FigurePoint> stored = storedPoints();
            // The facts are chosen so that a step formed from the stale rows would be wrong: the later amendment's
            // amount runs to the term end the other replica shortened.
            List<FigurePoint> stale =
                    new ArrayList<>(FigureSteps.ofCommitment(null, LedgerFigures.timelineOf(facts.subList(0, 3))));
            stale.addAll(FigureSteps.ofCommitment(
                    LedgerFigures.timelineOf(facts.subList(0, 2)),
                    LedgerFigures.timelineOf(List.of(facts.get(0), facts.get(1), later))));
            LocalDate midTerm = LocalDate.parse("2027-06-30");
            assertThat(at(stale, midTerm)).isNotEqualTo(at(expected, midTerm));

            for (LocalDate asOf = LocalDate.parse("2025-12-31");
                    asOf.isBefore(LocalDate.parse("2029-03-01"));
                    asOf = asOf.plusDays(15)) {
                assertThat(at(stored, asOf)).as("at %s", asOf).isEqualTo(at(expected, asOf));
            }
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                Session session = sessions.get();
                session.createNativeMutationQuery("DELETE FROM read_model.rm_figure_point WHERE counterparty_id = :cp")
                        .setParameter("cp", counterpartyId)
                        .executeUpdate();
                session.createNativeMutationQuery("DELETE FROM read_model.rm_commitment_fact WHERE deal_id = :deal")
                        .setParameter("deal", dealId)
                        .executeUpdate();
            });
        }
    }

    /** The figures of {@code points} at {@code asOf}: the sum of those dated on or before it. */
    private static Figures at(List<FigurePoint> points, LocalDate asOf) {
        FigureSums sums = new FigureSums();
        points.stream().filter(p -> !p.from().isAfter(asOf)).forEach(sums::add);
        return Figures.of(sums.at(asOf));
    }

    /** The figures the test compares: money exact, and the counts a commitment moves. */
    private record Figures(
            BigInteger committed, BigInteger elapsed, BigInteger remaining, long commitments, long amendments) {
        static Figures of(FigureTotals t) {
            return new Figures(
                    t.committedMinor(), t.elapsedMinor(), t.remainingMinor(), t.commitments(), t.amendments());
        }
    }

    private void project(FigurePoints replica, CommitmentFactEntity row, List<CommitmentFactEntity> facts) {
        QuarkusTransaction.requiringNew().run(() -> {
            Session session = sessions.get();
            session.persist(row);
            replica.commitment(session, row, 0);
        });
        facts.add(row);
    }

    private List<FigurePoint> storedPoints() {
        List<FigurePointEntity> rows = QuarkusTransaction.requiringNew()
                .call(() -> sessions.get()
                        .createSelectionQuery(
                                "from FigurePointEntity p where p.counterpartyId = :cp", FigurePointEntity.class)
                        .setParameter("cp", counterpartyId)
                        .getResultList());
        assertThat(rows).isNotEmpty();
        return rows.stream()
                .map(p -> new FigurePoint(
                        p.pointDate,
                        p.committed,
                        p.elapsed,
                        p.elapsedSlope,
                        p.slopeBase,
                        p.potential,
                        p.deals,
                        p.commitments,
                        p.amendments,
                        p.optionsOpen,
                        p.optionsExercised))
                .toList();
    }

    private CommitmentFactEntity amendment(int n, String effective, long delta, String newTermEnd) {
        CommitmentFactEntity row = fact(n, CommitmentFactEntity.Kind.AMENDED, effective);
        row.amountMinor = delta;
        row.termEnd = newTermEnd == null ? null : LocalDate.parse(newTermEnd);
        row.amendmentId = "a" + n;
        return row;
    }

    private CommitmentFactEntity fact(int n, CommitmentFactEntity.Kind kind, String effective) {
        CommitmentFactEntity row = new CommitmentFactEntity();
        row.position = base + n;
        row.kind = kind;
        row.dealId = dealId;
        row.counterpartyId = counterpartyId;
        row.direction = Direction.PAYABLE;
        row.currency = "USD";
        row.commitmentId = "c1";
        row.effectiveDate = LocalDate.parse(effective);
        row.recordedAt = FAR_FUTURE.plusSeconds(n);
        return row;
    }
}
