package dev.dealledger.query.readmodel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** The reads and the one write behind period closes (docs/domain.md, "Period close"). */
public final class PeriodCloseQueries {

    private final Session session;

    public PeriodCloseQueries(Session session) {
        this.session = session;
    }

    /** The close of the period ending on {@code periodEnd}, if one was recorded by {@code knownAt}. */
    public Optional<PeriodCloseEntity> close(LocalDate periodEnd, Instant knownAt) {
        PeriodCloseEntity close = session.find(PeriodCloseEntity.class, periodEnd);
        return close == null || close.recordedAt.isAfter(knownAt) ? Optional.empty() : Optional.of(close);
    }

    /** Every close recorded by {@code knownAt}, by period end. */
    public List<PeriodCloseEntity> closes(Instant knownAt) {
        return session.createSelectionQuery(
                        "from PeriodCloseEntity c where c.recordedAt <= :knownAt order by c.periodEnd",
                        PeriodCloseEntity.class)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public Optional<PeriodReportEntity> report(LocalDate periodEnd) {
        return Optional.ofNullable(session.find(PeriodReportEntity.class, periodEnd));
    }

    /** The stored rows of a period's figures as reported, in their reported order. */
    public List<PeriodReportRowEntity> reportRows(LocalDate periodEnd) {
        return session.createSelectionQuery(
                        "from PeriodReportRowEntity r where r.periodEnd = :periodEnd order by r.ordinal",
                        PeriodReportRowEntity.class)
                .setParameter("periodEnd", periodEnd)
                .getResultList();
    }

    /**
     * Stores a period's figures as reported. Only ever an insert: if another request stored them first, the insert
     * fails on the primary key and the caller reads what was stored.
     */
    public void storeReport(PeriodReportEntity report, List<PeriodReportRowEntity> rows) {
        session.persist(report);
        rows.forEach(session::persist);
        session.flush();
    }
}
