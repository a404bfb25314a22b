package dev.newsflow.app;

import dev.newsflow.stream.CommitGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * The clients Kafka Streams makes by default, but with {@link DeferringProducer}s: a transaction's
 * records go out when it commits, and the {@link CommitGate} hears of commits and aborts. Each stream
 * thread calls its producer on itself, so the gate can keep its reports per thread.
 */
final class GatedProducers implements KafkaClientSupplier {
    private final CommitGate gate;
    private final MeterRegistry meters;

    GatedProducers(CommitGate gate, MeterRegistry meters) {
        this.gate = gate;
        this.meters = meters;
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new DeferringProducer(config, gate, meters);
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
