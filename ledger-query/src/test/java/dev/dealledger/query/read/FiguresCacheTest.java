package dev.dealledger.query.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.read.KeptAnswers.Outcome;
import dev.dealledger.query.readmodel.ProjectionChanges;
import dev.dealledger.query.readmodel.ProjectionChanges.Changes;
import dev.dealledger.query.readmodel.ProjectionChanges.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When a kept ledger-wide answer may be served, decided from a journal of projection transactions. */
class FiguresCacheTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Version n logged the earliest recorded instant {@code log.get(n)}; versions below {@code retainedFrom} pruned. */
    static final class FakeJournal implements ProjectionChanges {
        final TreeMap<Long, Instant> log = new TreeMap<>();
        long version;
        Instant max;
        long retainedFrom = 1;

        void transaction(Instant earliest, Instant latest) {
            version++;
            log.put(version, earliest);
            max = max == null || latest.isAfter(max) ? latest : max;
        }

        @Override
        public Version current() {
            return new Version(version, max);
        }

        @Override
        public Changes between(long after, long upTo) {
            Map<Long, Instant> range = log.subMap(Math.max(after + 1, retainedFrom), true, upTo, true);
            return new Changes(
                    range.size(),
                    range.values().stream().min(Instant::compareTo).orElse(null));
        }
    }

    final FakeJournal journal = new FakeJournal();
    final FiguresCache cache = new FiguresCache(1_000);
    int computed;

    Outcome read(LocalDate asOf, Instant knownAt) {
        return cache.figures(asOf, knownAt, journal, () -> {
                    computed++;
                    return LedgerFigures.summed(asOf, Map.of());
                })
                .outcome();
    }

    @Test
    @DisplayName("a read that sees every projected fact is kept only while no transaction is projected")
    void everything_is_kept_while_the_version_stands() {
        journal.transaction(T0, T0);
        assertThat(read(AS_OF, T0.plusSeconds(60))).isEqualTo(Outcome.COMPUTED);
        // Any knownAt at or after the latest projected instant shares the answer.
        assertThat(read(AS_OF, T0)).isEqualTo(Outcome.KEPT);
        assertThat(read(AS_OF, T0.plusSeconds(3600))).isEqualTo(Outcome.KEPT);
        journal.transaction(T0.plusSeconds(7200), T0.plusSeconds(7200));
        assertThat(read(AS_OF, T0.plusSeconds(9000))).isEqualTo(Outcome.COMPUTED);
        assertThat(read(AS_OF.plusDays(1), T0.plusSeconds(9000))).isEqualTo(Outcome.COMPUTED);
        assertThat(computed).isEqualTo(3);
    }

    @Test
    @DisplayName("a past knownAt survives transactions that projected only later facts, and no others")
    void past_knowledge_survives_later_facts() {
        journal.transaction(T0, T0.plusSeconds(10));
        journal.transaction(T0.plusSeconds(20), T0.plusSeconds(30));
        Instant k = T0.plusSeconds(15);
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.COMPUTED);
        journal.transaction(T0.plusSeconds(40), T0.plusSeconds(50));
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.KEPT_AFTER_CHECK);
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.KEPT);
        // A late commit: recorded at 12 s, projected now.
        journal.transaction(T0.plusSeconds(12), T0.plusSeconds(12));
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.COMPUTED);
        // Exactly at knownAt counts as visible.
        journal.transaction(k, T0.plusSeconds(60));
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.COMPUTED);
    }

    @Test
    @DisplayName("what the journal no longer holds cannot be proven, so it is computed again")
    void pruned_journal_means_recompute() {
        journal.transaction(T0, T0.plusSeconds(10));
        journal.transaction(T0.plusSeconds(20), T0.plusSeconds(30));
        Instant k = T0.plusSeconds(15);
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.COMPUTED);
        journal.transaction(T0.plusSeconds(40), T0.plusSeconds(50));
        journal.transaction(T0.plusSeconds(60), T0.plusSeconds(70));
        journal.retainedFrom = 4;
        assertThat(read(AS_OF, k)).isEqualTo(Outcome.COMPUTED);
    }

    @Test
    @DisplayName("with no room, nothing is kept")
    void disabled() {
        FiguresCache none = new FiguresCache(0);
        journal.transaction(T0, T0);
        for (int i = 0; i < 2; i++) {
            assertThat(none.figures(AS_OF, T0, journal, () -> LedgerFigures.summed(AS_OF, Map.of()))
                            .outcome())
                    .isEqualTo(Outcome.COMPUTED);
        }
    }

    @Test
    @DisplayName("two reads of the present running at once share one fold, though their knownAt differ")
    void reads_of_the_present_running_at_once_share_one_fold() throws Exception {
        journal.transaction(T0, T0);
        ExpensiveReads gate = new ExpensiveReads(1, Duration.ofMillis(100));
        FiguresCache gated = new FiguresCache(1_000, gate);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger folds = new AtomicInteger();
        Supplier<LedgerFigures> fold = () -> {
            folds.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LedgerFigures.summed(AS_OF, Map.of());
        };
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<FiguresCache.Answer> first =
                    threads.submit(() -> gated.figures(AS_OF, T0.plusSeconds(1), journal, fold));
            await().until(() -> folds.get() == 1);
            Future<FiguresCache.Answer> second =
                    threads.submit(() -> gated.figures(AS_OF, T0.plusSeconds(2), journal, fold));
            await().until(() -> gate.shared() == 1);
            release.countDown();

            assertThat(second.get(10, TimeUnit.SECONDS).figures())
                    .isSameAs(first.get(10, TimeUnit.SECONDS).figures());
            assertThat(folds).hasValue(1);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }
}
