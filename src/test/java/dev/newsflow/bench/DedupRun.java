package dev.newsflow.bench;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.dedup.DedupSettings;
import dev.newsflow.dedup.DedupStage;
import dev.newsflow.dedup.DedupStores;
import dev.newsflow.dedup.MinHasher;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.serde.SubjectNameStrategy;
import dev.newsflow.stream.GuardedStageProcessor;
import dev.newsflow.stream.Outcome;
import dev.newsflow.stream.StageGuards;
import dev.newsflow.stream.StageListener;
import dev.newsflow.testing.InMemorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One pass of benchmark documents through the dedup stage alone, on its real persistent window
 * stores with changelogging, as the application runs it (minus the network).
 */
record DedupRun(Map<String, String> duplicateOf, int firstSeen, Map<String, Long> changelogBytesByStore,
                double articlesPerSecond) {
    private static final String APP = "dedup-bench";

    long changelogBytes() {
        return changelogBytesByStore.values().stream().mapToLong(Long::longValue).sum();
    }

    static DedupRun of(List<DedupBenchmark.Doc> docs, DedupSettings settings) throws IOException {
        RegistryAvroSerde<CleanArticle> serde = new RegistryAvroSerde<>(new InMemorySchemaRegistry(), CleanArticle.class,
                SubjectNameStrategy.TOPIC, true, false);
        StreamsBuilder builder = new StreamsBuilder();
        DedupStores.builders(settings.retention()).forEach(builder::addStateStore);
        MinHasher minHasher = MinHasher.standard();
        builder.stream("clean", Consumed.with(Serdes.String(), serde))
                .mapValues(Outcome::ok)
                .processValues(() -> (FixedKeyProcessor<String, Outcome<CleanArticle>, Outcome<DedupStage.Deduped>>)
                        new GuardedStageProcessor<String, CleanArticle, DedupStage.Deduped>(
                                () -> new DedupStage(minHasher, settings), StageListener.NONE, StageGuards.none()),
                        DedupStores.ALL)
                .mapValues(outcome -> outcome.isFailure() ? "!" + outcome.failure().getMessage()
                        : outcome.value().decision().duplicateOf().orElse(""))
                .to("verdicts", Produced.with(Serdes.String(), Serdes.String()));

        Path stateDir = Files.createTempDirectory("dedup-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("clean", new StringSerializer(),
                    new ByteArraySerializer());
            // serialised up front: the upstream sub-topology pays for that, the dedup stage only deserialises
            List<Map.Entry<String, byte[]>> articles = docs.stream().map(DedupBenchmark::article)
                    .map(a -> Map.entry(a.getId(), serde.serializer().serialize("clean", a))).toList();
            long time = 1_767_225_600_000L;
            long started = System.nanoTime();
            for (Map.Entry<String, byte[]> article : articles) {
                in.pipeInput(article.getKey(), article.getValue(), time++);
            }
            double seconds = (System.nanoTime() - started) / 1e9;

            Map<String, String> duplicateOf = new HashMap<>();
            int firstSeen = 0;
            TestOutputTopic<String, String> verdicts = driver.createOutputTopic("verdicts", new StringDeserializer(),
                    new StringDeserializer());
            for (TestRecord<String, String> verdict : verdicts.readRecordsToList()) {
                if (verdict.value().startsWith("!")) {
                    throw new IllegalStateException("dedup failed on " + verdict.key() + ": " + verdict.value());
                }
                if (verdict.value().isEmpty()) {
                    firstSeen++;
                } else {
                    duplicateOf.put(verdict.key(), verdict.value());
                }
            }
            return new DedupRun(duplicateOf, firstSeen, changelogBytes(driver), docs.size() / seconds);
        }
    }

    private static Map<String, Long> changelogBytes(TopologyTestDriver driver) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String store : DedupStores.ALL) {
            TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(APP + "-" + store + "-changelog",
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long total = 0;
            for (TestRecord<byte[], byte[]> r : changelog.readRecordsToList()) {
                total += r.key().length + (r.value() == null ? 0 : r.value().length);
            }
            bytes.put(store, total);
        }
        return bytes;
    }
}
