package dev.newsflow.dedup;

import java.time.Duration;

/**
 * @param retention                   how long an article can be matched by later copies
 * @param maxBucketSize               LSH buckets beyond this size stop growing: such buckets hold
 *                                    boilerplate, not stories, and would make lookups slow
 * @param minTokensForNearDuplicates  shorter texts are matched exactly only: their MinHash is too noisy
 * @param siteRepeatThreshold         a sentence found in this many first-seen articles of one site is
 *                                    that site's boilerplate and is left out of fingerprints
 */
public record DedupSettings(Duration retention, int maxBucketSize, int minTokensForNearDuplicates,
                            double jaccardThreshold, double containmentThreshold, int siteRepeatThreshold) {

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofDays(7), 50, 50, 0.5, 0.8, 3);
    }
}
