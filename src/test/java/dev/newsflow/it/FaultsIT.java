package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.cli.EmbeddedKafka;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.SourceRef;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private static final int PAGES = 240;
    private static final int RESENT = 30;

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
                inputs = produce(config, topics);
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
            assertExactlyOnce(inputs, outputs);
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
                List<String> inputs = produce(config, topics);
                outputs.awaitTotal(inputs.size() / 3, Duration.ofSeconds(120), n -> { });
                assertThat(outputs.total()).as("mid-stream").isBetween(1, inputs.size() - 1);

                kafka.restart();

                outputs.awaitTotal(inputs.size(), Duration.ofSeconds(240), n -> { });
                outputs.awaitTotal(inputs.size() + 1, Duration.ofSeconds(5), n -> { });
                assertThat(app.streams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
                assertExactlyOnce(inputs, outputs);
            }
        }
    }

    /** Distinct pages, then some of them again (a re-crawl): returns the inputs' partition/offset coordinates. */
    private static List<String> produce(NewsflowConfig config, Topics topics) throws Exception {
        RegistryAvroSerde<RawPage> serde = AvroSerdes.from(config).forValues(RawPage.class);
        SyntheticPages pages = new SyntheticPages(30_000);
        var props = ClientProperties.producer(config.kafkaProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int n = 0; n < PAGES + RESENT; n++) {
                long story = n < PAGES ? n : (n - PAGES) * 7L;
                RawPage page = pages.page(story, Instant.now());
                sent.add(producer.send(new ProducerRecord<>(topics.pagesRaw().name(), page.getUrl(),
                        serde.serialize(topics.pagesRaw().name(), page))));
            }
            producer.flush();
        }
        List<String> coordinates = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            coordinates.add(f.get().partition() + "/" + f.get().offset());
        }
        return coordinates;
    }

    private static void assertExactlyOnce(List<String> inputs, OutputCollector outputs) {
        List<String> seen = Stream.concat(
                outputs.enriched().stream().map(a -> coordinates(a.getArticle().getSource())),
                outputs.duplicates().stream().map(d -> coordinates(d.getArticle().getSource()))).toList();
        assertThat(outputs.deadLetters()).isEmpty();
        assertThat(seen).as("no input duplicated").doesNotHaveDuplicates();
        assertThat(seen).as("no input lost").containsExactlyInAnyOrderElementsOf(inputs);
        Set<String> ids = new HashSet<>();
        outputs.enriched().forEach(a -> assertThat(ids.add(a.getArticle().getId())).as("one article per story").isTrue());
        assertThat(outputs.enriched()).hasSize(PAGES);
        assertThat(outputs.duplicates()).hasSize(RESENT)
                .allSatisfy(d -> assertThat(ids).contains(d.getDuplicateOf()));
    }

    private static String coordinates(SourceRef source) {
        return source.getPartition() + "/" + source.getOffset();
    }
}
