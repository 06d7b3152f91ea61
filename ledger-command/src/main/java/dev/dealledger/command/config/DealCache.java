package dev.dealledger.command.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The command service's first-level cache of Deal aggregates, so a command does not reload the deal from its snapshot
 * and events each time: a bounded, least-recently-used Caffeine map behind Axon's {@link Cache}.
 *
 * <p>It never runs ahead of the event store: {@code dev.dealledger.command.web.LedgerWriter} holds the deal's lock
 * for the whole write transaction and evicts the deal whenever that transaction does not commit. It never serves a
 * deal that is behind the store either: after each commit the writer {@link #confirm confirms} the version it
 * committed, and before each write it {@link #dropIfBehind checks} the stream's head in the event table (one indexed
 * lookup); a deal that another replica has appended to since is evicted and loaded afresh. Should another replica
 * append in between, the stale copy appends a sequence number already taken, the unique index refuses it, and the
 * writer retries against the fresh stream.
 */
public final class DealCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final ConcurrentMap<Object, Long> confirmed;

    public DealCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build().asMap();
        this.confirmed = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .<Object, Long>build()
                .asMap();
    }

    /** Records that {@code version} of the deal is committed; the cached copy is that version. */
    public void confirm(String dealId, long version) {
        if (entries.containsKey(dealId)) {
            confirmed.put(dealId, version);
        }
    }

    /**
     * Evicts the deal unless its cached copy is the version the event table holds now; {@code head} reads that
     * version (empty if the stream has no event) and is asked only when the deal is cached.
     */
    public void dropIfBehind(String dealId, Supplier<Optional<Long>> head) {
        if (entries.containsKey(dealId)) {
            Long stored = head.get().orElse(null);
            if (stored == null || !stored.equals(confirmed.get(dealId))) {
                remove(dealId);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        confirmed.remove(key);
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
        confirmed.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** No listener is needed: nothing in the command service observes the cache. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("DealCache does not notify listeners");
    }
}
