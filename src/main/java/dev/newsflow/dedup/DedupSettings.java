package dev.newsflow.dedup;

import java.time.Duration;

/**
 * @param retention                   how long an article can be matched by later copies
 * @param maxBucketSize               LSH buckets beyond this size stop growing: such buckets hold
 *                                    boilerplate, not stories, and would make lookups slow
 * @param minTokensForNearDuplicates  shorter texts are matched exactly only: their MinHash is too noisy
 */
public record DedupSettings(Duration retention, int maxBucketSize, int minTokensForNearDuplicates,
                            double jaccardThreshold, double containmentThreshold) {

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofDays(7), 50, 50, 0.5, 0.8);
    }
}
