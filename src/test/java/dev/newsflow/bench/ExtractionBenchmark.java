package dev.newsflow.bench;

import dev.newsflow.bench.ZyteCorpus.Page;
import dev.newsflow.clean.ArticleCleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs the cleaner over the Zyte article-extraction benchmark and prints precision, recall and F1
 * with the benchmark's metric, then single-threaded throughput. Usage: {@code ExtractionBenchmark DIR [--worst N]}.
 */
public final class ExtractionBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = ZyteCorpus.dir(args);
        int worst = args.length > 2 && args[1].equals("--worst") ? Integer.parseInt(args[2]) : 0;
        List<Page> pages = ZyteCorpus.load(dir);
        ArticleCleaner cleaner = ArticleCleaner.withDefaults();

        List<ShingleMetric.PageScore> scores = new ArrayList<>();
        List<Map.Entry<Page, ShingleMetric.PageScore>> byPage = new ArrayList<>();
        for (Page page : pages) {
            String predicted = cleaner.extractText(page.html(), "text/html", page.url());
            ShingleMetric.PageScore score = ShingleMetric.score(page.expected(), predicted);
            scores.add(score);
            byPage.add(Map.entry(page, score));
        }
        ShingleMetric.Corpus corpus = ShingleMetric.corpus(scores);
        System.out.printf("pages      %d%n", pages.size());
        System.out.printf("precision  %.3f%n", corpus.precision());
        System.out.printf("recall     %.3f%n", corpus.recall());
        System.out.printf("F1         %.3f%n", corpus.f1());

        byPage.sort(Comparator.comparingDouble(e -> f1(e.getValue())));
        for (int i = 0; i < Math.min(worst, byPage.size()); i++) {
            ShingleMetric.PageScore s = byPage.get(i).getValue();
            System.out.printf("  worst %s P=%.2f R=%.2f %s%n", byPage.get(i).getKey().id(), s.precision(), s.recall(),
                    byPage.get(i).getKey().url());
        }

        // throughput: full cleaning (decode, parse, metadata, extraction, language) on one thread
        for (int warm = 0; warm < 3; warm++) {
            runAll(cleaner, pages);
        }
        long bytes = pages.stream().mapToLong(p -> p.html().length).sum();
        PassRates rates = PassRates.of(10, () -> {
            long start = System.nanoTime();
            runAll(cleaner, pages);
            return pages.size() / ((System.nanoTime() - start) / 1e9);
        });
        System.out.printf("throughput %.0f pages/s single-threaded, %s (%.1f MB/s, mean page %.0f KB)%n",
                rates.median(), rates, rates.median() * bytes / pages.size() / 1e6, bytes / 1024.0 / pages.size());
    }

    private static double f1(ShingleMetric.PageScore s) {
        double p = s.precision();
        double r = s.recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static void runAll(ArticleCleaner cleaner, List<Page> pages) {
        for (Page page : pages) {
            cleaner.extractText(page.html(), "text/html", page.url());
        }
    }
}
