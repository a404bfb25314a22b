package dev.newsflow.cli;

import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.EnrichedArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the three output topics (committed records only) until a given number of outputs arrived:
 * every input ends on exactly one of them.
 */
public final class OutputCollector implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final List<EnrichedArticle> enriched = new ArrayList<>();
    private final List<DuplicateArticle> duplicates = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private int headers;

    public OutputCollector(Properties kafka, Topics topics) {
        this.consumer = outputsFromTheStart(kafka, topics);
        this.topics = topics;
    }

    /** A read_committed consumer on every partition of the three output topics, from their beginning. */
    public static KafkaConsumer<byte[], byte[]> outputsFromTheStart(Properties kafka, Topics topics) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.articlesEnriched().name(), topics.articlesDuplicates().name(),
                topics.pagesDlq().name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Polls until {@code expected} outputs in all, or the timeout; reports progress after every poll. */
    public void awaitTotal(int expected, Duration timeout, IntConsumer progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (total() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                headers += r.headers().toArray().length;
                if (r.topic().equals(topics.articlesEnriched().name())) {
                    enriched.add(topics.articlesEnriched().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                } else if (r.topic().equals(topics.articlesDuplicates().name())) {
                    duplicates.add(topics.articlesDuplicates().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                } else {
                    deadLetters.add(topics.pagesDlq().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
            }
            progress.accept(total());
        }
    }

    public int total() {
        return enriched.size() + duplicates.size() + deadLetters.size();
    }

    /** Headers on all outputs read so far: none of an input's may travel. */
    public int headersSeen() {
        return headers;
    }

    public List<EnrichedArticle> enriched() {
        return enriched;
    }

    public List<DuplicateArticle> duplicates() {
        return duplicates;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
