package dev.newsflow.bench;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.TopicProvisioner;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.EmbeddedKafka;
import dev.newsflow.cli.EmbeddedRegistry;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.utils.Utils;

/**
 * How long output stops when the instance that holds the dedup index dies. Two instances (each its
 * own JVM and state directory) on an embedded broker and registry drain {@code PAGES} pages, so that
 * the index holds that many articles; then, while pages keep arriving at {@value #PACED_PER_SECOND}
 * a second, the instance running the dedup task is killed with SIGKILL. Printed: the time from the
 * kill to the first output of a page produced after it (every page passes the dedup task, so nothing
 * produced later can come out before the index is back), with no standby replica and with one,
 * and with Kafka's default session timeout (45 s) and a shorter one.
 *
 * <p>Usage: {@code FailoverBenchmark APICURIO_DIR ZYTE_DIR [PAGES]}; run with {@code ./mvnw -Pbench-failover}.
 */
public final class FailoverBenchmark {
    private static final int PACED_PER_SECOND = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration AFTER_KILL = Duration.ofSeconds(150);
    private static final Pattern DEDUP_RECORDS = Pattern.compile(
            "(?m)^newsflow_stage_records_total\\{outcome=\"ok\",stage=\"dedup\"} ([0-9.Ee+-]+)$");

    /** A dead member keeps its partitions until the group coordinator misses its heartbeats for the session timeout. */
    private record Variant(int standbys, Duration sessionTimeout) {
        @Override
        public String toString() {
            return standbys + " standby replica" + (standbys == 1 ? "" : "s") + ", session timeout "
                    + sessionTimeout.toSeconds() + " s";
        }
    }

    private static final List<Variant> VARIANTS = List.of(new Variant(0, Duration.ofSeconds(45)),
            new Variant(1, Duration.ofSeconds(45)), new Variant(1, Duration.ofSeconds(10)));

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path apicurio = Path.of(args[0]);
        RealNewsStories stories = RealNewsStories.fromExtractionBenchmark(Path.of(args[1]));
        int pages = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        Path work = Files.createTempDirectory("newsflow-failover");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work);
             EmbeddedRegistry registry = EmbeddedRegistry.start(apicurio, work.resolve("registry.log"))) {
            for (Variant variant : VARIANTS) {
                Duration failover = run(kafka, registry, work, pages, variant, new SyntheticPages(120_000, stories));
                System.out.printf("failover   %s: the first page produced after the kill came out %.1f s after it"
                        + " (%,d articles in the index)%n", variant, failover.toMillis() / 1e3, pages);
            }
        } finally {
            Utils.delete(work.toFile());
        }
    }

    private static Duration run(EmbeddedKafka kafka, EmbeddedRegistry registry, Path work, int pages, Variant variant,
                                SyntheticPages synthetic) throws Exception {
        String name = "failover" + variant.standbys() + "-" + variant.sessionTimeout().toSeconds();
        Map<String, String> common = TestApps.settings(kafka.bootstrapServers(), registry.url(), name,
                work.resolve("unused"), Map.of("kafka.num.standby.replicas", String.valueOf(variant.standbys()),
                        "kafka.session.timeout.ms", String.valueOf(variant.sessionTimeout().toMillis()),
                        "kafka.heartbeat.interval.ms", String.valueOf(variant.sessionTimeout().toMillis() / 3)));
        NewsflowConfig config = NewsflowConfig.withOverrides(common);
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafkaProperties()))) {
            TopicProvisioner.ensure(admin, topics, config.getInt("newsflow.topics.partitions"), (short) 1);
        }
        LoadBenchmark.produce(config, topics, serdes.forValues(RawPage.class), synthetic, 0, pages, 0);

        AppProcess[] instances = new AppProcess[2];
        try (KafkaConsumer<byte[], byte[]> outputs = OutputCollector.outputsFromTheStart(config.kafkaProperties(), topics)) {
            for (int i = 0; i < instances.length; i++) {
                Map<String, String> settings = new HashMap<>(common);
                settings.put("kafka.state.dir", work.resolve(name + "-state-" + i).toString());
                instances[i] = AppProcess.start(settings, work, name + "-" + i, "2g");
            }
            long seen = 0;
            while (seen < pages) {
                seen += outputs.poll(Duration.ofMillis(200)).count();
            }
            System.out.printf("%s: %,d pages through two instances; pages now arrive at %d/s%n", name, pages,
                    PACED_PER_SECOND);
            int paced = (int) (PACED_PER_SECOND * (AFTER_KILL.toSeconds() + 30));
            ExecutorService arriving = Executors.newSingleThreadExecutor();
            arriving.submit(() -> LoadBenchmark.produce(config, topics, serdes.forValues(RawPage.class), synthetic, pages,
                    paced, PACED_PER_SECOND));
            AppProcess holder = dedupHolder(instances);
            long killedAt = System.currentTimeMillis();
            holder.kill();
            long firstAfter = 0;
            while (firstAfter == 0 && System.currentTimeMillis() < killedAt + AFTER_KILL.toMillis()) {
                for (ConsumerRecord<byte[], byte[]> r : outputs.poll(Duration.ofMillis(50))) {
                    if (r.timestamp() > killedAt && firstAfter == 0) {
                        firstAfter = System.currentTimeMillis();
                    }
                }
            }
            arriving.shutdownNow();
            if (firstAfter == 0) {
                throw new IllegalStateException("nothing produced after the kill came out within " + AFTER_KILL);
            }
            return Duration.ofMillis(firstAfter - killedAt);
        } finally {
            for (AppProcess instance : instances) {
                if (instance != null) {
                    instance.close();
                }
            }
        }
    }

    /** The instance whose dedup stage is taking records: the one whose count grows while pages arrive. */
    private static AppProcess dedupHolder(AppProcess[] instances) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            double[] before = new double[instances.length];
            for (int i = 0; i < instances.length; i++) {
                before[i] = dedupRecords(instances[i]);
            }
            Thread.sleep(3_000);
            for (int i = 0; i < instances.length; i++) {
                if (dedupRecords(instances[i]) > before[i]) {
                    return instances[i];
                }
            }
        }
        throw new IllegalStateException("no instance's dedup stage took a record in two minutes");
    }

    private static double dedupRecords(AppProcess instance) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + instance.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = DEDUP_RECORDS.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
