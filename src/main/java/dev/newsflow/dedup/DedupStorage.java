package dev.newsflow.dedup;

import java.util.List;
import java.util.Optional;

/**
 * What the dedup index remembers, behind an interface so the same decision code runs on Kafka
 * Streams window stores and on plain maps in the evaluation harness. Entries carry the time they
 * were written; implementations forget them after the retention.
 */
public interface DedupStorage {

    Optional<String> articleByUrl(String canonicalUrl);

    Optional<String> articleByBodyHash(String bodyHash);

    /** Article ids in a band bucket, oldest first, at most {@code limit}. */
    List<String> bucket(String bandKey, int limit);

    Optional<Fingerprint> fingerprint(String articleId);

    void rememberUrl(String canonicalUrl, String articleId, long timestamp);

    void rememberBodyHash(String bodyHash, String articleId, long timestamp);

    void addToBucket(String bandKey, String articleId, long timestamp);

    void rememberFingerprint(String articleId, Fingerprint fingerprint, long timestamp);
}
