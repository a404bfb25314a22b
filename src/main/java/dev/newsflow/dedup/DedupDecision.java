package dev.newsflow.dedup;

import dev.newsflow.avro.DuplicateMethod;
import java.util.Optional;

/** The verdict on one article: first of its story, or a copy of an earlier one. */
public record DedupDecision(String storyId, Optional<String> duplicateOf, DuplicateMethod method, double similarity) {

    public static DedupDecision firstSeen(String articleId) {
        return new DedupDecision(articleId, Optional.empty(), null, 0);
    }

    public static DedupDecision duplicate(String canonicalId, DuplicateMethod method, double similarity) {
        return new DedupDecision(canonicalId, Optional.of(canonicalId), method, similarity);
    }

    public boolean isDuplicate() {
        return duplicateOf.isPresent();
    }
}
