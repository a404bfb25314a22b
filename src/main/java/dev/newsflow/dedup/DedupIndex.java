package dev.newsflow.dedup;

import dev.newsflow.avro.DuplicateMethod;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an article repeats one seen before, cheapest test first: same canonical URL,
 * same normalised body, then MinHash/LSH near-duplicates. Only first-seen articles are indexed, so
 * every duplicate points at the article that opened its story, and the outcome depends only on
 * arrival order.
 */
public final class DedupIndex {
    private final DedupStorage storage;
    private final MinHasher minHasher;
    private final DedupSettings settings;

    public DedupIndex(DedupStorage storage, MinHasher minHasher, DedupSettings settings) {
        this.storage = storage;
        this.minHasher = minHasher;
        this.settings = settings;
    }

    public DedupDecision decide(String articleId, String canonicalUrl, String bodyHash, String text, long timestamp) {
        Optional<String> byUrl = storage.articleByUrl(canonicalUrl);
        if (byUrl.isPresent()) {
            return DedupDecision.duplicate(byUrl.get(), DuplicateMethod.CANONICAL_URL, 1.0);
        }
        Optional<String> byHash = storage.articleByBodyHash(bodyHash);
        if (byHash.isPresent()) {
            storage.rememberUrl(canonicalUrl, byHash.get(), timestamp);
            return DedupDecision.duplicate(byHash.get(), DuplicateMethod.BODY_HASH, 1.0);
        }
        List<String> tokens = MinHasher.tokens(text);
        if (tokens.size() < settings.minTokensForNearDuplicates()) {
            remember(articleId, canonicalUrl, bodyHash, null, List.of(), timestamp);
            return DedupDecision.firstSeen(articleId);
        }
        Fingerprint fingerprint = minHasher.fingerprint(tokens);
        List<String> bandKeys = minHasher.bandKeys(fingerprint);
        Optional<DedupDecision> near = nearestCopy(fingerprint, bandKeys);
        if (near.isPresent()) {
            storage.rememberUrl(canonicalUrl, near.get().storyId(), timestamp);
            return near.get();
        }
        remember(articleId, canonicalUrl, bodyHash, fingerprint, bandKeys, timestamp);
        return DedupDecision.firstSeen(articleId);
    }

    private Optional<DedupDecision> nearestCopy(Fingerprint fingerprint, List<String> bandKeys) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String key : bandKeys) {
            candidates.addAll(storage.bucket(key, settings.maxBucketSize()));
        }
        String best = null;
        double bestSimilarity = 0;
        for (String candidate : candidates) {
            Optional<Fingerprint> other = storage.fingerprint(candidate);
            if (other.isEmpty()) {
                continue;
            }
            double jaccard = fingerprint.estimatedJaccard(other.get());
            double containment = fingerprint.estimatedContainment(other.get());
            boolean copy = jaccard >= settings.jaccardThreshold() || containment >= settings.containmentThreshold();
            double similarity = Math.max(jaccard, containment);
            // candidates come oldest first, so a strict > keeps the earliest among equals
            if (copy && similarity > bestSimilarity) {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(DedupDecision.duplicate(best, DuplicateMethod.NEAR_DUPLICATE, bestSimilarity));
    }

    private void remember(String articleId, String canonicalUrl, String bodyHash, Fingerprint fingerprint,
                          List<String> bandKeys, long timestamp) {
        storage.rememberUrl(canonicalUrl, articleId, timestamp);
        storage.rememberBodyHash(bodyHash, articleId, timestamp);
        if (fingerprint != null) {
            storage.rememberFingerprint(articleId, fingerprint, timestamp);
            for (String key : bandKeys) {
                storage.addToBucket(key, articleId, timestamp);
            }
        }
    }
}
