package dev.newsflow.bench;

import dev.newsflow.avro.Entity;
import dev.newsflow.avro.Mention;
import dev.newsflow.bench.LinkingScore.Link;
import dev.newsflow.entities.EntityTagger;
import dev.newsflow.entities.KnowledgeBase;
import dev.newsflow.entities.KnowledgeBaseSeed;
import dev.newsflow.entities.StanfordCrfRecognizer;
import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.CoreEntityMention;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./mvnw -Pbench-linking}: entity linking on the shared sets ({@code ../shared/benchmarks/linking}),
 * scored as their reference scorer does ({@link LinkingScore}), in two modes: end to end (the
 * pipeline's recognizer finds the names, the linker links them) and on the gold spans (disambiguation
 * alone). The peers: CoreNLP's dictionary prior on its own (each name to the one title
 * {@code wikidict} gives its exact spelling), on the pipeline's spans and on the gold ones, and
 * CoreNLP's own {@code entitylink} annotator behind its own recognizer. Titles are scored as wikidict
 * writes them, with no renaming: wikidict's titles are a decade old, and the sets' are from 2025.
 */
public final class LinkingBenchmark {
    private static final String WIKIDICT = "edu/stanford/nlp/models/kbp/english/wikidict.tab.gz";
    private static final int RECOGNIZED_CHARS = 20_000;
    /** CoreNLP's named-entity types that name something Wikipedia could have (not dates, numbers, titles). */
    private static final Set<String> NAME_TYPES = Set.of("PERSON", "ORGANIZATION", "LOCATION", "MISC", "CITY",
            "STATE_OR_PROVINCE", "COUNTRY", "NATIONALITY", "RELIGION");

    /** One way of linking: the links it makes in a document, given the spans to link (or none: find them). */
    private interface Linker {
        List<Link> link(LinkingSet.Doc doc, List<int[]> spans);
    }

    private LinkingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<LinkingSet> sets = List.of(LinkingSet.read(dir.resolve("gum_wikinews.jsonl")),
                LinkingSet.read(dir.resolve("kore50.jsonl")));
        KnowledgeBase seeded = new KnowledgeBase();
        KnowledgeBaseSeed.load().forEach(seeded::upsert);
        EntityTagger tagger = new EntityTagger(seeded, StanfordCrfRecognizer.shared(), RECOGNIZED_CHARS);

        Map<String, List<int[]>> recognized = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (LinkingSet set : sets) {
            for (LinkingSet.Doc doc : set.docs()) {
                List<int[]> spans = recognizedSpans(tagger, doc);
                recognized.put(set.name() + "/" + doc.id(), spans);
                spans.forEach(s -> names.add(doc.text().substring(s[0], s[1])));
                doc.mentions().forEach(m -> names.add(m.surface()));
            }
        }
        long loading = System.nanoTime();
        Map<String, String> prior = wikidictTitles(names);
        System.out.printf("wikidict: %,d of the sets' %,d names read in %.1f s%n", prior.size(), names.size(),
                (System.nanoTime() - loading) / 1e9);
        Map<String, Linker> linkers = new LinkedHashMap<>();
        linkers.put("dictionary prior alone", (doc, spans) -> byName(doc, spans, prior::get));

        Map<String, Map<String, List<Link>>> coreNlp = coreNlpEntityLink(sets);

        System.out.println();
        System.out.println("| set | linker | mode | InKB P | R | F1 | strict P / F1 | accuracy on gold spans | link rate |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (LinkingSet set : sets) {
            for (Map.Entry<String, Linker> linker : linkers.entrySet()) {
                report(set, linker.getKey(), "end to end", linker.getValue(),
                        doc -> recognized.get(set.name() + "/" + doc.id()));
                report(set, linker.getKey(), "gold spans", linker.getValue(),
                        doc -> doc.mentions().stream().map(m -> new int[] {m.start(), m.end()}).toList());
            }
            // on gold spans CoreNLP's entitylink is the prior above: the same exact look-up of the same text
            Map<String, List<Link>> byCoreNlp = coreNlp.get(set.name());
            report(set, "CoreNLP entitylink (its own NER)", "end to end", (doc, spans) -> byCoreNlp.get(doc.id()),
                    doc -> byCoreNlp.get(doc.id()).stream().map(l -> new int[] {l.start(), l.end()}).toList());
        }
    }

    private static void report(LinkingSet set, String name, String mode, Linker linker,
                               Function<LinkingSet.Doc, List<int[]>> spans) throws IOException {
        Map<String, List<Link>> links = new HashMap<>();
        int spanCount = 0;
        int linked = 0;
        for (LinkingSet.Doc doc : set.docs()) {
            List<int[]> given = spans.apply(doc);
            List<Link> made = linker.link(doc, given);
            links.put(doc.id(), made);
            spanCount += given.size();
            linked += (int) made.stream().filter(l -> l.id() != null).count();
        }
        writePredictions(set, name, mode, links);
        LinkingScore score = LinkingScore.of(set, links, LinkingSet.IdSpace.WIKIPEDIA);
        System.out.printf("| %s | %s | %s | %.3f | %.3f | %.3f | %.3f / %.3f | %s | %.2f |%n", set.name(), name, mode,
                score.precision(), score.recall(), score.f1(), score.precisionStrict(), score.f1Strict(),
                mode.equals("gold spans") ? String.format("%.3f", score.disambiguationAccuracy()) : "",
                spanCount == 0 ? 0 : (double) linked / spanCount);
    }

    /**
     * CoreNLP's own pipeline with its {@code entitylink} annotator, on the full wikidict: its recognizer's
     * named mentions (fine-grained places and nationalities included), each linked by exact look-up.
     */
    private static Map<String, Map<String, List<Link>>> coreNlpEntityLink(List<LinkingSet> sets) {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner,entitylink");
        props.setProperty("ner.applyNumericClassifiers", "false");
        props.setProperty("ner.useSUTime", "false");
        long loading = System.nanoTime();
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        System.out.printf("CoreNLP with entitylink loaded in %.0f s%n", (System.nanoTime() - loading) / 1e9);
        Map<String, Map<String, List<Link>>> bySet = new HashMap<>();
        for (LinkingSet set : sets) {
            long start = System.nanoTime();
            Map<String, List<Link>> byDoc = new HashMap<>();
            for (LinkingSet.Doc doc : set.docs()) {
                CoreDocument annotated = new CoreDocument(doc.text());
                pipeline.annotate(annotated);
                List<Link> links = new ArrayList<>();
                for (CoreEntityMention m : annotated.entityMentions()) {
                    if (NAME_TYPES.contains(m.entityType())) {
                        links.add(new Link(m.charOffsets().first(), m.charOffsets().second(),
                                m.entity() == null || m.entity().equals("O") ? null : m.entity()));
                    }
                }
                byDoc.put(doc.id(), links);
            }
            bySet.put(set.name(), byDoc);
            System.out.printf("CoreNLP annotated %s: %.1f docs/s%n", set.name(),
                    set.docs().size() / ((System.nanoTime() - start) / 1e9));
        }
        return bySet;
    }

    /**
     * With {@code -Dlinking.predictions=DIR}, the links as the reference scorer reads them
     * ({@code python3 tools/score.py GOLD.jsonl DIR/set.linker.mode.jsonl}), to check the figures above.
     */
    private static void writePredictions(LinkingSet set, String linker, String mode, Map<String, List<Link>> links)
            throws IOException {
        String dir = System.getProperty("linking.predictions", "");
        if (dir.isBlank()) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        Path file = Path.of(dir, (set.name() + "." + linker + "." + mode).replaceAll("[^A-Za-z0-9_.]+", "-") + ".jsonl");
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LinkingSet.Doc doc : set.docs()) {
                List<Map<String, Object>> mentions = new ArrayList<>();
                for (Link l : links.getOrDefault(doc.id(), List.of())) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("start", l.start());
                    m.put("end", l.end());
                    m.put("wikipedia", l.id());
                    mentions.add(m);
                }
                out.write(json.writeValueAsString(Map.of("id", doc.id(), "mentions", mentions)));
                out.newLine();
            }
        }
    }

    /** The spans of every PERSON, ORGANIZATION and LOCATION mention the pipeline's tagger finds in the text. */
    private static List<int[]> recognizedSpans(EntityTagger tagger, LinkingSet.Doc doc) {
        List<int[]> spans = new ArrayList<>();
        for (Entity entity : tagger.tag("", doc.text(), "en")) {
            if (entity.getType().name().equals("MISC")) {
                continue;
            }
            for (Mention m : entity.getMentions()) {
                if (!m.getInTitle()) {
                    spans.add(new int[] {m.getStart(), m.getEnd()});
                }
            }
        }
        return spans;
    }

    private static List<Link> byName(LinkingSet.Doc doc, List<int[]> spans, Function<String, String> titleOf) {
        List<Link> links = new ArrayList<>();
        for (int[] span : spans) {
            links.add(new Link(span[0], span[1], titleOf.apply(doc.text().substring(span[0], span[1]))));
        }
        return links;
    }

    /** The title wikidict gives each of these exact spellings, read in one pass over its 20.9 million lines. */
    private static Map<String, String> wikidictTitles(Set<String> names) throws IOException {
        Map<String, String> titles = new HashMap<>();
        Map<String, Double> scores = new HashMap<>();
        InputStream raw = LinkingBenchmark.class.getClassLoader().getResourceAsStream(WIKIDICT);
        if (raw == null) {
            throw new IOException(WIKIDICT + " is not on the classpath: run with -Pbench-linking, which adds CoreNLP's"
                    + " models-english-kbp jar");
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = lines.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (tab <= 0 || !names.contains(line.substring(0, tab))) {
                    continue;
                }
                String[] fields = line.split("\t");
                double score = fields.length > 2 ? Double.parseDouble(fields[2]) : 0;
                if (score > scores.getOrDefault(fields[0], -1.0)) {
                    scores.put(fields[0], score);
                    titles.put(fields[0], fields[1]);
                }
            }
        }
        return titles;
    }
}
