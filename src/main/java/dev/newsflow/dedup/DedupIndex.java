package dev.newsflow.dedup;

import dev.newsflow.avro.DuplicateMethod;
import dev.newsflow.clean.UrlNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an article repeats one seen before, cheapest test first: same canonical URL,
 * same normalised body, then near-duplicates on the text left after removing the site's repeated
 * sentences: candidates share an LSH band or an anchor sentence, and are confirmed by estimated
 * Jaccard or containment. Only first-seen articles are indexed, so every duplicate points at
 * the article that opened its story, and the outcome depends only on arrival order.
 */
public final class DedupIndex {
    private final DedupStorage storage;
    private final MinHasher minHasher;
    private final DedupSettings settings;
    private final SiteBoilerplate siteBoilerplate;

    public DedupIndex(DedupStorage storage, MinHasher minHasher, DedupSettings settings) {
        this.storage = storage;
        this.minHasher = minHasher;
        this.settings = settings;
        this.siteBoilerplate = new SiteBoilerplate(storage, settings.siteRepeatThreshold());
    }

    public DedupDecision decide(String articleId, String canonicalUrl, String bodyHash, String text, long timestamp) {
        Optional<String> byUrl = UrlNormalizer.isWebUrl(canonicalUrl) ? storage.articleByUrl(canonicalUrl) : Optional.empty();
        if (byUrl.isPresent()) {
            return DedupDecision.duplicate(byUrl.get(), DuplicateMethod.CANONICAL_URL, 1.0);
        }
        Optional<String> byHash = storage.articleByBodyHash(bodyHash);
        if (byHash.isPresent()) {
            rememberUrl(canonicalUrl, byHash.get(), timestamp);
            return DedupDecision.duplicate(byHash.get(), DuplicateMethod.BODY_HASH, 1.0);
        }
        SiteBoilerplate.Stripped stripped = siteBoilerplate.strip(canonicalUrl, text);
        long[] tokens = stripped.tokens();
        if (tokens.length < settings.minTokensForNearDuplicates()) {
            rememberExact(articleId, canonicalUrl, bodyHash, stripped, timestamp);
            return DedupDecision.firstSeen(articleId);
        }
        Fingerprint fingerprint = minHasher.fingerprint(tokens);
        List<String> keys = new ArrayList<>(minHasher.bandKeys(fingerprint));
        keys.addAll(stripped.anchorKeys());
        Candidates candidates = candidates(keys);
        Optional<DedupDecision> near = nearestCopy(fingerprint, candidates.ids());
        if (near.isPresent()) {
            rememberUrl(canonicalUrl, near.get().storyId(), timestamp);
            return near.get();
        }
        rememberExact(articleId, canonicalUrl, bodyHash, stripped, timestamp);
        rememberNear(articleId, fingerprint, candidates, timestamp);
        return DedupDecision.firstSeen(articleId);
    }

    /** The articles sharing a band or an anchor sentence with this one, oldest first, and the buckets that still have room. */
    private record Candidates(Set<String> ids, List<String> openBuckets) {
    }

    private Candidates candidates(List<String> bucketKeys) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> open = new ArrayList<>();
        for (String key : bucketKeys) {
            List<String> bucket = storage.bucket(key, settings.maxBucketSize());
            ids.addAll(bucket);
            // a full bucket holds boilerplate, not a story: it stops growing so lookups stay cheap
            if (bucket.size() < settings.maxBucketSize()) {
                open.add(key);
            }
        }
        return new Candidates(ids, open);
    }

    private Optional<DedupDecision> nearestCopy(Fingerprint fingerprint, Set<String> candidates) {
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

    private void rememberExact(String articleId, String canonicalUrl, String bodyHash,
                               SiteBoilerplate.Stripped stripped, long timestamp) {
        rememberUrl(canonicalUrl, articleId, timestamp);
        storage.rememberBodyHash(bodyHash, articleId, timestamp);
        siteBoilerplate.count(stripped, articleId, timestamp);
    }

    /** Only web URLs are remembered: an empty or about:blank URL must never match another article's. */
    private void rememberUrl(String canonicalUrl, String articleId, long timestamp) {
        if (UrlNormalizer.isWebUrl(canonicalUrl)) {
            storage.rememberUrl(canonicalUrl, articleId, timestamp);
        }
    }

    private void rememberNear(String articleId, Fingerprint fingerprint, Candidates candidates, long timestamp) {
        storage.rememberFingerprint(articleId, fingerprint, timestamp);
        for (String key : candidates.openBuckets()) {
            storage.addToBucket(key, articleId, timestamp);
        }
    }
}
