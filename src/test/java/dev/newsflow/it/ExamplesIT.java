package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java consumer of {@code examples/}, compiled and run with the two commands its README gives,
 * against the real broker and registry: it prints one line per enriched article.
 */
class ExamplesIT {
    private static final String CLASSPATH = "target/newsflow-0.1.0-SNAPSHOT.jar:target/lib/*";

    @TempDir
    Path stateDir;

    @Test
    void theJavaConsumerReadsTheEnrichedArticles() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = TestApps.config(infra, "examples", stateDir, Map.of());
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        List<EnrichedArticle> articles;
        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class),
                    SamplePages.originals().subList(0, 2));
            outputs.awaitTotal(2, Duration.ofSeconds(60), n -> { });
            articles = outputs.enriched();
            assertThat(articles).hasSize(2);
        }
        String bin = Path.of(System.getProperty("java.home"), "bin").toString();
        assertThat(run(bin + "/javac", "-cp", CLASSPATH, "-d", "target/examples",
                "examples/java-consumer/src/main/java/example/ArticlesConsumer.java")).isEmpty();
        String printed = run(bin + "/java", "-cp", CLASSPATH + ":target/examples", "example.ArticlesConsumer",
                infra.bootstrapServers(), infra.registryUrl(), topics.articlesEnriched().name(), "2");
        List<String> lines = printed.lines().toList();
        assertThat(lines).hasSize(2);
        for (EnrichedArticle a : articles) {
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .startsWith(a.getArticle().getTitle() + " | story " + a.getStoryId() + " | ")
                    .contains(a.getEntities().get(0).getName()));
        }
    }

    /** Runs a command from the project directory; returns its standard output, failing on a non-zero exit. */
    private static String run(String... command) throws Exception {
        Path out = Files.createTempFile("example-out", ".txt");
        Path err = Files.createTempFile("example-err", ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + Files.readString(err)).isZero();
        Files.delete(out);
        Files.delete(err);
        return stdout;
    }
}
