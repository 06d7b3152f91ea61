package dev.dealledger.query.readmodel;

import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hibernate.Session;

/**
 * The indexed reads behind every endpoint: each selects the facts visible at (asOf, knownAt) and nothing else. No
 * request ever replays the event store.
 */
public final class ReadModelQueries {

    /** Rows per round trip when streaming facts: bounded memory, few round trips. */
    private static final int STREAM_FETCH_SIZE = 2_000;

    private final Session session;

    public ReadModelQueries(Session session) {
        this.session = session;
    }

    public Optional<CounterpartyEntity> counterparty(String counterpartyId) {
        return Optional.ofNullable(session.find(CounterpartyEntity.class, counterpartyId));
    }

    public List<CounterpartyEntity> counterparties(Instant knownAt) {
        return session.createSelectionQuery(
                        "from CounterpartyEntity c where c.recordedAt <= :knownAt order by c.counterpartyId",
                        CounterpartyEntity.class)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public Optional<DealEntity> deal(String dealId) {
        return Optional.ofNullable(session.find(DealEntity.class, dealId));
    }

    /** How many deals each (counterparty, currency, direction) has visible at (asOf, knownAt). */
    public record DealCount(String counterpartyId, String currency, Direction direction, long deals) {}

    public List<DealCount> dealCounts(LocalDate asOf, Instant knownAt) {
        return session
                .createSelectionQuery(
                        "select d.counterpartyId, d.currency, d.direction, count(d) from DealEntity d"
                                + " where d.effectiveDate <= :asOf and d.recordedAt <= :knownAt"
                                + " group by d.counterpartyId, d.currency, d.direction",
                        Object[].class)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList()
                .stream()
                .map(r -> new DealCount((String) r[0], (String) r[1], (Direction) r[2], (Long) r[3]))
                .toList();
    }

    /**
     * The commitment facts visible at (asOf, knownAt), each commitment's together in position order, streamed from a
     * cursor and detached as they are read: the caller holds only what it keeps. Close the stream.
     */
    public Stream<CommitmentFactEntity> streamCommitmentFactsByCommitment(LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from CommitmentFactEntity f where f.effectiveDate <= :asOf and f.recordedAt <= :knownAt"
                                + " order by f.dealId, f.commitmentId, f.position",
                        CommitmentFactEntity.class)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .setReadOnly(true)
                .setFetchSize(STREAM_FETCH_SIZE)
                .getResultStream()
                .peek(session::detach);
    }

    /** The option facts visible at (asOf, knownAt), each option's together in position order; see above. */
    public Stream<OptionFactEntity> streamOptionFactsByOption(LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from OptionFactEntity f where f.effectiveDate <= :asOf and f.recordedAt <= :knownAt"
                                + " order by f.dealId, f.optionId, f.position",
                        OptionFactEntity.class)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .setReadOnly(true)
                .setFetchSize(STREAM_FETCH_SIZE)
                .getResultStream()
                .peek(session::detach);
    }

    public List<DealEntity> dealsOfDeal(String dealId, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from DealEntity d where d.dealId = :dealId and d.effectiveDate <= :asOf"
                                + " and d.recordedAt <= :knownAt",
                        DealEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public List<CommitmentFactEntity> commitmentFactsOfDeal(String dealId, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from CommitmentFactEntity f where f.dealId = :dealId and f.effectiveDate <= :asOf"
                                + " and f.recordedAt <= :knownAt order by f.position",
                        CommitmentFactEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public List<OptionFactEntity> optionFactsOfDeal(String dealId, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from OptionFactEntity f where f.dealId = :dealId and f.effectiveDate <= :asOf"
                                + " and f.recordedAt <= :knownAt order by f.position",
                        OptionFactEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    /** Facts of one deal recorded by knownAt (and effective by asOf when given), in recorded order, after a cursor. */
    public List<HistoryEntryEntity> history(String dealId, LocalDate asOf, Instant knownAt, long after, int limit) {
        return session.createSelectionQuery(
                        "from HistoryEntryEntity h where h.dealId = :dealId and h.recordedAt <= :knownAt"
                                + " and h.effectiveDate <= :asOf and h.position > :after order by h.position",
                        HistoryEntryEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("knownAt", knownAt)
                .setParameter("asOf", asOf == null ? LocalDate.of(9999, 12, 31) : asOf)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Facts about one counterparty recorded in (from, to] and effective by asOf: the causes of a restatement. */
    public List<HistoryEntryEntity> recordedBetween(String counterpartyId, LocalDate asOf, Instant from, Instant to) {
        return session.createSelectionQuery(
                        "from HistoryEntryEntity h where h.counterpartyId = :cp and h.recordedAt > :from"
                                + " and h.recordedAt <= :to and h.effectiveDate <= :asOf order by h.position",
                        HistoryEntryEntity.class)
                .setParameter("cp", counterpartyId)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("asOf", asOf)
                .getResultList();
    }
}
