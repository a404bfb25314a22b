package dev.newsflow.dedup;

import dev.newsflow.clean.SentenceBreaks;
import dev.newsflow.clean.UrlNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-site repeated sentences ("Sign up for our newsletter", the site's standard disclaimer) make
 * different stories of one site look alike and copies on different sites look different, so they
 * are removed before fingerprinting. A sentence counts as boilerplate once it has appeared in
 * {@code repeatThreshold} first-seen articles of the same site, this one included. Only
 * first-seen articles are counted: a site republishing one story must not turn the story itself
 * into boilerplate.
 *
 * <p>The first long sentences left are the article's anchors: a truncated or rewrapped copy keeps
 * them verbatim even when its overall Jaccard similarity is too low for LSH bands to meet.
 */
final class SiteBoilerplate {
    private static final int ANCHORS = 4;
    private static final int ANCHOR_MIN_WORDS = 8;

    private final DedupStorage storage;
    private final int earlierSightingsNeeded;

    /** The token hashes of the text left after stripping, the sentences still to be counted for the site, and the anchor keys. */
    record Stripped(long[] tokens, List<String> uncountedSentenceKeys, List<String> anchorKeys) {
    }

    SiteBoilerplate(DedupStorage storage, int repeatThreshold) {
        this.storage = storage;
        this.earlierSightingsNeeded = Math.max(0, repeatThreshold - 1);
    }

    Stripped strip(String canonicalUrl, String text) {
        // the host without "www.": the unit whose templates repeat
        String site = UrlNormalizer.host(canonicalUrl);
        Map<Long, long[]> sentences = new LinkedHashMap<>();
        for (String sentence : sentences(text)) {
            long[] words = MinHasher.tokenHashes(sentence);
            if (words.length > 0) {
                sentences.putIfAbsent(sentenceHash(words), words);
            }
        }
        long[] kept = new long[sentences.values().stream().mapToInt(w -> w.length).sum()];
        int keptCount = 0;
        List<String> uncounted = new ArrayList<>();
        List<String> anchors = new ArrayList<>(ANCHORS);
        for (Map.Entry<Long, long[]> sentence : sentences.entrySet()) {
            String key = site + "|" + Long.toHexString(sentence.getKey());
            if (storage.siteSentenceSightings(key, earlierSightingsNeeded) >= earlierSightingsNeeded) {
                continue;
            }
            uncounted.add(key);
            long[] words = sentence.getValue();
            System.arraycopy(words, 0, kept, keptCount, words.length);
            keptCount += words.length;
            if (anchors.size() < ANCHORS && words.length >= ANCHOR_MIN_WORDS) {
                anchors.add("anchor:" + Long.toHexString(sentence.getKey()));
            }
        }
        return new Stripped(Arrays.copyOf(kept, keptCount), uncounted, anchors);
    }

    private static long sentenceHash(long[] words) {
        long h = words.length;
        for (long w : words) {
            h = MinHasher.mix(h * MinHasher.FNV_PRIME ^ w);
        }
        return h;
    }

    void count(Stripped stripped, String articleId, long timestamp) {
        for (String key : stripped.uncountedSentenceKeys()) {
            storage.addSiteSentenceSighting(key, articleId, timestamp);
        }
    }

    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (SentenceBreaks.endsAt(text, i)) {
                addIfNotBlank(sentences, text.substring(start, i + 1));
                start = i + 1;
            }
        }
        addIfNotBlank(sentences, text.substring(start));
        return sentences;
    }

    private static void addIfNotBlank(List<String> sentences, String sentence) {
        String s = sentence.strip();
        if (!s.isEmpty()) {
            sentences.add(s);
        }
    }
}
