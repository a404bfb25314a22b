package dev.newsflow.app;

import dev.newsflow.stream.StageListener;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running application: topics ensured, knowledge base seeded, the topology started. */
public final class NewsflowApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NewsflowApp.class);

    private final KafkaStreams streams;

    private NewsflowApp(KafkaStreams streams) {
        this.streams = streams;
    }

    public static NewsflowApp start(NewsflowConfig config, StageListener listener) throws Exception {
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        Properties kafka = config.kafkaProperties();
        if (config.getBoolean("newsflow.topics.create")) {
            try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
                TopicProvisioner.ensure(admin, topics, config.getInt("newsflow.topics.partitions"),
                        (short) config.getInt("newsflow.topics.replication"));
            }
        }
        if (config.getBoolean("newsflow.kb.seed")) {
            int seeded = KnowledgeBaseSeeder.seedIfEmpty(kafka, topics.entitiesKb());
            if (seeded > 0) {
                LOG.info("seeded the knowledge base topic {} with {} entities", topics.entitiesKb().name(), seeded);
            }
        }
        TopologyParts parts = TopologyParts.from(config, serdes, listener);
        kafka.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        KafkaStreams streams = new KafkaStreams(NewsflowTopology.build(topics, parts), kafka);
        // a stream thread that dies of an unexpected error is replaced; records it failed on are retried
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new NewsflowApp(streams);
    }

    public KafkaStreams streams() {
        return streams;
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (streams.state() == KafkaStreams.State.RUNNING) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
