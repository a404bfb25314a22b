package dev.newsflow.bench;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.Mention;
import dev.newsflow.entities.EntityTagger;
import dev.newsflow.entities.KnowledgeBase;
import dev.newsflow.entities.KnowledgeBaseSeed;
import dev.newsflow.entities.StanfordCrfRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Named-entity quality on the wikigold test set (CoNLL format, IOB1, PER/ORG/LOC/MISC) with the
 * conlleval rule: a predicted entity counts only if its token span and its type are exactly a gold
 * one's. Each wikigold document is tagged as one article (sentences as paragraphs), the way the
 * pipeline tags. Then the tagging speed on the Zyte news texts, single-threaded.
 * Usage: {@code NerBenchmark WIKIGOLD ZYTE_DIR}.
 */
public final class NerBenchmark {
    /** The default of newsflow.ner.max.chars. */
    private static final int MAX_RECOGNIZED_CHARS = 3000;
    private static final int WHOLE_TEXT = Integer.MAX_VALUE;

    private record Token(String text, String tag, int start, int end) {
    }

    /** A document as text plus its tokens' offsets and its gold entities "first:last:TYPE". */
    private record Document(String text, List<Token> tokens, Set<String> gold) {
    }

    private NerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Document> documents = wikigold(Path.of(args[0]));
        KnowledgeBase seeded = new KnowledgeBase();
        KnowledgeBaseSeed.load().forEach(seeded::upsert);
        StanfordCrfRecognizer crf = StanfordCrfRecognizer.shared();
        System.out.printf("wikigold: %d documents, %d gold entities%n", documents.size(),
                documents.stream().mapToInt(d -> d.gold().size()).sum());
        score("recognizer + knowledge base (the pipeline, recognizer reads " + MAX_RECOGNIZED_CHARS + " chars)",
                documents, new EntityTagger(seeded, crf, MAX_RECOGNIZED_CHARS));
        score("recognizer alone", documents, new EntityTagger(new KnowledgeBase(), crf, MAX_RECOGNIZED_CHARS));
        score("recognizer + knowledge base, recognizer reads the whole text", documents,
                new EntityTagger(seeded, crf, WHOLE_TEXT));

        List<String> news = ZyteCorpus.load(Path.of(args[1])).stream().map(ZyteCorpus.Page::expected).toList();
        long chars = news.stream().mapToLong(String::length).sum();
        System.out.printf("speed on the %d Zyte news texts (mean %.0f chars), tagging alone, one thread:%n",
                news.size(), (double) chars / news.size());
        for (int limit : new int[] {MAX_RECOGNIZED_CHARS, WHOLE_TEXT}) {
            EntityTagger tagger = new EntityTagger(seeded, crf, limit);
            news.forEach(t -> tagger.tag("", t, "en"));
            PassRates rates = PassRates.of(7, () -> {
                long started = System.nanoTime();
                news.forEach(t -> tagger.tag("", t, "en"));
                return news.size() / ((System.nanoTime() - started) / 1e9);
            });
            System.out.printf("  recognizer reads %s: %.0f articles/s (%s)%n",
                    limit == WHOLE_TEXT ? "the whole text" : "the first " + limit + " chars", rates.median(), rates);
        }
    }

    private static void score(String label, List<Document> documents, EntityTagger tagger) {
        Map<String, int[]> byType = new TreeMap<>();
        for (Document doc : documents) {
            Set<String> predicted = new HashSet<>();
            for (Entity entity : tagger.tag("", doc.text(), "en")) {
                for (Mention m : entity.getMentions()) {
                    int first = -1;
                    int last = -1;
                    for (int i = 0; i < doc.tokens().size(); i++) {
                        if (doc.tokens().get(i).start() == m.getStart()) {
                            first = i;
                        }
                        if (doc.tokens().get(i).end() == m.getEnd()) {
                            last = i;
                        }
                    }
                    // a mention that does not start and end on token boundaries can match nothing
                    predicted.add(first >= 0 && last >= first ? first + ":" + last + ":" + conll(entity.getType())
                            : "x" + m.getStart() + ":" + conll(entity.getType()));
                }
            }
            for (String p : predicted) {
                int[] c = byType.computeIfAbsent(p.substring(p.lastIndexOf(':') + 1), k -> new int[3]);
                c[doc.gold().contains(p) ? 0 : 1]++;
            }
            for (String g : doc.gold()) {
                if (!predicted.contains(g)) {
                    byType.computeIfAbsent(g.substring(g.lastIndexOf(':') + 1), k -> new int[3])[2]++;
                }
            }
        }
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

    private static void print(String label, int[] c) {
        double p = c[0] / (double) Math.max(1, c[0] + c[1]);
        double r = c[0] / (double) Math.max(1, c[0] + c[2]);
        System.out.printf("%-6s precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)%n", label, p, r,
                p + r == 0 ? 0 : 2 * p * r / (p + r), c[0], c[1], c[2]);
    }

    private static String conll(EntityType type) {
        return switch (type) {
            case PERSON -> "PER";
            case ORGANIZATION -> "ORG";
            case LOCATION -> "LOC";
            default -> "MISC";
        };
    }

    private static List<Document> wikigold(Path file) throws Exception {
        List<Document> documents = new ArrayList<>();
        List<List<String[]>> sentences = new ArrayList<>();
        List<String[]> sentence = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("-DOCSTART-")) {
                flush(sentence, sentences);
                if (!sentences.isEmpty()) {
                    documents.add(document(sentences));
                    sentences = new ArrayList<>();
                }
            } else if (line.isBlank()) {
                flush(sentence, sentences);
            } else {
                int space = line.lastIndexOf(' ');
                sentence.add(new String[] {line.substring(0, space), line.substring(space + 1)});
            }
        }
        flush(sentence, sentences);
        if (!sentences.isEmpty()) {
            documents.add(document(sentences));
        }
        return documents;
    }

    private static void flush(List<String[]> sentence, List<List<String[]>> sentences) {
        if (!sentence.isEmpty()) {
            sentences.add(new ArrayList<>(sentence));
            sentence.clear();
        }
    }

    /** Tokens joined by spaces, sentences by line breaks; gold spans from IOB1 tags within each sentence. */
    private static Document document(List<List<String[]>> sentences) {
        StringBuilder text = new StringBuilder();
        List<Token> tokens = new ArrayList<>();
        Set<String> gold = new HashSet<>();
        for (List<String[]> s : sentences) {
            if (text.length() > 0) {
                text.append('\n');
            }
            String type = null;
            int first = -1;
            for (int i = 0; i <= s.size(); i++) {
                String tag = i < s.size() ? s.get(i)[1] : "O";
                String t = tag.equals("O") ? null : tag.substring(2);
                boolean begins = t != null && (tag.startsWith("B-") || !t.equals(type));
                if (type != null && (t == null || begins)) {
                    gold.add(first + ":" + (tokens.size() - 1) + ":" + type);
                    type = null;
                }
                if (i == s.size()) {
                    break;
                }
                if (t != null && type == null) {
                    type = t;
                    first = tokens.size();
                }
                if (i > 0) {
                    text.append(' ');
                }
                int start = text.length();
                text.append(s.get(i)[0]);
                tokens.add(new Token(s.get(i)[0], tag, start, text.length()));
            }
        }
        return new Document(text.toString(), tokens, gold);
    }
}
