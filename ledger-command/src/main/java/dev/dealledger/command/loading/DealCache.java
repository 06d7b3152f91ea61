package dev.dealledger.command.loading;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The command service's first-level cache of Deal aggregates, so a command does not reload the deal from its snapshot
 * and events each time: a bounded, least-recently-used Caffeine map behind Axon's {@link Cache}.
 *
 * <p>It never runs ahead of the event store: the {@code WriteBatcher} evicts every deal of a batch whose transaction
 * does not commit. It never serves a deal that is behind the store either: each batch first takes the head of the log,
 * and the deals another replica appended to since this process last held it are evicted before any command reads
 * them (docs/adr/0004).
 */
public final class DealCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    public DealCache(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build().asMap();
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
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
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
