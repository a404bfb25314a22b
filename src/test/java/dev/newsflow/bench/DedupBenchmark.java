package dev.newsflow.bench;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.SourceRef;
import dev.newsflow.bench.SyntheticCopies.Kind;
import dev.newsflow.bench.SyntheticCopies.Site;
import dev.newsflow.clean.ArticleCleaner;
import dev.newsflow.dedup.DedupSettings;
import dev.newsflow.dedup.MinHasher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Near-duplicate benchmark with known ground truth, built from the real article texts of the Zyte
 * corpus: every story is published once on its own site, then copied in the ways of
 * {@link SyntheticCopies} by other sites. All documents go through the dedup stage on its real
 * window stores (TopologyTestDriver, RocksDB) in a fixed shuffled order, originals first.
 * Prints recall per kind of copy, the match rate of the controls, false pairs per 1,000
 * documents, changelogged state per article and articles/s. Usage: {@code DedupBenchmark DIR}.
 */
public final class DedupBenchmark {
    static final String ORIGINAL = "ORIGINAL";
    private static final int MIN_STORY_TOKENS = 100;
    private static final List<String> SITE_NAMES = List.of("Courier", "Ledger", "Tribune", "Herald", "Sentinel",
            "Gazette", "Observer", "Chronicle", "Dispatch", "Examiner", "Monitor", "Record");

    /** One document of the benchmark and the story it tells. */
    record Doc(String id, int story, String kind, String url, String text) {
    }

    public static void main(String[] args) throws Exception {
        List<String> texts = ExtractionCorpus.load(ExtractionCorpus.dir(args)).stream().map(ExtractionCorpus.Page::expected).toList();
        // half a story must still be long enough for MinHash (texts under 50 tokens are matched exactly only)
        List<String> stories = texts.stream().filter(t -> MinHasher.tokenHashes(t).length >= MIN_STORY_TOKENS).toList();
        List<Doc> docs = documents(stories, new SyntheticCopies(texts));
        System.out.printf("stories %d (of %d with >= %d tokens), documents %d%n", stories.size(), texts.size(),
                MIN_STORY_TOKENS, docs.size());

        DedupSettings settings = DedupSettings.defaults();
        DedupRun run = DedupRun.of(docs, settings);
        report("site sentences stripped", docs, run);
        System.out.printf("state (changelog bytes)   %.0f bytes per document, %.0f per first-seen article%n",
                (double) run.changelogBytes() / docs.size(), (double) run.changelogBytes() / run.firstSeen());
        run.changelogBytesByStore().forEach((store, bytes) ->
                System.out.printf("  %-22s %8.0f bytes per first-seen article%n", store, (double) bytes / run.firstSeen()));

        DedupSettings noStripping = new DedupSettings(settings.retention(), settings.maxBucketSize(),
                settings.minTokensForNearDuplicates(), settings.jaccardThreshold(), settings.containmentThreshold(),
                Integer.MAX_VALUE);
        report("without site stripping", docs, DedupRun.of(docs, noStripping));

        DedupRun.of(docs, settings);
        PassRates rates = PassRates.of(5, () -> DedupRun.of(docs, settings).articlesPerSecond());
        System.out.printf("throughput %.0f articles/s through the dedup stage (%s)%n", rates.median(), rates);
    }

    private static void report(String label, List<Doc> docs, DedupRun run) {
        Map<String, Doc> byId = new HashMap<>();
        docs.forEach(d -> byId.put(d.id(), d));
        Map<Kind, int[]> caught = new EnumMap<>(Kind.class);
        int falsePairs = 0;
        for (Doc doc : docs) {
            String of = run.duplicateOf().get(doc.id());
            boolean sameStory = of != null && byId.get(of).story() == doc.story();
            if (of != null && (!sameStory || doc.kind().equals(Kind.HEAVY_REWRITE.name()))) {
                falsePairs++;
            }
            if (!doc.kind().equals(ORIGINAL)) {
                int[] c = caught.computeIfAbsent(Kind.valueOf(doc.kind()), k -> new int[2]);
                c[0] += sameStory ? 1 : 0;
                c[1]++;
            }
        }
        System.out.printf("== %s%n", label);
        caught.forEach((kind, c) -> System.out.printf("  %-18s %s %.3f (%d/%d)%n", kind,
                kind.nearCopy ? "recall       " : "matched (ctl)", (double) c[0] / c[1], c[0], c[1]));
        System.out.printf("  false pairs        %.2f per 1,000 documents (%d)%n", 1000.0 * falsePairs / docs.size(), falsePairs);
    }

    /** Originals on their own sites first, in shuffled order, then every copy, shuffled. */
    static List<Doc> documents(List<String> stories, SyntheticCopies copies) {
        List<Site> sites = SITE_NAMES.stream().map(SyntheticCopies::site).toList();
        Site aggregator = SyntheticCopies.site("Newsroll");
        List<Doc> originals = new ArrayList<>();
        List<Doc> variants = new ArrayList<>();
        for (int i = 0; i < stories.size(); i++) {
            Site home = sites.get(i % sites.size());
            originals.add(new Doc("o" + i, i, ORIGINAL, "https://" + home.host() + "/news/story-" + i,
                    home.wrap(stories.get(i))));
            for (Kind kind : Kind.values()) {
                Site copier = kind == Kind.AGGREGATOR_REWRAP ? aggregator
                        : sites.get((i + 1 + kind.ordinal()) % sites.size());
                String text = copies.apply(kind, stories.get(i), copier, new Random(31L * i + kind.ordinal()));
                variants.add(new Doc("v" + i + "-" + kind, i, kind.name(),
                        "https://" + copier.host() + "/" + kind.name().toLowerCase() + "/" + i, text));
            }
        }
        Collections.shuffle(originals, new Random(7));
        Collections.shuffle(variants, new Random(8));
        List<Doc> all = new ArrayList<>(originals);
        all.addAll(variants);
        return all;
    }

    static CleanArticle article(Doc doc) {
        return CleanArticle.newBuilder()
                .setId(doc.id())
                .setUrl(doc.url())
                .setCanonicalUrl(doc.url())
                .setSite(doc.url().replaceAll("https://([^/]+)/.*", "$1"))
                .setTitle("")
                .setAuthors(List.of())
                .setPublishedAt(null)
                .setModifiedAt(null)
                .setLanguage("en")
                .setParagraphs(List.of(doc.text().split("\n")))
                .setText(doc.text())
                .setWordCount(MinHasher.tokenHashes(doc.text()).length)
                .setBodyHash(ArticleCleaner.bodyHash(doc.text()))
                .setFetchedAt(Instant.EPOCH)
                .setSource(new SourceRef("bench", 0, 0L))
                .build();
    }

    private DedupBenchmark() {
    }
}
