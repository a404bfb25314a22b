package dev.newsflow.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small thread-safe LRU map: registry answers never change for a given key, so they can be kept. */
final class BoundedCache<K, V> {
    private final Map<K, V> map;

    BoundedCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Computes outside the lock so that a slow registry call does not block other lookups. */
    V get(K key, Function<K, V> loader) {
        synchronized (map) {
            V cached = map.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V loaded = loader.apply(key);
        synchronized (map) {
            map.put(key, loaded);
        }
        return loaded;
    }
}
