package dev.newsflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams client metrics (threads, tasks, consumer lag, producers, RocksDB stores) and the
 * client state, plus JVM and process metrics. Kafka adds metrics as tasks are assigned, so the
 * binder re-scans them on a short interval rather than Micrometer's default minute.
 */
public final class StreamsMetrics implements AutoCloseable {
    public static final String STATE = "newsflow.streams.state";

    private final KafkaStreamsMetrics kafkaMetrics;
    private final ScheduledExecutorService scheduler;
    private final JvmGcMetrics gcMetrics;

    public StreamsMetrics(MeterRegistry registry, KafkaStreams streams, Duration refresh) {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(STATE, streams, s -> s.state() == state ? 1 : 0)
                    .description("1 for the Kafka Streams client's current state, 0 for the others")
                    .tag("state", state.name())
                    .register(registry);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "newsflow-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        this.kafkaMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, refresh);
        kafkaMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
    }

    @Override
    public void close() {
        kafkaMetrics.close();
        gcMetrics.close();
        scheduler.shutdownNow();
    }
}
