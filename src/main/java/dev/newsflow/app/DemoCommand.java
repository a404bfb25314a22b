package dev.newsflow.app;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.Entity;
import dev.newsflow.avro.RawPage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code demo}: an embedded KRaft broker and a real Apicurio registry on free loopback ports, the
 * application on top, the sample pages produced, and what comes out printed.
 */
final class DemoCommand {
    private DemoCommand() {
    }

    static void run(Path apicurioDir, Path samplesDir, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("newsflow-demo");
        List<Path> pages = PageProducer.htmlFiles(samplesDir);
        out.printf("Newsflow demo: %d sample pages from %s%n", pages.size(), samplesDir);
        out.println("starting an embedded Kafka broker and Apicurio Registry ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work);
             EmbeddedRegistry registry = EmbeddedRegistry.start(apicurioDir, work.resolve("registry.log"))) {
            NewsflowConfig config = NewsflowConfig.withOverrides(Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "kafka.application.id", "newsflow-demo",
                    "kafka.state.dir", work.resolve("state").toString(),
                    "kafka.commit.interval.ms", "100",
                    "newsflow.registry.url", registry.url(),
                    "newsflow.http.port", "0",
                    // one partition: the sample order is the arrival order, so "first seen" is the file order
                    "newsflow.topics.partitions", "1"));
            out.printf("broker %s, registry %s%n", kafka.bootstrapServers(), registry.url());
            try (NewsflowApp app = NewsflowApp.start(config)) {
                if (!app.awaitRunning(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the streams application did not reach RUNNING");
                }
                out.printf("metrics and health on http://localhost:%d/metrics (/ready /live /topology)%n", app.httpPort());
                AvroSerdes serdes = AvroSerdes.from(config);
                Topics topics = Topics.from(config, serdes);
                PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class), pages);
                try (OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                    int[] shown = {-1};
                    outputs.awaitTotal(pages.size(), Duration.ofSeconds(120), done -> {
                        if (done != shown[0]) {
                            progress(out, done, pages.size());
                            shown[0] = done;
                        }
                    });
                    out.println();
                    print(out, outputs);
                }
            }
        }
    }

    private static void progress(PrintStream out, int done, int total) {
        int width = 40;
        int filled = total == 0 ? width : done * width / total;
        out.printf("\r[%s%s] %d/%d pages through the pipeline", "#".repeat(filled), "-".repeat(width - filled), done, total);
        out.flush();
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
}
