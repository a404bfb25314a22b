package dev.newsflow.entities;

import dev.newsflow.avro.KnowledgeEntity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The canonical entities and their aliases. Taggers read an immutable {@link AliasIndex}; updates
 * from the compacted topic only mark it stale, and the next reader rebuilds it once, so a burst of
 * thousands of updates (the seed on first start) costs one rebuild, not thousands.
 */
public final class KnowledgeBase {
    private final Map<String, KnowledgeEntity> entities = new HashMap<>();
    private AliasIndex index = AliasIndex.of(List.of());
    private boolean stale;

    public synchronized AliasIndex index() {
        if (stale) {
            index = AliasIndex.of(entities.values());
            stale = false;
        }
        return index;
    }

    public synchronized void upsert(KnowledgeEntity entity) {
        entities.put(entity.getId(), entity);
        stale = true;
    }

    public synchronized void remove(String id) {
        stale |= entities.remove(id) != null;
    }

    /** Replaces the contents with the global store's, which is complete once restoration is done. */
    public synchronized void loadFrom(KeyValueStore<String, KnowledgeEntity> store) {
        entities.clear();
        try (KeyValueIterator<String, KnowledgeEntity> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    entities.put(kv.key, kv.value);
                }
            });
        }
        stale = true;
    }

    public synchronized int size() {
        return entities.size();
    }
}
