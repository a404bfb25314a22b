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
    /** Pages sent at a time once the disk is full; 200 pages were enough here, 60 sometimes not. */
    private static final int ROUND = 100;
    private static final int MAX_PAGES = 1003;

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
                // how many pages it takes to make a store write to disk depends on RocksDB's memory accounting:
                // pages go on in rounds until /live fails, and every round must otherwise come out whole
                int sent = 3;
                String why = null;
                while (why == null && sent < MAX_PAGES) {
                    for (int n = sent + 1; n <= sent + ROUND; n++) {
                        producer.send(new ProducerRecord<>(raw, serde.serialize(raw, synthetic.page(n, Instant.now())))).get();
                    }
                    sent += ROUND;
                    why = notLiveOrAllOut(live, outputs, sent, Duration.ofSeconds(90));
                }
                System.out.println("with the state disk full, after " + sent + " pages /live says: " + why);
                assertThat(why).as("no store failed in %d pages on a full disk", sent).isNotNull();
                assertThat(why).containsAnyOf("a state store failed", "on one record");
                outputs.awaitTotal(sent, Duration.ofSeconds(5), n -> { });
                assertThat(outputs.total()).as("the instance stopped taking pages").isLessThan(sent);
                assertThat(outputs.deadLetters()).as("pages are not bad because the disk is full").isEmpty();

                Files.delete(filler);
                long freed = System.nanoTime();
                outputs.awaitTotal(sent, Duration.ofSeconds(240), n -> { });
                if (outputs.total() < sent) {
                    printStreamThreads(live);
                }
                System.out.printf("the waiting pages came out %.0f s after space was freed%n",
                        (System.nanoTime() - freed) / 1e9);
                assertThat(outputs.enriched()).hasSize(sent);
                assertThat(outputs.deadLetters()).isEmpty();
                awaitStatus(live, 200, Duration.ofSeconds(60));
            } finally {
                Files.deleteIfExists(filler);
            }
        } finally {
            run("umount", "-l", stateDir.toString());
        }
    }

    /** Where the stream threads are when pages stay held after space came back: what a failure needs to be read. */
    private void printStreamThreads(String live) throws Exception {
        System.out.println("pages still held after space was freed; /live says: " + get(live).body());
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("StreamThread") || thread.getName().contains("rocksdb")) {
                System.out.println("\"" + thread.getName() + "\" " + thread.getState());
                for (StackTraceElement frame : stack) {
                    System.out.println("    at " + frame);
                }
            }
        });
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

    /**
     * Waits until {@code url} fails (its answer returned) or all {@code sent} pages have come out (null);
     * neither in time means pages are held while the instance says it is fine.
     */
    private String notLiveOrAllOut(String url, OutputCollector outputs, int sent, Duration timeout) throws Exception {
        AnswerLog said = new AnswerLog();
        while (said.elapsedNanos() < timeout.toNanos()) {
            HttpResponse<String> reply = get(url);
            if (reply.statusCode() == 503) {
                return reply.body();
            }
            outputs.awaitTotal(sent, Duration.ofMillis(100), n -> { });
            if (outputs.total() == sent) {
                return null;
            }
            said.note(reply.statusCode() + " " + reply.body() + " with " + outputs.total() + " of " + sent + " out");
        }
        throw new AssertionError("pages held for " + timeout.toSeconds() + " s while " + url + " said:" + said);
    }

    /** Polls until {@code url} answers {@code status}; a failure shows every change of answer on the way. */
    private String awaitStatus(String url, int status, Duration timeout) throws Exception {
        AnswerLog said = new AnswerLog();
        while (said.elapsedNanos() < timeout.toNanos()) {
            HttpResponse<String> reply = get(url);
            if (reply.statusCode() == status) {
                return reply.body();
            }
            said.note(reply.statusCode() + " " + reply.body());
            Thread.sleep(100);
        }
        throw new AssertionError(url + " never answered " + status + " in " + timeout.toSeconds() + " s; it said:"
                + said);
    }

    /** Every change of answer while polling, with when it came. */
    private static final class AnswerLog {
        private final long start = System.nanoTime();
        private final StringBuilder changes = new StringBuilder();
        private String last;

        long elapsedNanos() {
            return System.nanoTime() - start;
        }

        void note(String answer) {
            if (!answer.equals(last)) {
                changes.append(String.format("%n  +%.1f s: %s", elapsedNanos() / 1e9, answer));
                last = answer;
            }
        }

        @Override
        public String toString() {
            return changes.toString();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
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
