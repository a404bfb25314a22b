package dev.newsflow.bench;

import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.avro.Entity;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.Mention;
import dev.newsflow.entities.EntityTagger;
import dev.newsflow.entities.KnowledgeBase;
import dev.newsflow.entities.KnowledgeBaseSeed;
import dev.newsflow.entities.StanfordCrfRecognizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named-entity quality with the conlleval rule (a predicted entity counts only if its token span and
 * its type are exactly a gold one's) on wikigold and the two news sets (UNER English PUD news, GUM
 * Wikinews), for the pipeline's tagger (each document tagged as one article, with the seeded
 * knowledge base) and for the bare Stanford CRF it wraps, reading the gold tokens sentence by
 * sentence. The news sets have no MISC gold: they are scored on PER/ORG/LOC with MISC predictions
 * dropped. Then tagging speed on the Zyte news texts, one thread.
 * Usage: {@code NerBenchmark WIKIGOLD NEWS_DIR ZYTE_DIR}; {@code -Dner.errors=DIR} writes each
 * set's false positives and misses there.
 */
public final class NerBenchmark {
    private static final int DEFAULT_RECOGNIZED_CHARS =
            NewsflowConfig.withOverrides(Map.of()).getInt("newsflow.ner.max.chars");
    private static final int WHOLE_TEXT = Integer.MAX_VALUE;
    /** How far the recognizer reads, for the choice of the default on whole articles. */
    private static final int[] READING_LIMITS = {3000, 6000, 10_000, DEFAULT_RECOGNIZED_CHARS, WHOLE_TEXT};
    private static final Set<String> ALL_TYPES = Set.of("PER", "ORG", "LOC", "MISC");
    private static final Set<String> NEWS_TYPES = Set.of("PER", "ORG", "LOC");

    /** Produces the predicted "first:last:TYPE" entities of one document. */
    private interface Tagging {
        Set<String> predict(ConllSet.Document doc);
    }

    private NerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path news = Path.of(args[1]);
        Map<ConllSet, Set<String>> sets = new java.util.LinkedHashMap<>();
        sets.put(ConllSet.read("wikigold", Path.of(args[0])), ALL_TYPES);
        sets.put(ConllSet.read("PUD news", news.resolve("uner_en_pud_news.conll.txt")), NEWS_TYPES);
        sets.put(ConllSet.read("GUM Wikinews", news.resolve("gum_wikinews.conll.txt")), NEWS_TYPES);
        KnowledgeBase seeded = new KnowledgeBase();
        KnowledgeBaseSeed.load().forEach(seeded::upsert);
        StanfordCrfRecognizer crf = StanfordCrfRecognizer.shared();
        EntityTagger pipeline = new EntityTagger(seeded, crf, DEFAULT_RECOGNIZED_CHARS);
        EntityTagger wholeText = new EntityTagger(seeded, crf, WHOLE_TEXT);
        String errors = System.getProperty("ner.errors");

        for (Map.Entry<ConllSet, Set<String>> e : sets.entrySet()) {
            ConllSet set = e.getKey();
            System.out.printf("%n%s: %d documents, %d gold entities, scored on %s%n", set.name(),
                    set.documents().size(), set.entityCount(), new TreeSet<>(e.getValue()));
            score("the pipeline (default: the recognizer reads " + DEFAULT_RECOGNIZED_CHARS + " chars)", set, e.getValue(),
                    doc -> pipelineEntities(pipeline, doc), errors == null ? null : Path.of(errors, set.name() + ".pipeline.txt"));
            score("the pipeline reading the whole text", set, e.getValue(), doc -> pipelineEntities(wholeText, doc),
                    errors == null ? null : Path.of(errors, set.name() + ".whole.txt"));
            score("the bare CRF on the gold tokens", set, e.getValue(), doc -> bareCrfEntities(crf, doc),
                    errors == null ? null : Path.of(errors, set.name() + ".crf.txt"));
        }

        ConllSet gum = sets.keySet().stream().filter(set -> set.name().startsWith("GUM")).findFirst().orElseThrow();
        List<String> texts = ExtractionCorpus.load(Path.of(args[2])).stream().map(ExtractionCorpus.Page::expected).toList();
        long chars = texts.stream().mapToLong(String::length).sum();
        System.out.printf("%nby how far the recognizer reads: F1 on GUM's whole articles (PER/ORG/LOC), and tagging"
                + " speed on the %d Zyte news texts (mean %.0f chars), one thread:%n", texts.size(),
                (double) chars / texts.size());
        for (int limit : READING_LIMITS) {
            EntityTagger tagger = new EntityTagger(seeded, crf, limit);
            double f1 = f1(gum, NEWS_TYPES, doc -> pipelineEntities(tagger, doc));
            texts.forEach(t -> tagger.tag("", t, "en"));
            PassRates rates = PassRates.of(7, () -> {
                long started = System.nanoTime();
                texts.forEach(t -> tagger.tag("", t, "en"));
                return texts.size() / ((System.nanoTime() - started) / 1e9);
            });
            System.out.printf("  %-12s GUM F1 %.3f   %.0f articles/s (%s)%s%n",
                    limit == WHOLE_TEXT ? "whole text" : limit + " chars", f1, rates.median(), rates,
                    limit == DEFAULT_RECOGNIZED_CHARS ? "   <- the default" : "");
        }
    }

    private static Set<String> pipelineEntities(EntityTagger tagger, ConllSet.Document doc) {
        Map<Integer, Integer> firstByStart = new HashMap<>();
        Map<Integer, Integer> lastByEnd = new HashMap<>();
        for (int i = 0; i < doc.tokens().size(); i++) {
            firstByStart.put(doc.tokens().get(i).start(), i);
            lastByEnd.put(doc.tokens().get(i).end(), i);
        }
        Set<String> predicted = new HashSet<>();
        for (Entity entity : tagger.tag("", doc.text(), "en")) {
            for (Mention m : entity.getMentions()) {
                Integer first = firstByStart.get(m.getStart());
                Integer last = lastByEnd.get(m.getEnd());
                // a mention that does not start and end on token boundaries can match nothing
                predicted.add(first != null && last != null && last >= first
                        ? first + ":" + last + ":" + conll(entity.getType())
                        : "x" + m.getStart() + "-" + m.getEnd() + ":" + conll(entity.getType()));
            }
        }
        return predicted;
    }

    private static Set<String> bareCrfEntities(StanfordCrfRecognizer crf, ConllSet.Document doc) {
        Set<String> predicted = new HashSet<>();
        int offset = 0;
        for (List<ConllSet.Token> sentence : doc.sentences()) {
            for (StanfordCrfRecognizer.WordRun name : crf.names(sentence.stream().map(ConllSet.Token::text).toList())) {
                predicted.add((offset + name.first()) + ":" + (offset + name.last()) + ":" + conll(name.type()));
            }
            offset += sentence.size();
        }
        return predicted;
    }

    private static double f1(ConllSet set, Set<String> types, Tagging tagging) throws Exception {
        int[] all = new int[3];
        counts(set, types, tagging, null).values().forEach(c -> {
            for (int i = 0; i < 3; i++) {
                all[i] += c[i];
            }
        });
        return f1(all);
    }

    private static void score(String label, ConllSet set, Set<String> types, Tagging tagging, Path errorFile)
            throws Exception {
        Map<String, int[]> byType = counts(set, types, tagging, errorFile);
        int[] all = new int[3];
        System.out.printf("== %s%n", label);
        byType.forEach((type, c) -> {
            print("  " + type, c);
            for (int i = 0; i < 3; i++) {
                all[i] += c[i];
            }
        });
        print("  all", all);
    }

    /** Per type: true positives, false positives, misses. */
    private static Map<String, int[]> counts(ConllSet set, Set<String> types, Tagging tagging, Path errorFile)
            throws Exception {
        Map<String, int[]> byType = new TreeMap<>();
        types.forEach(t -> byType.put(t, new int[3]));
        PrintWriter errors = errorFile == null ? null : new PrintWriter(Files.newBufferedWriter(
                Files.createDirectories(errorFile.getParent()).resolve(errorFile.getFileName())));
        for (ConllSet.Document doc : set.documents()) {
            Set<String> predicted = new HashSet<>(tagging.predict(doc));
            predicted.removeIf(p -> !types.contains(typeOf(p)));
            Set<String> gold = new HashSet<>(doc.gold());
            gold.removeIf(g -> !types.contains(typeOf(g)));
            for (String p : predicted) {
                boolean hit = gold.contains(p);
                byType.get(typeOf(p))[hit ? 0 : 1]++;
                if (!hit && errors != null) {
                    errors.println("FP " + describe(doc, p));
                }
            }
            for (String g : gold) {
                if (!predicted.contains(g)) {
                    byType.get(typeOf(g))[2]++;
                    if (errors != null) {
                        errors.println("FN " + describe(doc, g));
                    }
                }
            }
        }
        if (errors != null) {
            errors.close();
        }
        return byType;
    }

    private static String typeOf(String entity) {
        return entity.substring(entity.lastIndexOf(':') + 1);
    }

    /** The entity's words and a little of the sentence around it, for reading errors. */
    private static String describe(ConllSet.Document doc, String entity) {
        String[] parts = entity.split(":");
        if (parts[0].startsWith("x")) {
            String[] range = parts[0].substring(1).split("-");
            int start = Integer.parseInt(range[0]);
            int end = Integer.parseInt(range[1]);
            return parts[1] + " [" + doc.text().substring(start, end) + "] (not on token boundaries)";
        }
        int first = Integer.parseInt(parts[0]);
        int last = Integer.parseInt(parts[1]);
        int from = doc.tokens().get(Math.max(0, first - 5)).start();
        int to = doc.tokens().get(Math.min(doc.tokens().size() - 1, last + 5)).end();
        String name = doc.text().substring(doc.tokens().get(first).start(), doc.tokens().get(last).end());
        return parts[2] + " [" + name + "]   ... " + doc.text().substring(from, to).replace('\n', '|') + " ...";
    }

    private static void print(String label, int[] c) {
        System.out.printf("%-6s precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)%n", label, precision(c),
                recall(c), f1(c), c[0], c[1], c[2]);
    }

    private static double precision(int[] c) {
        return c[0] / (double) Math.max(1, c[0] + c[1]);
    }

    private static double recall(int[] c) {
        return c[0] / (double) Math.max(1, c[0] + c[2]);
    }

    private static double f1(int[] c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static String conll(EntityType type) {
        return switch (type) {
            case PERSON -> "PER";
            case ORGANIZATION -> "ORG";
            case LOCATION -> "LOC";
            default -> "MISC";
        };
    }
}
