package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.cli.EmbeddedKafka;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.ExactlyOnce;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through crashes: the application killed with SIGKILL mid-stream and restarted on an
 * empty state directory (so its dedup state comes back from the changelogs), and the broker
 * restarted mid-stream. Every input record must come out exactly once, told apart by its source
 * coordinates, and re-sent pages must still be recognised as duplicates afterwards.
 */
class FaultsIT {
    /** 240 stories and 30 re-crawls of some of them. */
    private static final ExactlyOnce PAGES = new ExactlyOnce(240, 30);

    @TempDir
    Path work;

    @Test
    void appKilledMidStreamAndRestartedOnEmptyStateLosesAndDuplicatesNothing() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        Map<String, String> settings = TestApps.settings(infra.bootstrapServers(), infra.registryUrl(), "faults-kill",
                work.resolve("state-1"), Map.of());
        NewsflowConfig config = NewsflowConfig.withOverrides(settings);
        Topics topics = Topics.from(config, AvroSerdes.from(config));

        AppProcess first = AppProcess.start(settings, work, "faults-kill-1", "1g");
        try {
            assertThat(first.awaitReady(Duration.ofSeconds(90))).isTrue();
        } catch (AssertionError | InterruptedException e) {
            first.close();
            throw e;
        }
        // the application created the topics; read them from the beginning
        try (OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            List<String> inputs;
            try (first) {
                inputs = PAGES.produce(config, topics, 0, PAGES.inputs());
                outputs.awaitTotal(inputs.size() / 3, Duration.ofSeconds(120), n -> { });
                assertThat(outputs.total()).as("mid-stream").isBetween(1, inputs.size() - 1);
                first.kill();
            }
            Map<String, String> fresh = TestApps.settings(infra.bootstrapServers(), infra.registryUrl(), "faults-kill",
                    work.resolve("state-2"), Map.of());
            try (AppProcess second = AppProcess.start(fresh, work, "faults-kill-2", "1g")) {
                assertThat(second.awaitReady(Duration.ofSeconds(120))).isTrue();
                outputs.awaitTotal(inputs.size(), Duration.ofSeconds(180), n -> { });
                outputs.awaitTotal(inputs.size() + 1, Duration.ofSeconds(5), n -> { });
            }
            PAGES.assertEachCameOutOnce(inputs, outputs);
        }
    }

    @Test
    void brokerRestartedMidStreamLosesAndDuplicatesNothing() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Files.createDirectories(work.resolve("broker")))) {
            NewsflowConfig config = NewsflowConfig.withOverrides(TestApps.settings(kafka.bootstrapServers(),
                    infra.registryUrl(), "faults-broker", work.resolve("state"), Map.of()));
            Topics topics = Topics.from(config, AvroSerdes.from(config));
            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                List<String> inputs = PAGES.produce(config, topics, 0, PAGES.inputs());
                outputs.awaitTotal(inputs.size() / 3, Duration.ofSeconds(120), n -> { });
                assertThat(outputs.total()).as("mid-stream").isBetween(1, inputs.size() - 1);

                kafka.restart();

                outputs.awaitTotal(inputs.size(), Duration.ofSeconds(240), n -> { });
                outputs.awaitTotal(inputs.size() + 1, Duration.ofSeconds(5), n -> { });
                assertThat(app.streams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
                PAGES.assertEachCameOutOnce(inputs, outputs);
            }
        }
    }
}
