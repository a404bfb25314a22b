package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import dev.newsflow.testing.TinyMemtables;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory's disk fills up under a running application (a small tmpfs, filled by the
 * test): the pages that arrive meanwhile are never dead-lettered, {@code /live} says the instance
 * cannot go on, and once space is freed they come out and the instance is live again. Mounting
 * needs root; where the test cannot mount, it is skipped and says why.
 */
class DiskFullIT {
    /**
     * 3 pages before the disk fills and the rest after: enough writes that the stores' 64 KiB memtables
     * must flush to the full disk (60 pages sometimes fitted in memory, and nothing failed).
     */
    private static final int PAGES = 200;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aFullStateDiskStopsTheInstanceInsteadOfDeadLetteringAndItResumesWhenFreed() throws Exception {
        Path stateDir = Files.createDirectories(work.resolve("state"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", stateDir.toString()) == 0,
                "cannot mount a tmpfs for the state directory (needs root)");
        try {
            RealInfrastructure infra = RealInfrastructure.shared();
            NewsflowConfig config = TestApps.config(infra, "disk-full", stateDir,
                    Map.of("kafka.rocksdb.config.setter", TinyMemtables.class.getName()));
            AvroSerdes serdes = AvroSerdes.from(config);
            Topics topics = Topics.from(config, serdes);
            String raw = topics.pagesRaw().name();
            RegistryAvroSerde<RawPage> serde = serdes.forValues(RawPage.class);
            SyntheticPages synthetic = new SyntheticPages(30_000);
            Path filler = stateDir.resolve("filler");

            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics);
                 KafkaProducer<byte[], byte[]> producer = producer(config)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                String live = "http://127.0.0.1:" + app.httpPort() + "/live";
                for (int n = 1; n <= 3; n++) {
                    producer.send(new ProducerRecord<>(raw, serde.serialize(raw, synthetic.page(n, Instant.now())))).get();
                }
                outputs.awaitTotal(3, Duration.ofSeconds(60), n -> { });
                assertThat(outputs.enriched()).hasSize(3);

                fill(filler);
                for (int n = 4; n <= PAGES; n++) {
                    producer.send(new ProducerRecord<>(raw, serde.serialize(raw, synthetic.page(n, Instant.now())))).get();
                }
                String why = awaitStatus(live, 503, Duration.ofSeconds(120));
                System.out.println("with the state disk full, /live says: " + why);
                assertThat(why).contains("a state store failed");
                outputs.awaitTotal(PAGES, Duration.ofSeconds(5), n -> { });
                assertThat(outputs.total()).as("the instance stopped taking pages").isLessThan(PAGES);
                assertThat(outputs.deadLetters()).as("pages are not bad because the disk is full").isEmpty();

                Files.delete(filler);
                long freed = System.nanoTime();
                outputs.awaitTotal(PAGES, Duration.ofSeconds(240), n -> { });
                System.out.printf("the waiting pages came out %.0f s after space was freed%n",
                        (System.nanoTime() - freed) / 1e9);
                assertThat(outputs.enriched()).hasSize(PAGES);
                assertThat(outputs.deadLetters()).isEmpty();
                awaitStatus(live, 200, Duration.ofSeconds(60));
            } finally {
                Files.deleteIfExists(filler);
            }
        } finally {
            run("umount", "-l", stateDir.toString());
        }
    }

    /** Writes zeros until the file system refuses more. */
    private static void fill(Path filler) {
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    private String awaitStatus(String url, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == status) {
                return last.body();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " never answered " + status + "; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
    }

    private static KafkaProducer<byte[], byte[]> producer(NewsflowConfig config) {
        var props = ClientProperties.producer(config.kafkaProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static int run(String... command) throws Exception {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException noSuchCommand) {
            return -1;
        }
    }
}
