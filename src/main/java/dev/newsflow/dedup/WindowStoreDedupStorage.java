package dev.newsflow.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Dedup memory in Kafka Streams window stores: persistent, changelogged, and bounded by the
 * stores' retention (old segments are dropped whole). Buckets and sentence sightings retain
 * duplicates so that one key holds many article ids.
 */
public final class WindowStoreDedupStorage implements DedupStorage {
    private final WindowStore<String, String> urls;
    private final WindowStore<String, String> bodyHashes;
    private final WindowStore<String, String> buckets;
    private final WindowStore<String, byte[]> fingerprints;
    private final WindowStore<String, String> siteSentences;

    public WindowStoreDedupStorage(ProcessingContext context) {
        this.urls = context.getStateStore(DedupStores.URLS);
        this.bodyHashes = context.getStateStore(DedupStores.BODY_HASHES);
        this.buckets = context.getStateStore(DedupStores.BUCKETS);
        this.fingerprints = context.getStateStore(DedupStores.FINGERPRINTS);
        this.siteSentences = context.getStateStore(DedupStores.SITE_SENTENCES);
    }

    @Override
    public Optional<String> articleByUrl(String canonicalUrl) {
        return oldest(urls, canonicalUrl);
    }

    @Override
    public Optional<String> articleByBodyHash(String bodyHash) {
        return oldest(bodyHashes, bodyHash);
    }

    @Override
    public List<String> bucket(String bandKey, int limit) {
        return values(buckets, bandKey, limit);
    }

    @Override
    public Optional<Fingerprint> fingerprint(String articleId) {
        return oldest(fingerprints, articleId).map(Fingerprint::fromBytes);
    }

    @Override
    public int siteSentenceSightings(String siteSentenceKey, int limit) {
        return values(siteSentences, siteSentenceKey, limit).size();
    }

    @Override
    public void rememberUrl(String canonicalUrl, String articleId, long timestamp) {
        urls.put(canonicalUrl, articleId, timestamp);
    }

    @Override
    public void rememberBodyHash(String bodyHash, String articleId, long timestamp) {
        bodyHashes.put(bodyHash, articleId, timestamp);
    }

    @Override
    public void addToBucket(String bandKey, String articleId, long timestamp) {
        buckets.put(bandKey, articleId, timestamp);
    }

    @Override
    public void rememberFingerprint(String articleId, Fingerprint fingerprint, long timestamp) {
        fingerprints.put(articleId, fingerprint.toBytes(), timestamp);
    }

    @Override
    public void addSiteSentenceSighting(String siteSentenceKey, String articleId, long timestamp) {
        siteSentences.put(siteSentenceKey, articleId, timestamp);
    }

    private static List<String> values(WindowStore<String, String> store, String key, int limit) {
        List<String> values = new ArrayList<>();
        if (limit <= 0) {
            return values;
        }
        try (WindowStoreIterator<String> it = store.fetch(key, 0L, Long.MAX_VALUE)) {
            while (it.hasNext() && values.size() < limit) {
                values.add(it.next().value);
            }
        }
        return values;
    }

    private static <V> Optional<V> oldest(WindowStore<String, V> store, String key) {
        try (WindowStoreIterator<V> it = store.fetch(key, 0L, Long.MAX_VALUE)) {
            return it.hasNext() ? Optional.of(it.next().value) : Optional.empty();
        }
    }
}
