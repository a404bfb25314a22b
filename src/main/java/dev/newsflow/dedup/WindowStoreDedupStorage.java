package dev.newsflow.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Dedup memory in Kafka Streams window stores: persistent, changelogged, and bounded by the
 * stores' retention (old segments are dropped whole). Band buckets retain duplicates so that one
 * key holds many article ids.
 */
public final class WindowStoreDedupStorage implements DedupStorage {
    private final WindowStore<String, String> urls;
    private final WindowStore<String, String> bodyHashes;
    private final WindowStore<String, String> buckets;
    private final WindowStore<String, byte[]> fingerprints;
    private final int maxBucketSize;

    public WindowStoreDedupStorage(WindowStore<String, String> urls, WindowStore<String, String> bodyHashes,
                                   WindowStore<String, String> buckets, WindowStore<String, byte[]> fingerprints,
                                   int maxBucketSize) {
        this.maxBucketSize = maxBucketSize;
        this.urls = urls;
        this.bodyHashes = bodyHashes;
        this.buckets = buckets;
        this.fingerprints = fingerprints;
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
        List<String> ids = new ArrayList<>();
        try (WindowStoreIterator<String> it = buckets.fetch(bandKey, 0L, Long.MAX_VALUE)) {
            while (it.hasNext() && ids.size() < limit) {
                ids.add(it.next().value);
            }
        }
        return ids;
    }

    @Override
    public Optional<Fingerprint> fingerprint(String articleId) {
        return oldest(fingerprints, articleId).map(Fingerprint::fromBytes);
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
        if (bucket(bandKey, maxBucketSize).size() < maxBucketSize) {
            buckets.put(bandKey, articleId, timestamp);
        }
    }

    @Override
    public void rememberFingerprint(String articleId, Fingerprint fingerprint, long timestamp) {
        fingerprints.put(articleId, fingerprint.toBytes(), timestamp);
    }

    private static <V> Optional<V> oldest(WindowStore<String, V> store, String key) {
        try (WindowStoreIterator<V> it = store.fetch(key, 0L, Long.MAX_VALUE)) {
            return it.hasNext() ? Optional.of(it.next().value) : Optional.empty();
        }
    }
}
