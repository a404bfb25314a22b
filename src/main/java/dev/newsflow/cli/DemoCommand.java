package dev.newsflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.Entity;
import dev.newsflow.avro.RawPage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code demo}: an embedded KRaft broker and a real Apicurio registry on free loopback ports, the
 * application on top, pages produced (the bundled samples unless a directory is given), and what
 * comes out printed: a summary, or with {@code --json} every output record as one JSON line on
 * standard output (progress then goes to standard error). Its working directory is removed at exit.
 */
final class DemoCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoCommand() {
    }

    static void run(Path apicurioDir, Optional<Path> pagesDir, boolean json, PrintStream out, PrintStream err)
            throws Exception {
        PrintStream talk = json ? err : out;
        Path work = Files.createTempDirectory("newsflow-demo");
        Thread cleanup = new Thread(() -> deleteQuietly(work), "newsflow-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        URI bundled = DemoCommand.class.getResource("/samples").toURI();
        // inside the jar the samples are read through a zip file system, open while the demo runs
        try (FileSystem jar = pagesDir.isEmpty() && "jar".equals(bundled.getScheme())
                ? FileSystems.newFileSystem(bundled, Map.of()) : null) {
            Path dir = pagesDir.orElseGet(() -> jar != null ? jar.getPath("/samples") : Path.of(bundled));
            List<Path> pages = PageProducer.htmlFiles(dir);
            talk.printf("Newsflow demo: %d pages from %s%n", pages.size(), pagesDir.map(Path::toString).orElse("the bundled samples"));
            talk.println("starting an embedded Kafka broker and Apicurio Registry ...");
            try (EmbeddedKafka kafka = EmbeddedKafka.start(work);
                 EmbeddedRegistry registry = EmbeddedRegistry.start(apicurioDir, work.resolve("registry.log"))) {
                NewsflowConfig config = NewsflowConfig.withOverrides(Map.of(
                        "kafka.bootstrap.servers", kafka.bootstrapServers(),
                        "kafka.application.id", "newsflow-demo",
                        "kafka.state.dir", work.resolve("state").toString(),
                        "kafka.commit.interval.ms", "100",
                        "newsflow.registry.url", registry.url(),
                        "newsflow.http.port", "0",
                        // one partition: the page order is the arrival order, so "first seen" is the file order
                        "newsflow.topics.partitions", "1"));
                talk.printf("broker %s, registry %s%n", kafka.bootstrapServers(), registry.url());
                try (NewsflowApp app = NewsflowApp.start(config)) {
                    if (!app.awaitRunning(Duration.ofSeconds(60))) {
                        throw new IllegalStateException("the streams application did not reach RUNNING");
                    }
                    talk.printf("metrics and health on http://localhost:%d/metrics (/ready /live /topology)%n", app.httpPort());
                    AvroSerdes serdes = AvroSerdes.from(config);
                    Topics topics = Topics.from(config, serdes);
                    PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class),
                            pages);
                    try (OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                        int[] shown = {-1};
                        outputs.awaitTotal(pages.size(), Duration.ofSeconds(120), done -> {
                            if (done != shown[0]) {
                                progress(talk, done, pages.size());
                                shown[0] = done;
                            }
                        });
                        talk.println();
                        if (json) {
                            printJson(out, topics, outputs);
                        } else {
                            print(out, outputs);
                        }
                    }
                }
            }
        } finally {
            deleteQuietly(work);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static void progress(PrintStream out, int done, int total) {
        int width = 40;
        int filled = total == 0 ? width : done * width / total;
        out.printf("\r[%s%s] %d/%d pages through the pipeline", "#".repeat(filled), "-".repeat(width - filled), done, total);
        out.flush();
    }

    private static void printJson(PrintStream out, Topics topics, OutputCollector outputs) throws IOException {
        for (EnrichedArticle a : outputs.enriched()) {
            out.println(line(topics.articlesEnriched().name(), a));
        }
        for (DuplicateArticle d : outputs.duplicates()) {
            out.println(line(topics.articlesDuplicates().name(), d));
        }
        for (DeadLetter d : outputs.deadLetters()) {
            out.println(line(topics.pagesDlq().name(), d));
        }
        out.flush();
    }

    private static String line(String topic, SpecificRecord value) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", topic);
        line.set("value", AvroJson.of((GenericRecord) value));
        return JSON.writeValueAsString(line);
    }

    private static void print(PrintStream out, OutputCollector outputs) {
        out.printf("%n== articles.enriched (%d) ==%n", outputs.enriched().size());
        for (EnrichedArticle a : outputs.enriched()) {
            out.printf("* %s%n  %s | %s | %s | %d words | lang %s | by %s%n", a.getArticle().getTitle(),
                    a.getArticle().getSite(), a.getArticle().getCanonicalUrl(), a.getArticle().getPublishedAt(),
                    a.getArticle().getWordCount(), a.getArticle().getLanguage(), String.join(", ", a.getArticle().getAuthors()));
            out.printf("  entities: %s%n", a.getEntities().stream().limit(8)
                    .map(DemoCommand::describe).collect(Collectors.joining("; ")));
        }
        out.printf("%n== articles.duplicates (%d) ==%n", outputs.duplicates().size());
        for (DuplicateArticle d : outputs.duplicates()) {
            out.printf("* %s%n  %s of %s (similarity %.2f)%n", d.getArticle().getCanonicalUrl(), d.getMethod(),
                    d.getDuplicateOf(), d.getSimilarity());
        }
        out.printf("%n== pages.dlq (%d) ==%n", outputs.deadLetters().size());
        for (DeadLetter d : outputs.deadLetters()) {
            out.printf("* %s/%s: %s (%s, offset %d)%n", d.getStage(), d.getReason(), d.getMessage(), d.getTopic(), d.getOffset());
        }
    }

    private static String describe(Entity e) {
        return e.getName() + " [" + e.getType() + "] x" + e.getCount();
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: a temporary directory
        }
    }
}
