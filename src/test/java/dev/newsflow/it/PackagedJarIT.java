package dev.newsflow.it;

import static dev.newsflow.testing.PackagedJar.newsflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.testing.PackagedJar.Run;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of the README, run as a user runs them: {@code java -jar target/newsflow-*.jar} after
 * {@code ./mvnw package}, in a separate JVM, from the project directory.
 */
class PackagedJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void helpPrintsTheCommands() throws Exception {
        Run help = newsflow(Map.of(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("usage: newsflow COMMAND", "  consume ");
    }

    @Test
    void demoPrintsEveryOutputRecordOfTheGivenPagesAsJsonLines() throws Exception {
        Path pages = Files.createDirectories(work.resolve("pages"));
        List<Path> chosen = SamplePages.originals().subList(0, 3);
        for (Path page : chosen) {
            Files.copy(page, pages.resolve(page.getFileName()));
        }
        Run demo = newsflow(Map.of(), "demo", "--json", "--pages", pages.toString());
        assertThat(demo.exit()).as(demo.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : demo.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(chosen.size());
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.path("topic").asText()).isEqualTo("articles.enriched");
            assertThat(l.at("/value/article/text").asText()).hasSizeGreaterThan(200);
            assertThat(l.at("/value/article/fetchedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(l.at("/value/entities").size()).isPositive();
        });
        assertThat(demo.err()).contains("3/3 pages through the pipeline")
                .as("the embedded broker keeps its INFO lines to itself").doesNotContain("INFO state.change", "INFO kafka.");
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("newsflow-demo"))
                    .filter(p -> p.toFile().lastModified() > System.currentTimeMillis() - 600_000))
                    .as("the demo removes its working directory").isEmpty();
        }
    }

    @Test
    void consumePrintsAnOutputTopicThroughTheRegistry() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = TestApps.config(infra, "consume-cli", work.resolve("state"), Map.of());
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class),
                    SamplePages.originals().subList(0, 1));
            outputs.awaitTotal(1, Duration.ofSeconds(60), n -> { });
            assertThat(outputs.enriched()).hasSize(1);
        }
        Run consume = newsflow(Map.of("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(),
                        "NEWSFLOW_REGISTRY_URL", infra.registryUrl()),
                "consume", topics.articlesEnriched().name(), "--from-beginning", "--max", "1", "--timeout", "60s");
        assertThat(consume.exit()).as(consume.err()).isZero();
        JsonNode line = JSON.readTree(consume.out().strip());
        assertThat(line.path("topic").asText()).isEqualTo(topics.articlesEnriched().name());
        assertThat(line.path("offset").asLong()).isZero();
        assertThat(line.at("/value/article/title").asText()).isNotBlank();
        assertThat(line.path("key").asText()).isEqualTo(line.at("/value/article/id").asText());
    }
}
