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
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * End-to-end load: an embedded KRaft broker and Apicurio Registry in this JVM's care, the
 * application in its own JVM (so its memory is its own), exactly-once, tagging on.
 * <ol>
 *   <li>Throughput: {@code PAGES} distinct pages of {@code SIZE} bytes, their stories real news text
 *       ({@link RealNewsStories}), are produced first, then the
 *       application is started and drains the backlog; articles/s = outputs / time from first to last output.</li>
 *   <li>Latency: more pages produced at a steady rate below capacity; latency = when the output is
 *       readable (committed) minus when the page was produced.</li>
 *   <li>Where the application's CPU went, by stage, and the ceiling: {@link PassthroughApp} on the same
 *       pages, broker and settings, so that Newsflow's throughput reads as a share of what any Kafka
 *       Streams application does on this machine.</li>
 * </ol>
 * Usage: {@code LoadBenchmark APICURIO_DIR ZYTE_DIR [PAGES] [SIZE] [THREADS]}; run with {@code ./mvnw -Pbench-load}.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path apicurio = Path.of(args[0]);
        RealNewsStories stories = RealNewsStories.fromExtractionBenchmark(Path.of(args[1]));
        int pages = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 120_000;
        String threads = args.length > 4 ? args[4] : "2";
        Path work = Files.createTempDirectory("newsflow-load");
        SyntheticPages synthetic = new SyntheticPages(size, stories);
        long enrichedBytes;
        double newsflowRate;

        try (EmbeddedKafka kafka = EmbeddedKafka.start(work);
             EmbeddedRegistry registry = EmbeddedRegistry.start(apicurio, work.resolve("registry.log"))) {
            Map<String, String> settings = TestApps.settings(kafka.bootstrapServers(), registry.url(), "load",
                    work.resolve("state"), Map.of("kafka.num.stream.threads", threads));
            NewsflowConfig config = NewsflowConfig.withOverrides(settings);
            AvroSerdes serdes = AvroSerdes.from(config);
            Topics topics = Topics.from(config, serdes);
            try (Admin admin = Admin.create(ClientProperties.admin(config.kafkaProperties()))) {
                TopicProvisioner.ensure(admin, topics, config.getInt("newsflow.topics.partitions"), (short) 1);
            }

            long producing = System.nanoTime();
            long bytes = produce(config, topics, serdes.forValues(RawPage.class), synthetic, 0, pages, 0);
            System.out.printf("produced %,d pages (%.0f KB each, %.1f GB) in %.0f s%n", pages, bytes / 1024.0 / pages,
                    bytes / 1e9, (System.nanoTime() - producing) / 1e9);

            try (OutputReader outputs = new OutputReader(config, topics);
                 AppProcess app = AppProcess.start(settings, work, "load-app", "2g")) {
                long started = System.nanoTime();
                if (!app.awaitReady(Duration.ofMinutes(3))) {
                    throw new IllegalStateException("the application did not become ready");
                }
                outputs.await(pages, Duration.ofMinutes(30), n -> {
                    if (n % 5000 == 0) {
                        System.out.printf("  %,d / %,d%n", n, pages);
                    }
                });
                double drain = (outputs.lastAt - outputs.firstAt) / 1e9;
                double rate = (pages - 1) / drain;
                System.out.printf("throughput %.0f articles/s end to end (%,d pages in %.0f s from first to last output;"
                                + " %.0f s from process start), %s stream threads%n",
                        rate, pages, drain, (outputs.lastAt - started) / 1e9, threads);
                System.out.printf("outputs    %,d enriched, %,d duplicates, %,d dead letters%n",
                        outputs.enriched, outputs.duplicates, outputs.dead);
                printCpuByThread(app, settings.get("kafka.application.id"));

                int latencyPages = Math.max(1000, pages / 20);
                double paced = Math.max(10, rate / 2);
                outputs.latencies.clear();
                // produced from another thread: outputs must be read while they arrive
                CompletableFuture<Long> pacedRun = CompletableFuture.supplyAsync(() -> produce(config, topics,
                        serdes.forValues(RawPage.class), synthetic, pages, latencyPages, paced));
                outputs.await(pages + latencyPages, Duration.ofMinutes(10), n -> { });
                pacedRun.join();
                long[] latencies = outputs.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("latency    p50 %d ms, p99 %d ms, max %d ms (%,d pages produced at %.0f/s)%n",
                        percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1],
                        latencies.length, paced);
                System.out.printf("memory     peak RSS %.0f MB of the application process (-Xmx2g)%n",
                        app.peakResidentBytes() / 1e6);
                enrichedBytes = outputs.enrichedBytes / Math.max(1, outputs.enriched);
                newsflowRate = rate;
            }

            double ceiling = passthrough(settings, work, config, pages, (int) enrichedBytes);
            System.out.printf("ceiling    %.0f records/s through a passthrough (decode each page, write a %,d-byte record;"
                    + " same broker, pages and settings): Newsflow runs at %.0f%% of it%n", ceiling, enrichedBytes,
                    100 * newsflowRate / ceiling);
        } finally {
            // the broker's log of a run is several GB: it goes with the run
            Utils.delete(work.toFile());
        }
    }

    /**
     * Produces pages [from, from+count); at {@code perSecond} > 0, paced, with the pages built and
     * serialised beforehand so that the producing side takes no CPU from the application while it is
     * measured; an interrupt stops the paced sending. Returns the bytes of the bodies.
     */
    static long produce(NewsflowConfig config, Topics topics, RegistryAvroSerde<RawPage> serde,
                                SyntheticPages synthetic, long from, int count, double perSecond) {
        var props = ClientProperties.producer(config.kafkaProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, perSecond > 0 ? "0" : "20");
        long bytes = 0;
        List<ProducerRecord<String, byte[]>> prepared = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long n = from; n < from + count; n++) {
                RawPage page = synthetic.page(n, Instant.now());
                bytes += page.getBody().remaining();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.pagesRaw().name(), page.getUrl(),
                        serde.serialize(topics.pagesRaw().name(), page));
                if (perSecond > 0) {
                    prepared.add(record);
                } else {
                    producer.send(record);
                }
            }
            long start = System.nanoTime();
            for (int i = 0; i < prepared.size() && !Thread.currentThread().isInterrupted(); i++) {
                long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(prepared.get(i));
            }
            Thread.interrupted(); // stopped: the producer still closes normally, sending what it holds
        }
        return bytes;
    }

    /**
     * Where the application's CPU went, from the kernel's count per thread: the tag and clean workers
     * run those stages alone; the stream threads decode, deduplicate and do the Kafka client's work.
     */
    private static void printCpuByThread(AppProcess app, String applicationId) throws Exception {
        Map<String, Duration> threads = app.cpuTimeByThread();
        Map<String, Long> byRole = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Duration> e : threads.entrySet()) {
            long millis = e.getValue().toMillis();
            total += millis;
            byRole.merge(role(e.getKey(), applicationId), millis, Long::sum);
        }
        StringBuilder shares = new StringBuilder();
        for (Map.Entry<String, Long> e : byRole.entrySet()) {
            shares.append(String.format(", %s %.0f%%", e.getKey(), 100.0 * e.getValue() / total));
        }
        System.out.printf("cpu        %.0f s of CPU in the application process: %s%n", total / 1e3, shares.substring(2));
    }

    /** Thread names as the kernel keeps them: their first 15 characters. */
    private static String role(String thread, String applicationId) {
        if (thread.startsWith("newsflow-tag")) {
            return "tag";
        } else if (thread.startsWith("newsflow-clean")) {
            return "clean";
        } else if (thread.startsWith(applicationId.substring(0, Math.min(14, applicationId.length())))) {
            return "stream threads (decode, dedup, Kafka client)";
        } else if (thread.startsWith("kafka-producer") || thread.startsWith("kafka-admin")) {
            return "Kafka network";
        } else if (thread.startsWith("C1 ") || thread.startsWith("C2 ")) {
            return "JIT";
        } else if (thread.startsWith("GC ") || thread.startsWith("G1 ")) {
            return "GC";
        }
        return "other";
    }

    /** The passthrough's rate, first to last output, on the pages already in the raw topic. */
    private static double passthrough(Map<String, String> settings, Path work, NewsflowConfig config, int pages,
                                      int outputBytes) throws Exception {
        String output = "load.passthrough";
        try (Admin admin = Admin.create(ClientProperties.admin(config.kafkaProperties()))) {
            admin.createTopics(List.of(new NewTopic(output, config.getInt("newsflow.topics.partitions"), (short) 1)
                    .configs(Map.of("max.message.bytes", "33554432")))).all().get();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientProperties.consumer(config.kafkaProperties()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             AppProcess ignored = AppProcess.startMain(settings, work, "passthrough", "2g", PassthroughApp.class, output,
                     String.valueOf(outputBytes))) {
            List<TopicPartition> partitions = consumer.partitionsFor(output).stream()
                    .map(p -> new TopicPartition(output, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long first = 0;
            long last = 0;
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (seen < pages && System.nanoTime() < deadline) {
                int got = consumer.poll(Duration.ofMillis(100)).count();
                if (got > 0) {
                    last = System.nanoTime();
                    first = first == 0 ? last : first;
                    seen += got;
                }
            }
            if (seen < pages) {
                throw new IllegalStateException("the passthrough wrote only " + seen + " of " + pages + " records");
            }
            return (pages - 1) / ((last - first) / 1e9);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Counts committed outputs and how long after production each became readable. */
    private static final class OutputReader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Topics topics;
        final List<Long> latencies = new ArrayList<>();
        int enriched;
        long enrichedBytes;
        int duplicates;
        int dead;
        long firstAt;
        long lastAt;

        OutputReader(NewsflowConfig config, Topics topics) {
            this.topics = topics;
            this.consumer = OutputCollector.outputsFromTheStart(config.kafkaProperties(), topics);
        }

        int total() {
            return enriched + duplicates + dead;
        }

        void await(int expected, Duration timeout, java.util.function.IntConsumer progress) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (total() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + total() + " of " + expected + " outputs after " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (firstAt == 0) {
                        firstAt = now;
                    }
                    lastAt = now;
                    latencies.add(System.currentTimeMillis() - r.timestamp());
                    if (r.topic().equals(topics.articlesEnriched().name())) {
                        enriched++;
                        enrichedBytes += r.value().length;
                    } else if (r.topic().equals(topics.articlesDuplicates().name())) {
                        duplicates++;
                    } else {
                        dead++;
                    }
                    progress.accept(total());
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
