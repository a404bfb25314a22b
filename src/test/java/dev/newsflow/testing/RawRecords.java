package dev.newsflow.testing;

import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowConfig;
import java.util.ArrayList;
import java.util.List;
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
        var props = ClientProperties.producer(config.kafkaProperties());
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
