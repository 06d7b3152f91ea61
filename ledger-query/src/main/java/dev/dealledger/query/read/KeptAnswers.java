package dev.dealledger.query.read;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dealledger.query.readmodel.ProjectionChanges;
import dev.dealledger.query.readmodel.ProjectionChanges.Changes;
import dev.dealledger.query.readmodel.ProjectionChanges.Version;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Keeps the answers of one kind of expensive read, so that a repeated read does not fold the visible facts again, and
 * knows exactly when a kept answer may have changed, from the projection's change journal ({@link ProjectionChanges}).
 *
 * <p>An answer for (read, knownAt) depends only on the facts recorded by knownAt. A past knownAt is kept under its own
 * value, and the answer computed at journal version v still holds at version w when every projection transaction in
 * (v, w] projected only events recorded after knownAt. A knownAt at or after the latest recorded instant projected so
 * far sees every projected fact: those reads share one entry per read, which holds only while the version stands
 * still. Whatever the journal cannot prove (a version no longer in the journal, a rebuild) is computed again.
 *
 * @param <V> the answer; never changed once computed, so one instance answers several reads at once
 */
public final class KeptAnswers<V> {

    /** How a read was answered, for tests and metrics. */
    public enum Outcome {
        COMPUTED,
        KEPT,
        KEPT_AFTER_CHECK
    }

    /** An answer and how it was obtained. */
    public record Answer<V>(V value, Outcome outcome) {}

    /** {@code read}: everything the answer depends on but the knowledge instant. */
    private record Slot(Object read, Instant knownAt) {}

    private record Entry<V>(long version, V value) {}

    /** What a computation's answer depends on: reads with equal keys share one ({@link ExpensiveReads}). */
    private record Fold(String kind, Slot slot, long version) {}

    private final String kind;
    private final Cache<Slot, Entry<V>> entries;
    private final ExpensiveReads gate;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    /**
     * @param kind names the read, so that two kinds never share a computation
     * @param maxWeight how much all kept answers may weigh together; 0 keeps none
     * @param weigher an answer's weight, e.g. its rows
     * @param gate runs every computation (null: run directly)
     */
    public KeptAnswers(String kind, long maxWeight, ToIntFunction<V> weigher, ExpensiveReads gate) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.gate = gate;
        this.entries = maxWeight <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(maxWeight)
                        .<Slot, Entry<V>>weigher((slot, entry) -> Math.max(1, weigher.applyAsInt(entry.value())))
                        .build();
    }

    /**
     * Counts every answer by how it was obtained, as {@code name} tagged {@code outcome=computed|kept|kept_after_check}.
     */
    public KeptAnswers<V> countedAs(MeterRegistry registry, String name, String description) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder(name)
                            .description(description)
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        return this;
    }

    /**
     * The answer at (read, knownAt): a kept one when the journal proves it current, otherwise {@code compute}'s, which
     * is then kept. The version is read before computing, so an answer that already saw later transactions is only ever
     * checked against more of the journal than it needs.
     */
    public Answer<V> answer(Object read, Instant knownAt, ProjectionChanges journal, Supplier<V> compute) {
        Answer<V> answer = decide(read, knownAt, journal, compute);
        Counter counter = counters.get(answer.outcome());
        if (counter != null) {
            counter.increment();
        }
        return answer;
    }

    private Answer<V> decide(Object read, Instant knownAt, ProjectionChanges journal, Supplier<V> compute) {
        if (entries == null) {
            if (gate == null) {
                return new Answer<>(compute.get(), Outcome.COMPUTED);
            }
            return new Answer<>(
                    compute(new Slot(read, knownAt), journal.current().version(), compute), Outcome.COMPUTED);
        }
        Version now = journal.current();
        boolean seesEverything = now.maxRecordedAt() == null || !knownAt.isBefore(now.maxRecordedAt());
        Slot slot = new Slot(read, seesEverything ? null : knownAt);
        Entry<V> kept = entries.getIfPresent(slot);
        if (kept != null) {
            if (kept.version() == now.version()) {
                return new Answer<>(kept.value(), Outcome.KEPT);
            }
            if (!seesEverything && kept.version() < now.version()) {
                Changes changes = journal.between(kept.version(), now.version());
                if (changes.transactions() == now.version() - kept.version()
                        && changes.earliestRecordedAt().isAfter(knownAt)) {
                    entries.put(slot, new Entry<>(now.version(), kept.value()));
                    return new Answer<>(kept.value(), Outcome.KEPT_AFTER_CHECK);
                }
            }
        }
        V computed = compute(slot, now.version(), compute);
        entries.put(slot, new Entry<>(now.version(), computed));
        return new Answer<>(computed, Outcome.COMPUTED);
    }

    /** Computes, or shares the computation of an identical read already running: same slot, same version. */
    private V compute(Slot slot, long version, Supplier<V> compute) {
        if (gate == null) {
            return compute.get();
        }
        return gate.compute(new Fold(kind, slot, version), compute);
    }

    public void clear() {
        if (entries != null) {
            entries.invalidateAll();
        }
    }
}
