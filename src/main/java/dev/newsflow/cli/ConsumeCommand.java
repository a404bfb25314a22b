package dev.newsflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.registry.SchemaRegistry;
import dev.newsflow.registry.SchemaRegistryException;
import dev.newsflow.serde.RegistryAvroSerde;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code consume TOPIC}: reads any topic whose values are Avro in the Confluent wire format, through
 * the registry, and prints one JSON object per record (topic, partition, offset, timestamp, key,
 * value), kcat-style, for {@code jq}. Committed records only; no consumer group is joined.
 */
final class ConsumeCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();

    ConsumeCommand(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** Returns how many records were printed. */
    int run(Properties kafka, String topic, boolean fromBeginning, Optional<Integer> max, Optional<Duration> idleTimeout,
            PrintStream out) throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalArgumentException("there is no topic named " + topic);
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            int printed = 0;
            long lastRecord = System.nanoTime();
            while (max.map(m -> m > 0).orElse(true)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(JSON.writeValueAsString(line(r)));
                    printed++;
                    lastRecord = System.nanoTime();
                    if (max.isPresent() && printed >= max.get()) {
                        out.flush();
                        return printed;
                    }
                }
                out.flush();
                if (idleTimeout.isPresent() && System.nanoTime() - lastRecord > idleTimeout.get().toNanos()) {
                    return printed;
                }
            }
            return printed;
        }
    }

    private ObjectNode line(ConsumerRecord<byte[], byte[]> r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", r.topic());
        line.put("partition", r.partition());
        line.put("offset", r.offset());
        line.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        line.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
        try {
            line.set("value", r.value() == null ? JSON.nullNode() : AvroJson.of(decode(r.topic(), r.value())));
        } catch (IOException | RuntimeException e) {
            line.putNull("value");
            line.put("error", e.getMessage());
        }
        return line;
    }

    private GenericRecord decode(String topic, byte[] value) throws IOException {
        int id = RegistryAvroSerde.writerSchemaId(topic, value);
        GenericDatumReader<GenericRecord> reader = readers.get(id);
        if (reader == null) {
            Schema schema;
            try {
                schema = registry.schemaById(id);
            } catch (SchemaRegistryException e) {
                throw new IOException("schema id " + id + ": " + e.getMessage(), e);
            }
            reader = new GenericDatumReader<>(schema);
            readers.put(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, RegistryAvroSerde.HEADER_LENGTH,
                value.length - RegistryAvroSerde.HEADER_LENGTH, null);
        return reader.read(null, decoder);
    }
}
