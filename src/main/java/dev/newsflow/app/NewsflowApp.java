package dev.newsflow.app;

import dev.newsflow.metrics.OpsHttpServer;
import dev.newsflow.metrics.OpsReply;
import dev.newsflow.metrics.PipelineMetrics;
import dev.newsflow.metrics.StreamsMetrics;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaContract;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.serde.SubjectNameStrategy;
import dev.newsflow.stream.CommitGate;
import dev.newsflow.stream.RecordWatch;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: topics ensured, knowledge base seeded, the topology started, metrics
 * and the operations endpoints served.
 */
public final class NewsflowApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NewsflowApp.class);

    private final KafkaStreams streams;
    private final boolean staticMember;
    private final PrometheusMeterRegistry meters;
    private final StreamsMetrics streamsMetrics;
    private final OpsHttpServer http;
    private final RecordWatch watch;

    private NewsflowApp(KafkaStreams streams, boolean staticMember, PrometheusMeterRegistry meters,
                        StreamsMetrics streamsMetrics, OpsHttpServer http, RecordWatch watch) {
        this.streams = streams;
        this.watch = watch;
        this.staticMember = staticMember;
        this.meters = meters;
        this.streamsMetrics = streamsMetrics;
        this.http = http;
    }

    public static NewsflowApp start(NewsflowConfig config) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Kafka Streams' own default for max.poll.interval.ms
        InstanceHealth health = new InstanceHealth(Duration.ofMillis(Long.parseLong(config.kafkaProperties()
                .getProperty(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "300000"))));
        // the port opens first, so that a probe sees a live instance that is not ready while it waits
        OpsHttpServer http = new OpsHttpServer(config.getInt("newsflow.http.port"), meters, health);
        try {
            return start(config, meters, health, http);
        } catch (Exception | Error e) {
            http.close();
            meters.close();
            throw e;
        }
    }

    private static NewsflowApp start(NewsflowConfig config, PrometheusMeterRegistry meters, InstanceHealth health,
                                     OpsHttpServer http) throws Exception {
        RegistrySettings registry = AvroSerdes.registrySettings(config);
        AvroSerdes serdes = AvroSerdes.from(config, registry);
        Topics topics = Topics.from(config, serdes);
        Properties kafka = config.kafkaProperties();
        new Dependencies(kafka, registry).await(config.getDuration("newsflow.startup.wait"),
                health::starting, () -> prepare(config, topics, kafka, registry));
        health.starting("loading the entity model");
        // counts of what the stream threads wrote stand once their transactions commit
        CommitGate commits = new CommitGate();
        TopologyParts parts = TopologyParts.from(config, serdes, commits.gated(new PipelineMetrics(meters)));
        kafka.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Topology topology = NewsflowTopology.build(topics, parts);
        KafkaStreams streams = new KafkaStreams(topology, kafka, new GatedProducers(commits, meters));
        guardLocalState(streams, kafka);
        // a stream thread that dies is replaced (after a back-off for outages); records it failed on are retried
        streams.setUncaughtExceptionHandler(new StreamThreadFailures(meters, parts.guards().watch(),
                config.getInt("newsflow.stream.max.replacements")));
        StreamsMetrics streamsMetrics = new StreamsMetrics(meters, streams, config.getDuration("newsflow.metrics.refresh"));
        String description = topology.describe().toString();
        http.route("/topology", query -> OpsReply.text(200, description));
        http.routeCostly("/entities/trending", new TrendingEndpoint(streams, parts.trending(),
                Optional.ofNullable(kafka.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG))));
        health.started(streams, parts.guards().watch());
        streams.start();
        LOG.info("operations endpoints on port {}: /metrics /ready /live /topology /entities/trending", http.port());
        return new NewsflowApp(streams, kafka.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), meters,
                streamsMetrics, http, parts.guards().watch());
    }

    /**
     * State a reset left behind is wiped before the start, so that the stores are rebuilt from their
     * changelogs; once running, the changelogs the state is built from are noted for the next start.
     */
    private static void guardLocalState(KafkaStreams streams, Properties kafka) throws InterruptedException {
        String dir = kafka.getProperty(StreamsConfig.STATE_DIR_CONFIG);
        if (dir == null) {
            return;
        }
        Path stateDir = Path.of(dir);
        String applicationId = kafka.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            Optional<String> stale = StaleLocalState.find(admin, stateDir, applicationId);
            if (stale.isPresent()) {
                LOG.warn("local state under {} is stale ({}): wiped, to be rebuilt from the changelogs", stateDir,
                        stale.get());
                streams.cleanUp();
            }
        } catch (ExecutionException unanswered) {
            // the brokers answered a moment ago: a failed look-up leaves the state to Kafka Streams, as before
            LOG.warn("could not check the local state against its changelogs: {}", unanswered.getCause().toString());
        }
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                // off the stream thread: a slow admin call must not hold it
                Thread noting = new Thread(() -> {
                    try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
                        StaleLocalState.note(admin, stateDir, applicationId);
                    } catch (Exception e) {
                        LOG.warn("could not note the changelog topics for the next start: {}", e.toString());
                    }
                }, "newsflow-note-changelogs");
                noting.setDaemon(true);
                noting.start();
            }
        });
    }

    private static void prepare(NewsflowConfig config, Topics topics, Properties kafka, RegistrySettings registry)
            throws Exception {
        if (config.getBoolean("newsflow.topics.create")) {
            try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
                TopicProvisioner.ensure(admin, topics, config.getInt("newsflow.topics.partitions"),
                        (short) config.getInt("newsflow.topics.replication"));
            }
        }
        enforceSchemaContract(config, topics, registry);
        if (config.getBoolean("newsflow.kb.seed")) {
            int seeded = KnowledgeBaseSeeder.seedIfEmpty(kafka, topics.entitiesKb());
            if (seeded > 0) {
                LOG.info("seeded the knowledge base topic {} with {} entities", topics.entitiesKb().name(), seeded);
            }
        }
    }

    private static void enforceSchemaContract(NewsflowConfig config, Topics topics, RegistrySettings registry)
            throws StartupFailure {
        SubjectNameStrategy strategy = SubjectNameStrategy.parse(config.get("newsflow.registry.subject.name.strategy"));
        List<SchemaContract.Subject> subjects = new ArrayList<>();
        topics.writtenValueSchemas().forEach((topic, schema) ->
                subjects.add(new SchemaContract.Subject(strategy.subject(topic, false, schema), schema)));
        try {
            new SchemaContract(new SchemaRegistryClient(registry),
                    config.get("newsflow.registry.compatibility"), config.getBoolean("newsflow.registry.compatibility.set"),
                    config.getBoolean("newsflow.registry.auto.register")).enforce(subjects);
        } catch (SchemaContract.Broken e) {
            throw new StartupFailure(e.getMessage(), e);
        }
    }

    public int httpPort() {
        return http.port();
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
        watch.stopping(); // a knowledge-base update waiting for the registry lets the global thread stop
        // a pod with static membership comes back under the same id and takes its partitions without a
        // rebalance; any other instance that stops hands them over now instead of after the session timeout
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        http.close();
        streamsMetrics.close();
        meters.close();
    }
}
