package example;

import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.Entity;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.serde.SubjectNameStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream service reading {@code articles.enriched} with Newsflow's own registry client and
 * serde (any Confluent-API registry; Confluent's KafkaAvroDeserializer reads the same records).
 * Run: {@code java -cp 'target/newsflow-0.1.0-SNAPSHOT.jar:target/lib/*:target/examples'
 * example.ArticlesConsumer BOOTSTRAP REGISTRY_URL [TOPIC] [MAX]}.
 */
public final class ArticlesConsumer {
    private ArticlesConsumer() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ArticlesConsumer BOOTSTRAP_SERVERS REGISTRY_URL [TOPIC] [MAX_RECORDS]");
            System.exit(2);
        }
        String topic = args.length > 2 ? args[2] : "articles.enriched";
        int max = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
        read(args[0], args[1], topic, max, Duration.ofMinutes(10)).forEach(System.out::println);
    }

    /** One line per article: title, story, the five most salient entities; until max articles or timeout. */
    public static List<String> read(String bootstrapServers, String registryUrl, String topic, int max, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "articles-consumer-example");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the pipeline writes in transactions: read only what it committed
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        RegistryAvroSerde<EnrichedArticle> articles = new RegistryAvroSerde<>(
                new SchemaRegistryClient(RegistrySettings.of(registryUrl)), EnrichedArticle.class,
                SubjectNameStrategy.TOPIC, false, false);
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                articles.deserializer())) {
            consumer.subscribe(List.of(topic));
            while (lines.size() < max && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, EnrichedArticle> r : consumer.poll(Duration.ofMillis(500))) {
                        lines.add(describe(r.value()));
                        if (lines.size() >= max) {
                            break;
                        }
                    }
                } catch (RecordDeserializationException poison) {
                    // a record no reader can decode: note it and step over it rather than stop here forever
                    System.err.println("skipping " + poison.topicPartition() + "@" + poison.offset() + ": "
                            + poison.getCause());
                    consumer.seek(poison.topicPartition(), poison.offset() + 1);
                }
            }
            consumer.commitSync();
        }
        return lines;
    }

    private static String describe(EnrichedArticle a) {
        return a.getArticle().getTitle() + " | story " + a.getStoryId() + " | "
                + a.getEntities().stream().limit(5).map(ArticlesConsumer::entity).collect(Collectors.joining(", "));
    }

    private static String entity(Entity e) {
        return e.getName() + " (" + e.getType() + (e.getKbId() == null ? "" : ", " + e.getKbId()) + ")";
    }
}
