package dev.newsflow.app;

import dev.newsflow.avro.KnowledgeEntity;
import dev.newsflow.entities.KnowledgeBaseSeed;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Fills an empty knowledge-base topic with the bundled seed. Only an empty topic: once people have
 * corrected or added entities live, a restart must not overwrite their work.
 */
public final class KnowledgeBaseSeeder {
    private KnowledgeBaseSeeder() {
    }

    /** Returns how many entities were produced (0 when the topic already had data). */
    public static int seedIfEmpty(Properties kafka, Topics.TopicSpec<String, KnowledgeEntity> topic)
            throws Exception {
        if (!isEmpty(kafka, topic.name())) {
            return 0;
        }
        List<KnowledgeEntity> seed = KnowledgeBaseSeed.load();
        Properties props = ClientProperties.producer(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, KnowledgeEntity> producer = new KafkaProducer<>(props,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (KnowledgeEntity entity : seed) {
                producer.send(new ProducerRecord<>(topic.name(), entity.getId(), entity));
            }
            producer.flush();
        }
        return seed.size();
    }

    private static boolean isEmpty(Properties kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            return partitions.stream().collect(Collectors.summingLong(p -> ends.get(p) - begins.get(p))) == 0;
        }
    }
}
