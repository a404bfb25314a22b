package dev.newsflow.it;

import static dev.newsflow.testing.PackagedJar.newsflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.testing.PackagedJar.Run;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow reset} from the packaged jar, on the real broker: refused while an instance runs;
 * once all are stopped, the next start processes the raw topic again from its beginning, and the
 * articles it had already published come out again as first seen, not as duplicates of themselves.
 */
class ResetIT {
    @TempDir
    Path work;

    @Test
    void aResetApplicationProcessesTheRawTopicAgain() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        Map<String, String> settings = TestApps.settings(infra.bootstrapServers(), infra.registryUrl(), "reset",
                work.resolve("state"), Map.of());
        NewsflowConfig config = NewsflowConfig.withOverrides(settings);
        Path file = TestApps.writeConfigFile(settings, work.resolve("reset.properties"));
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        List<Path> pages = SamplePages.originals().subList(0, 3);

        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class), pages);
            outputs.awaitTotal(pages.size(), Duration.ofSeconds(60), n -> { });
            assertThat(outputs.enriched()).hasSize(pages.size());

            Run refused = newsflow(Map.of(), "reset", "--yes", "--wait", "2s", "--config", file.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("still running: stop every instance, then reset");
        }

        // the instance noted which changelogs its local state was built from: the reset is told apart by them
        assertThat(work.resolve("state/newsflow-reset/newsflow-changelog-topics.properties")).isRegularFile();
        Run reset = newsflow(Map.of(), "reset", "--yes", "--config", file.toString());
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("reset newsflow-reset: 3 partitions of reset.pages.raw back to their beginning")
                .contains("internal topics deleted");

        try (NewsflowApp again = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(again.awaitRunning(Duration.ofSeconds(60))).isTrue();
            outputs.awaitTotal(2 * pages.size(), Duration.ofSeconds(90), n -> { });
            outputs.awaitTotal(2 * pages.size() + 1, Duration.ofSeconds(3), n -> { });
            List<EnrichedArticle> enriched = outputs.enriched();
            assertThat(enriched).hasSize(2 * pages.size());
            assertThat(outputs.duplicates()).as("the dedup index was reset with the rest").isEmpty();
            Map<String, Long> timesPublished = enriched.stream()
                    .collect(Collectors.groupingBy(a -> a.getArticle().getId(), Collectors.counting()));
            assertThat(timesPublished).as("each article once before the reset and once after").hasSize(pages.size())
                    .allSatisfy((id, times) -> assertThat(times).isEqualTo(2L));
        }
    }
}
