package dev.newsflow.entities;

import dev.newsflow.avro.KnowledgeEntity;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The knowledge base as a global store fed by the compacted entities topic: every instance holds
 * all of it. The topic is the changelog, so the store itself is not logged again.
 */
public final class KnowledgeBaseStore {
    public static final String NAME = "knowledge-base";

    private KnowledgeBaseStore() {
    }

    public static StoreBuilder<KeyValueStore<String, KnowledgeEntity>> builder(Serde<KnowledgeEntity> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), serde)
                .withLoggingDisabled();
    }

    /** Applies live updates (upserts, and deletes by null value) to both the store and the in-memory index. */
    public static final class Updater implements Processor<String, KnowledgeEntity, Void, Void> {
        private final KnowledgeBase knowledgeBase;
        private KeyValueStore<String, KnowledgeEntity> store;

        public Updater(KnowledgeBase knowledgeBase) {
            this.knowledgeBase = knowledgeBase;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, KnowledgeEntity> record) {
            if (record.key() == null) {
                return;
            }
            synchronized (knowledgeBase) {
                if (record.value() == null) {
                    store.delete(record.key());
                    knowledgeBase.remove(record.key());
                } else {
                    store.put(record.key(), record.value());
                    knowledgeBase.upsert(record.value());
                }
            }
        }
    }
}
