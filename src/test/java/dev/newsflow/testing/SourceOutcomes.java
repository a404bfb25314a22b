package dev.newsflow.testing;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.cli.OutputCollector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The books of a run: what became of each input, keyed by its source partition and offset
 * ({@code "0@17"}): {@code ARTICLE}, {@code DUPLICATE} or the dead letter's reason. An input seen
 * twice, or an output no input accounts for, shows as a difference from the expected map.
 */
public final class SourceOutcomes {
    private SourceOutcomes() {
    }

    public static Map<String, String> of(OutputCollector outputs) {
        Map<String, String> outcome = new LinkedHashMap<>();
        for (EnrichedArticle a : outputs.enriched()) {
            put(outcome, key(a.getArticle().getSource().getPartition(), a.getArticle().getSource().getOffset()), "ARTICLE");
        }
        for (DuplicateArticle d : outputs.duplicates()) {
            put(outcome, key(d.getArticle().getSource().getPartition(), d.getArticle().getSource().getOffset()),
                    "DUPLICATE");
        }
        for (DeadLetter d : outputs.deadLetters()) {
            put(outcome, key(d.getPartition(), d.getOffset()), d.getReason().toString());
        }
        return outcome;
    }

    public static String key(int partition, long offset) {
        return partition + "@" + offset;
    }

    private static void put(Map<String, String> outcome, String key, String value) {
        String before = outcome.putIfAbsent(key, value);
        if (before != null) {
            outcome.put(key, before + " AND " + value);
        }
    }
}
