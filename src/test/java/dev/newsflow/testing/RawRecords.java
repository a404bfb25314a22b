package dev.newsflow.testing;

import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Records produced as bytes, in order, acknowledged by every replica, with the offsets they got. */
public final class RawRecords {
    private RawRecords() {
    }

    /** The offset of each record, in the order given (put them on one partition to tell them apart by offset). */
    public static List<Long> produce(NewsflowConfig config, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        return produce(ClientProperties.producer(config.kafkaProperties()), records);
    }

    /** The same with a producer of these settings. */
    public static List<Long> produce(Properties settings, List<ProducerRecord<byte[], byte[]>> records)
            throws Exception {
        Properties props = new Properties();
        props.putAll(settings);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(r));
            }
            List<Long> offsets = new ArrayList<>();
            for (Future<RecordMetadata> f : sent) {
                offsets.add(f.get().offset());
            }
            return offsets;
        }
    }
}
