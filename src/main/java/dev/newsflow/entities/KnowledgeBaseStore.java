package dev.newsflow.entities;

import dev.newsflow.stream.Causes;
import dev.newsflow.avro.KnowledgeEntity;
import dev.newsflow.serde.DecodeFailure;
import dev.newsflow.stream.NotTheRecordsFault;
import dev.newsflow.stream.RecordWatch;
import dev.newsflow.stream.StageListener;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /**
     * Applies live updates (upserts, and deletes by null value) to both the store and the in-memory
     * index. A record that is not a knowledge entity (a typo, another producer) is skipped, counted
     * and logged with its coordinates: it must not stop the global thread, which would stop the
     * whole application and meet the same record again on every restart. A registry that cannot be
     * reached (refused, unanswered, 5xx) is not the record's fault either, and must not kill the
     * thread: every replica reads the same topic, so all would die together. The update waits with
     * a back-off, the instance not ready meanwhile, until the registry answers or the instance stops.
     * This thread holds no transaction and no group membership, so waiting costs nothing but freshness.
     */
    public static final class Updater implements Processor<String, byte[], Void, Void> {
        private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
        private static final long FIRST_BACKOFF_MILLIS = 250;
        private static final long MAX_BACKOFF_MILLIS = 5_000;
        private final KnowledgeBase knowledgeBase;
        private final Deserializer<KnowledgeEntity> deserializer;
        private final StageListener listener;
        private final RecordWatch watch;
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, KnowledgeEntity> store;

        public Updater(KnowledgeBase knowledgeBase, Deserializer<KnowledgeEntity> deserializer, StageListener listener,
                       RecordWatch watch) {
            this.knowledgeBase = knowledgeBase;
            this.deserializer = deserializer;
            this.listener = listener;
            this.watch = watch;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            store = context.getStateStore(NAME);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                skip("NULL_KEY", "a record without a key names no entity");
                return;
            }
            KnowledgeEntity entity = null;
            if (record.value() != null) {
                String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
                try {
                    entity = throughOutages(() -> deserializer.deserialize(topic, record.headers(), record.value()));
                } catch (DecodeFailure notAnEntity) {
                    skip(notAnEntity.reason().name(), notAnEntity.getMessage());
                    return;
                }
            }
            synchronized (knowledgeBase) {
                if (entity == null) {
                    store.delete(record.key());
                    knowledgeBase.remove(record.key());
                } else {
                    store.put(record.key(), entity);
                    knowledgeBase.upsert(entity);
                }
            }
        }

        private <T> T throughOutages(Supplier<T> read) {
            long backoffMillis = FIRST_BACKOFF_MILLIS;
            while (true) {
                try {
                    T value = read.get();
                    watch.knowledgeBaseProgressed();
                    return value;
                } catch (RuntimeException e) {
                    if (!NotTheRecordsFault.isOutage(e) || watch.isStopping()) {
                        throw e;
                    }
                    if (backoffMillis == FIRST_BACKOFF_MILLIS) {
                        LOG.warn("A knowledge-base update waits for the schema registry: {}", Causes.innermost(e));
                    }
                    watch.knowledgeBaseWaiting(Causes.innermost(e));
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
                }
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the schema registry", e);
            }
        }

        private void skip(String reason, String detail) {
            String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .orElse("?");
            LOG.warn("Skipped knowledge-base record {}: {} ({})", where, reason, detail);
            listener.knowledgeRecordSkipped(reason);
        }
    }
}
