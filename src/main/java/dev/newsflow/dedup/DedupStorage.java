package dev.newsflow.dedup;

import java.util.List;
import java.util.Optional;

/**
 * What the dedup index remembers, behind an interface so the same decision code runs on Kafka
 * Streams window stores and on plain maps in unit tests. Entries carry the time they were
 * written; implementations forget them after the retention. Multi-valued keys (LSH buckets, site
 * sentence sightings) keep their values oldest first; the index decides how many it adds.
 */
public interface DedupStorage {

    Optional<String> articleByUrl(String canonicalUrl);

    Optional<String> articleByBodyHash(String bodyHash);

    /** Article ids in a band bucket, oldest first, at most {@code limit}. */
    List<String> bucket(String bandKey, int limit);

    Optional<Fingerprint> fingerprint(String articleId);

    /** How many first-seen articles of a site contained this sentence, counting no further than {@code limit}. */
    int siteSentenceSightings(String siteSentenceKey, int limit);

    void rememberUrl(String canonicalUrl, String articleId, long timestamp);

    void rememberBodyHash(String bodyHash, String articleId, long timestamp);

    void addToBucket(String bandKey, String articleId, long timestamp);

    void rememberFingerprint(String articleId, Fingerprint fingerprint, long timestamp);

    void addSiteSentenceSighting(String siteSentenceKey, String articleId, long timestamp);
}
