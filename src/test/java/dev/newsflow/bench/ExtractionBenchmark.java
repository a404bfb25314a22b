package dev.newsflow.bench;

import dev.newsflow.bench.ExtractionCorpus.Page;
import dev.newsflow.clean.ArticleCleaner;
import dev.newsflow.clean.CleanFailure;
import dev.newsflow.clean.PageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.dankito.readability4j.Readability4J;

/**
 * Runs the cleaner and two peers (Readability4J, boilerpipe's ArticleExtractor) over extraction
 * benchmarks (Zyte, Dragnet) and prints, per set and extractor: precision, recall and F1 with the
 * benchmark's metric, empty outputs on pages with at least 50 gold words, the share of comment text
 * that leaks into the output, and single-thread speed from passes interleaved across the extractors.
 * The cleaner is timed on the page bytes (decode, parse, metadata, extraction, language); the peers
 * on the page already decoded, so the speed ratio is conservative.
 * Usage: {@code ExtractionBenchmark DIR... [--worst N] [--dump OUTDIR] [--no-peers]}.
 */
public final class ExtractionBenchmark {
    private static final int SPEED_PASSES = 5;
    private static final long MIN_PASS_NANOS = 3_000_000_000L;

    /** One extractor under test: page in, main text out ("" when it finds none). */
    interface Extractor {
        String text(Page page, String decodedHtml) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<Path> sets = new ArrayList<>();
        int worst = 0;
        Path dump = null;
        boolean peers = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--worst" -> worst = Integer.parseInt(args[++i]);
                case "--dump" -> dump = Path.of(args[++i]);
                case "--no-peers" -> peers = false;
                default -> sets.add(Path.of(args[i]));
            }
        }
        if (sets.isEmpty()) {
            sets.add(ExtractionCorpus.dir(args));
        }
        ArticleCleaner cleaner = ArticleCleaner.withDefaults();
        Map<String, Extractor> extractors = new LinkedHashMap<>();
        extractors.put("newsflow", (page, html) -> cleaner.extractText(page.html(), "text/html", page.url()));
        if (peers) {
            extractors.put("readability4j", (page, html) -> {
            var article = new Readability4J(page.url().isEmpty() ? "http://example.org/" : page.url(), html).parse();
            return article.getTextContent() == null ? "" : article.getTextContent();
        });
            extractors.put("boilerpipe", (page, html) ->
                    de.l3s.boilerpipe.extractors.ArticleExtractor.INSTANCE.getText(html));
        }

        for (Path set : sets) {
            List<Page> pages = ExtractionCorpus.load(set);
            List<String> decoded = decodeAll(pages);
            System.out.printf("%n== %s: %d pages ==%n", set.getFileName(), pages.size());
            System.out.printf("%-14s %6s %6s %6s %7s %9s %8s%n", "extractor", "P", "R", "F1", "empty", "comments", "errors");
            Map<String, Double> f1s = new LinkedHashMap<>();
            for (Map.Entry<String, Extractor> ex : extractors.entrySet()) {
                Quality q = quality(ex.getValue(), pages, decoded);
                f1s.put(ex.getKey(), q.corpus().f1());
                System.out.printf("%-14s %6.3f %6.3f %6.3f %7s %8.1f%% %8d%n", ex.getKey(), q.corpus().precision(),
                        q.corpus().recall(), q.corpus().f1(), q.empty() + "/" + q.wordyPages(),
                        100 * q.commentLeak(), q.errors());
                if (ex.getKey().equals("newsflow")) {
                    printWorst(q, pages, worst);
                }
                if (dump != null) {
                    dumpOutputs(q, pages, dump.resolve(ex.getKey()).resolve(set.getFileName()));
                }
            }
            Map<String, Double> speeds = speeds(extractors, pages, decoded);
            speeds.forEach((name, rate) -> System.out.printf("speed %-14s %6.0f pages/s (median of %d passes)%n",
                    name, rate, SPEED_PASSES));
            for (String peer : extractors.keySet().stream().filter(name -> !name.equals("newsflow")).toList()) {
                System.out.printf("newsflow / %-13s F1 %.3f, speed %.2fx%n", peer,
                        f1s.get("newsflow") / f1s.get(peer), speeds.get("newsflow") / speeds.get(peer));
            }
        }
    }

    record Quality(ShingleMetric.Corpus corpus, List<ShingleMetric.PageScore> scores, List<String> outputs,
                   int empty, int wordyPages, double commentLeak, int errors) {
    }

    private static Quality quality(Extractor extractor, List<Page> pages, List<String> decoded) {
        List<ShingleMetric.PageScore> scores = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        int empty = 0;
        int wordy = 0;
        int errors = 0;
        long commentShingles = 0;
        long commentLeaked = 0;
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            String out;
            try {
                out = extractor.text(page, decoded.get(i));
            } catch (Exception | StackOverflowError e) {
                out = "";
                errors++;
            }
            outputs.add(out);
            scores.add(ShingleMetric.score(page.expected(), out));
            if (ShingleMetric.words(page.expected()) >= 50) {
                wordy++;
                if (ShingleMetric.words(out) == 0) {
                    empty++;
                }
            }
            if (!page.comments().isBlank()) {
                // comment shingles that are not also article shingles, found in the output
                ShingleMetric.PageScore leak = ShingleMetric.score(page.comments(), out);
                ShingleMetric.PageScore shared = ShingleMetric.score(page.comments(), page.expected());
                commentShingles += leak.tp() + leak.fn() - shared.tp();
                commentLeaked += Math.max(0, leak.tp() - shared.tp());
            }
        }
        return new Quality(ShingleMetric.corpus(scores), scores, outputs, empty, wordy,
                commentShingles == 0 ? 0 : (double) commentLeaked / commentShingles, errors);
    }

    /** Passes interleaved across extractors, so a machine slowing down hurts all of them alike. */
    private static Map<String, Double> speeds(Map<String, Extractor> extractors, List<Page> pages, List<String> decoded) {
        Map<String, double[]> rates = new LinkedHashMap<>();
        extractors.keySet().forEach(name -> rates.put(name, new double[SPEED_PASSES]));
        for (int pass = -1; pass < SPEED_PASSES; pass++) {
            for (Map.Entry<String, Extractor> ex : extractors.entrySet()) {
                long start = System.nanoTime();
                long done = 0;
                do { // rounds over the set until the pass is long enough to measure
                    for (int i = 0; i < pages.size(); i++) {
                        try {
                            ex.getValue().text(pages.get(i), decoded.get(i));
                        } catch (Exception | StackOverflowError ignored) {
                            // counted in the quality pass
                        }
                    }
                    done += pages.size();
                } while (System.nanoTime() - start < MIN_PASS_NANOS);
                if (pass >= 0) { // pass -1 warms up
                    rates.get(ex.getKey())[pass] = done / ((System.nanoTime() - start) / 1e9);
                }
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        rates.forEach((name, r) -> {
            java.util.Arrays.sort(r);
            medians.put(name, r[r.length / 2]);
        });
        return medians;
    }

    private static List<String> decodeAll(List<Page> pages) {
        PageDecoder decoder = new PageDecoder(Integer.MAX_VALUE);
        List<String> out = new ArrayList<>();
        for (Page page : pages) {
            try {
                out.add(decoder.decode(page.html(), "text/html"));
            } catch (CleanFailure e) {
                out.add(new String(page.html(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void printWorst(Quality q, List<Page> pages, int worst) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> f1(q.scores().get(i))));
        for (int k = 0; k < Math.min(worst, order.size()); k++) {
            int i = order.get(k);
            ShingleMetric.PageScore s = q.scores().get(i);
            System.out.printf("  worst %s P=%.2f R=%.2f gold=%d out=%d %s%n", pages.get(i).id(), s.precision(),
                    s.recall(), ShingleMetric.words(pages.get(i).expected()), ShingleMetric.words(q.outputs().get(i)),
                    pages.get(i).url());
        }
    }

    private static void dumpOutputs(Quality q, List<Page> pages, Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < pages.size(); i++) {
            ShingleMetric.PageScore s = q.scores().get(i);
            Files.writeString(dir.resolve(pages.get(i).id() + ".txt"), String.format("F1=%.3f P=%.3f R=%.3f%n%s%n%n"
                    + "==== GOLD ====%n%s%n", f1(s), s.precision(), s.recall(), q.outputs().get(i),
                    pages.get(i).expected()));
        }
    }

    private static double f1(ShingleMetric.PageScore s) {
        double p = s.precision();
        double r = s.recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
