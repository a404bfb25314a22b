package dev.newsflow.testing;

import dev.newsflow.cli.EmbeddedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft cluster (Kafka's own test kit) and a real Apicurio Registry process.
 * {@link #shared()} starts one pair for the whole test JVM (each test uses its own application
 * id and topics' contents are told apart by what the test produced); tests that stop the broker
 * start their own with {@link #start()}.
 */
public final class RealInfrastructure implements AutoCloseable {
    private static RealInfrastructure shared;

    private final KafkaClusterTestKit cluster;
    private final EmbeddedRegistry registry;

    private RealInfrastructure(KafkaClusterTestKit cluster, EmbeddedRegistry registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    public static synchronized RealInfrastructure shared() throws Exception {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /**
     * Stops the shared pair when the test run ends ({@link SharedInfrastructureStop}), while the JVM still
     * runs normally: stopping a broker from a shutdown hook races the JVM's own exit.
     */
    static synchronized void stopShared() throws Exception {
        if (shared != null) {
            RealInfrastructure infra = shared;
            shared = null;
            infra.close();
        }
    }

    public static RealInfrastructure start() throws Exception {
        KafkaClusterTestKit cluster = singleNodeCluster(Map.of("message.max.bytes", String.valueOf(32 * 1024 * 1024),
                // transactions past their timeout are aborted within a second, not ten: tests that shorten the
                // timeout see the coordinator's verdict while they still run
                "transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));
        Path apicurio = Path.of(System.getProperty("newsflow.apicurio.dir", "target/apicurio"));
        Path log = Files.createDirectories(Path.of("target/it-logs")).resolve("apicurio-" + System.nanoTime() + ".log");
        try {
            return new RealInfrastructure(cluster, EmbeddedRegistry.start(apicurio, log));
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** A started one-node KRaft cluster (broker and controller combined), with these settings on top. */
    public static KafkaClusterTestKit singleNodeCluster(Map<String, String> settings) throws Exception {
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0");
        settings.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    @Override
    public void close() throws Exception {
        registry.close();
        cluster.close();
    }
}
