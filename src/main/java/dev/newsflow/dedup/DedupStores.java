package dev.newsflow.dedup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/** Names and builders of the dedup stage's state stores: persistent, changelogged, bounded by retention. */
public final class DedupStores {
    public static final String URLS = "dedup-urls";
    public static final String BODY_HASHES = "dedup-body-hashes";
    public static final String BUCKETS = "dedup-lsh-buckets";
    public static final String FINGERPRINTS = "dedup-fingerprints";
    public static final String SITE_SENTENCES = "dedup-site-sentences";
    public static final String[] ALL = {URLS, BODY_HASHES, BUCKETS, FINGERPRINTS, SITE_SENTENCES};

    private DedupStores() {
    }

    public static List<StoreBuilder<?>> builders(Duration retention) {
        return List.of(
                store(URLS, retention, false, Serdes.String()),
                store(BODY_HASHES, retention, false, Serdes.String()),
                store(BUCKETS, retention, true, Serdes.String()),
                store(FINGERPRINTS, retention, false, Serdes.ByteArray()),
                store(SITE_SENTENCES, retention, true, Serdes.String()));
    }

    private static <V> StoreBuilder<WindowStore<String, V>> store(String name, Duration retention, boolean duplicates,
                                                                   Serde<V> valueSerde) {
        // window size 1 ms: entries are points in time, the retention alone decides how long they live
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), duplicates),
                        Serdes.String(), valueSerde)
                .withLoggingEnabled(Map.of());
    }
}
