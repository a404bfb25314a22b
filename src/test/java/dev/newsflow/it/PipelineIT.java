package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.DuplicateMethod;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.Entity;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.registry.SchemaRegistryException;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.testing.DeadLetters;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole application on a real KRaft broker and a real Apicurio Registry. */
class PipelineIT {
    private static RealInfrastructure infra;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start() throws Exception {
        infra = RealInfrastructure.shared();
    }

    @Test
    void registryClientSpeaksTheConfluentApiOfARealRegistry() {
        SchemaRegistryClient client = new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl()));
        Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"it\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"it\","
                + "\"fields\":[{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");
        Schema incompatible = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"it\","
                + "\"fields\":[{\"name\":\"c\",\"type\":\"long\"}]}");

        int id1 = client.register("probe-value", v1);
        assertThat(client.register("probe-value", v1)).isEqualTo(id1);
        int id2 = client.register("probe-value", v2);
        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.lookUpId("probe-value", v2)).isEqualTo(id2);
        // a fresh client (no cache) reads the schema back by id
        assertThat(new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl())).schemaById(id1)).isEqualTo(v1);
        assertThat(client.compatibility(Optional.empty())).isEqualTo("BACKWARD");
        assertThatThrownBy(() -> client.register("probe-value", incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
        assertThat(client.subjects()).contains("probe-value");
    }

    @Test
    void samplePagesAndBadInputFlowThroughExactlyOnceToTheRightTopics() throws Exception {
        NewsflowConfig config = TestApps.config(infra, "pipeline", stateDir, Map.of());
        Properties kafka = config.kafkaProperties();
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        RegistryAvroSerde<RawPage> rawSerde = serdes.forValues(RawPage.class);
        List<Path> originals = SamplePages.originals();
        List<Path> copies = SamplePages.copies();

        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(kafka, topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();

            PageProducer.produce(kafka, topics.pagesRaw().name(), rawSerde, originals);
            byte[] valid = rawSerde.serialize(topics.pagesRaw().name(), SamplePages.page(originals.get(0), 0));
            byte[] corrupt = SamplePages.corruptAvro(valid);
            byte[] unknownId = SamplePages.unknownSchemaId(valid);
            byte[] binary = rawSerde.serialize(topics.pagesRaw().name(), SamplePages.binaryPage(System.currentTimeMillis()));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientProperties.producer(kafka),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topics.pagesRaw().name(), "corrupt".getBytes(), corrupt));
                producer.send(new ProducerRecord<>(topics.pagesRaw().name(), "unknown".getBytes(), unknownId));
                producer.send(new ProducerRecord<>(topics.pagesRaw().name(), "binary".getBytes(), binary));
                producer.flush();
            }
            int firstWave = originals.size() + 3;
            outputs.awaitTotal(firstWave, Duration.ofSeconds(90), n -> { });
            assertThat(outputs.total()).isEqualTo(firstWave);

            // copies arrive later, as aggregators republish after the original
            PageProducer.produce(kafka, topics.pagesRaw().name(), rawSerde, copies);
            outputs.awaitTotal(firstWave + copies.size(), Duration.ofSeconds(60), n -> { });
            // nothing more arrives: every input produced exactly one output
            outputs.awaitTotal(firstWave + copies.size() + 1, Duration.ofSeconds(3), n -> { });
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            List<EnrichedArticle> enriched = outputs.enriched();
            assertThat(enriched).hasSize(18);
            assertThat(enriched).extracting(a -> a.getArticle().getId()).doesNotHaveDuplicates();
            assertThat(enriched).extracting(a -> a.getArticle().getTitle()).contains(
                    "Lavrov and Blinken meet in Geneva as talks on prisoner exchange resume",
                    "Berliner Senat beschließt strengere Regeln gegen Zweckentfremdung",
                    "Andalucía aprueba un plan de emergencia contra la sequía");
            EnrichedArticle lavrov = bySuffix(enriched, "lavrov-blinken-geneva");
            assertThat(lavrov.getEntities()).extracting(Entity::getName)
                    .contains("Sergei Lavrov", "Antony Blinken", "United States", "Moscow", "Russia");

            Map<String, DuplicateArticle> duplicates = outputs.duplicates().stream().collect(Collectors.toMap(
                    d -> d.getArticle().getCanonicalUrl().replaceAll(".*/", ""), d -> d));
            assertThat(duplicates).containsOnlyKeys("russia-us-geneva-talks", "fed-holds-rates", "zelensky-germany-air-defence");
            assertThat(duplicates.get("russia-us-geneva-talks").getMethod()).isEqualTo(DuplicateMethod.NEAR_DUPLICATE);
            assertThat(duplicates.get("russia-us-geneva-talks").getDuplicateOf()).isEqualTo(lavrov.getArticle().getId());
            assertThat(duplicates.get("russia-us-geneva-talks").getStoryId()).isEqualTo(lavrov.getStoryId());
            assertThat(duplicates.get("fed-holds-rates").getMethod()).isEqualTo(DuplicateMethod.CANONICAL_URL);
            assertThat(duplicates.get("fed-holds-rates").getDuplicateOf())
                    .isEqualTo(bySuffix(enriched, "fed-holds-rates").getArticle().getId());
            assertThat(duplicates.get("zelensky-germany-air-defence").getMethod()).isEqualTo(DuplicateMethod.NEAR_DUPLICATE);
            assertThat(duplicates.get("zelensky-germany-air-defence").getDuplicateOf())
                    .isEqualTo(bySuffix(enriched, "zelenskyy-berlin-scholz").getArticle().getId());

            Map<String, DeadLetter> dead = outputs.deadLetters().stream().collect(Collectors.toMap(DeadLetter::getReason, d -> d));
            assertThat(dead).containsOnlyKeys("NOT_AN_ARTICLE", "CORRUPT_AVRO", "UNKNOWN_SCHEMA_ID", "NOT_HTML");
            assertThat(DeadLetters.originalBytes(dead.get("CORRUPT_AVRO"))).isEqualTo(corrupt);
            assertThat(DeadLetters.originalBytes(dead.get("UNKNOWN_SCHEMA_ID"))).isEqualTo(unknownId);
            assertThat(DeadLetters.originalBytes(dead.get("NOT_HTML"))).isEqualTo(binary);
            assertThat(dead.get("NOT_AN_ARTICLE").getStage()).isEqualTo("clean");
            assertThat(dead.get("NOT_AN_ARTICLE").getMessage()).contains("words of main text");
            assertThat(Files.readString(SamplePages.DIR.resolve("22-contact-page.html")))
                    .isEqualTo(new String(rawSerde.deserialize(topics.pagesRaw().name(), DeadLetters.originalBytes(dead.get("NOT_AN_ARTICLE"))).getBody().array()));
            assertThat(dead.values()).allSatisfy(d -> assertThat(d.getTopic()).isEqualTo(topics.pagesRaw().name()));
        }
    }

    private static EnrichedArticle bySuffix(List<EnrichedArticle> articles, String suffix) {
        return articles.stream().filter(a -> a.getArticle().getCanonicalUrl().endsWith(suffix)).findFirst().orElseThrow();
    }
}
