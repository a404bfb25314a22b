package dev.newsflow.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The article-extraction-benchmark's own metric: tokens are maximal runs of Unicode letters,
 * digits and underscore (Python's {@code \w}, case kept); each text becomes the multiset of its
 * 4-token shingles; per page tp is the multiset intersection size.
 */
final class ShingleMetric {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    record PageScore(int tp, int fp, int fn) {
        double precision() {
            return fp == 0 && fn == 0 ? 1 : tp == 0 && fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return fp == 0 && fn == 0 ? 1 : tp == 0 && fn == 0 ? 0 : (double) tp / (tp + fn);
        }
    }

    record Corpus(double precision, double recall) {
        double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    private ShingleMetric() {
    }

    static PageScore score(String expected, String predicted) {
        Map<String, Integer> want = shingles(expected);
        Map<String, Integer> got = shingles(predicted);
        int tp = 0;
        int fp = 0;
        for (Map.Entry<String, Integer> e : got.entrySet()) {
            int overlap = Math.min(e.getValue(), want.getOrDefault(e.getKey(), 0));
            tp += overlap;
            fp += e.getValue() - overlap;
        }
        int wanted = want.values().stream().mapToInt(Integer::intValue).sum();
        return new PageScore(tp, fp, wanted - tp);
    }

    /** Means over pages, as the benchmark does: precision over pages with tp+fp>0, recall over pages with tp+fn>0. */
    static Corpus corpus(List<PageScore> pages) {
        double p = pages.stream().filter(s -> s.tp() + s.fp() > 0).mapToDouble(PageScore::precision).average().orElse(0);
        double r = pages.stream().filter(s -> s.tp() + s.fn() > 0).mapToDouble(PageScore::recall).average().orElse(0);
        return new Corpus(p, r);
    }

    /** Tokens as the metric counts them. */
    static int words(String text) {
        return text == null ? 0 : (int) WORD.matcher(text).results().count();
    }

    static Map<String, Integer> shingles(String text) {
        List<String> tokens = WORD.matcher(text == null ? "" : text).results().map(m -> m.group()).toList();
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + 4 <= tokens.size(); i++) {
            out.merge(String.join(" ", tokens.subList(i, i + 4)), 1, Integer::sum);
        }
        return out;
    }
}
