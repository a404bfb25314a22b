package dev.newsflow.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.DuplicateMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DedupIndexTest {
    private static final String STORY = "The central bank left its benchmark rate unchanged on Wednesday and signalled "
            + "that it was in no hurry to lower borrowing costs, citing inflation that has cooled more slowly than "
            + "policymakers had hoped. The chair told a news conference that the labour market remained solid and that "
            + "the committee wanted to see more good data before concluding that inflation was on a sustainable path "
            + "back to its goal. Markets had largely priced in the decision and stocks rose modestly after the "
            + "announcement while yields on two-year notes slipped as investors focused on projections for later cuts. "
            + "Several economists said the bank was trying to balance the risk of keeping policy too tight for too long "
            + "against the danger of declaring victory over inflation too early, a mistake the chair has repeatedly said "
            + "he wants to avoid. The next policy meeting is scheduled for early May, and officials will have two more "
            + "monthly inflation reports in hand before they decide what to do with rates.";

    /** Plain maps, the same contract as the window stores minus retention. */
    static final class MapStorage implements DedupStorage {
        final Map<String, String> urls = new HashMap<>();
        final Map<String, String> hashes = new HashMap<>();
        final Map<String, List<String>> buckets = new HashMap<>();
        final Map<String, Fingerprint> fingerprints = new HashMap<>();
        final Map<String, List<String>> siteSentences = new HashMap<>();

        public Optional<String> articleByUrl(String u) { return Optional.ofNullable(urls.get(u)); }
        public Optional<String> articleByBodyHash(String h) { return Optional.ofNullable(hashes.get(h)); }
        public List<String> bucket(String k, int limit) {
            List<String> ids = buckets.getOrDefault(k, List.of());
            return ids.subList(0, Math.min(limit, ids.size()));
        }
        public Optional<Fingerprint> fingerprint(String id) { return Optional.ofNullable(fingerprints.get(id)); }
        public void rememberUrl(String u, String id, long t) { urls.putIfAbsent(u, id); }
        public void rememberBodyHash(String h, String id, long t) { hashes.putIfAbsent(h, id); }
        public void addToBucket(String k, String id, long t) { buckets.computeIfAbsent(k, x -> new ArrayList<>()).add(id); }
        public void rememberFingerprint(String id, Fingerprint f, long t) { fingerprints.put(id, f); }
        public int siteSentenceSightings(String k, int limit) {
            return Math.min(limit, siteSentences.getOrDefault(k, List.of()).size());
        }
        public void addSiteSentenceSighting(String k, String id, long t) {
            siteSentences.computeIfAbsent(k, x -> new ArrayList<>()).add(id);
        }
    }

    private final DedupIndex index = new DedupIndex(new MapStorage(), MinHasher.standard(), DedupSettings.defaults());

    @Test
    void articlesWithoutAWebUrlNeverMatchByUrl() {
        for (String url : new String[] {"", "about:blank", "data:text/html,x"}) {
            assertThat(index.decide("first" + url, url, "h-first" + url, "short one " + url, 1).isDuplicate()).isFalse();
            assertThat(index.decide("second" + url, url, "h-second" + url, "short two " + url, 2).isDuplicate())
                    .as("a second, different article at %s", url).isFalse();
        }
    }

    @Test
    void firstSeenWinsAndCopiesPointAtIt() {
        assertThat(index.decide("a", "https://x/a", "h1", STORY, 1).isDuplicate()).isFalse();
        DedupDecision sameUrl = index.decide("a2", "https://x/a", "h9", "other text", 2);
        assertThat(sameUrl.method()).isEqualTo(DuplicateMethod.CANONICAL_URL);
        assertThat(sameUrl.duplicateOf()).contains("a");
        DedupDecision sameBody = index.decide("b", "https://y/b", "h1", STORY, 3);
        assertThat(sameBody.method()).isEqualTo(DuplicateMethod.BODY_HASH);

        String edited = "Republished with permission. " + STORY.replace("Wednesday", "Wednesday, March 18").replace("solid", "strong");
        DedupDecision near = index.decide("c", "https://z/c", "h2", edited, 4);
        assertThat(near.method()).isEqualTo(DuplicateMethod.NEAR_DUPLICATE);
        assertThat(near.storyId()).isEqualTo("a");
        assertThat(near.similarity()).isGreaterThan(0.5);

        String half = STORY.substring(0, STORY.indexOf("Several economists"));
        assertThat(MinHasher.tokenHashes(half).length).isGreaterThan(DedupSettings.defaults().minTokensForNearDuplicates());
        DedupDecision truncated = index.decide("d", "https://z/d", "h3", half, 5);
        assertThat(truncated.duplicateOf()).as("containment catches truncation").contains("a");
    }

    @Test
    void differentStoriesAndShortTextsAreNotNearDuplicates() {
        index.decide("a", "https://x/a", "h1", STORY, 1);
        String other = "Tens of thousands of people marched through the capital on Thursday as the main trade unions "
                + "rejected the latest proposal to change the pension system, the third day of national protests this "
                + "month. Police estimated the crowd at about fifty thousand while unions put the figure far higher and "
                + "rail traffic was heavily disrupted across the country as marches took place in several cities.";
        assertThat(index.decide("b", "https://x/b", "h2", other, 2).isDuplicate()).isFalse();
        assertThat(index.decide("s1", "https://x/s1", "h3", "Short note about rates.", 3).isDuplicate()).isFalse();
        assertThat(index.decide("s2", "https://x/s2", "h4", "Short note about rates!", 4).isDuplicate()).isFalse();
    }

    @Test
    void aSitesRepeatedSentencesDoNotMakeItsStoriesLookAlike() {
        String footer = sentences(new Random(1), 10, 10);
        String shortStory = sentences(new Random(2), 2, 10);
        DedupSettings stripping = DedupSettings.defaults();
        DedupSettings noStripping = new DedupSettings(stripping.retention(), stripping.maxBucketSize(),
                stripping.minTokensForNearDuplicates(), stripping.jaccardThreshold(), stripping.containmentThreshold(),
                Integer.MAX_VALUE);

        for (DedupSettings settings : List.of(stripping, noStripping)) {
            DedupIndex site = new DedupIndex(new MapStorage(), MinHasher.standard(), settings);
            for (int i = 0; i < 3; i++) {
                String story = sentences(new Random(10 + i), 8, 10);
                assertThat(site.decide("a" + i, "https://www.x.com/" + i, "h" + i, story + "\n" + footer, i).isDuplicate())
                        .as("distinct stories sharing a footer").isFalse();
            }
            DedupDecision fourth = site.decide("a3", "https://x.com/3", "h3", shortStory + "\n" + footer, 3);
            if (settings == stripping) {
                assertThat(fourth.isDuplicate()).as("footer stripped, the short story stands alone").isFalse();
            } else {
                assertThat(fourth.duplicateOf()).as("without stripping the footer dominates").isPresent();
            }
        }
    }

    /** Sentences of made-up words: texts that share nothing unless they share a sentence. */
    private static String sentences(Random random, int count, int words) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < count; s++) {
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append("w").append(Integer.toString(random.nextInt(1 << 20), 36));
            }
            text.append(". ");
        }
        return text.toString().strip();
    }
}
