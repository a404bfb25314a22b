package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.StartupFailure;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.FreePorts;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.testing.CuttableProxy;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SchemaEdits;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema registry out of reach, on the real broker and a real registry behind a proxy the test
 * cuts: at start the instance waits alive and not ready, then starts when the registry returns; while
 * running, records whose writer schema it has not seen wait (never dead letters, {@code /ready} 503)
 * and come out once the registry is back. A registry URL without its API path fails at once, saying so.
 */
class OutageIT {
    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void recordsWaitForTheRegistryAndNoneBecomesADeadLetter() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        URI real = URI.create(infra.registryUrl());
        int opsPort = FreePorts.next();
        try (CuttableProxy proxy = new CuttableProxy(FreePorts.next(), real.getHost(), real.getPort())) {
            String proxied = "http://127.0.0.1:" + proxy.port() + real.getPath();
            NewsflowConfig config = TestApps.config(infra, "outage", stateDir, Map.of(
                    "newsflow.registry.url", proxied, "newsflow.http.port", String.valueOf(opsPort),
                    "newsflow.startup.wait", "PT0S"));
            String ops = "http://127.0.0.1:" + opsPort;

            // start with the registry down: alive, not ready, and saying why
            CompletableFuture<NewsflowApp> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return NewsflowApp.start(config);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBody(ops + "/ready", 503, "waiting: the schema registry at " + proxied);
            assertThat(get(ops + "/live").statusCode()).isEqualTo(200);
            assertThat(starting).isNotDone();
            proxy.restore();

            try (NewsflowApp app = starting.get(120, java.util.concurrent.TimeUnit.SECONDS)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                AvroSerdes serdes = AvroSerdes.from(config);
                Topics topics = Topics.from(config, serdes);
                String raw = topics.pagesRaw().name();
                SyntheticPages synthetic = new SyntheticPages(30_000);
                try (OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics);
                     KafkaProducer<byte[], byte[]> producer = producer(config)) {
                    producer.send(new ProducerRecord<>(raw, serdes.forValues(RawPage.class)
                            .serialize(raw, synthetic.page(1, Instant.now())))).get();
                    outputs.awaitTotal(1, Duration.ofSeconds(60), n -> { });
                    assertThat(outputs.enriched()).hasSize(1);

                    proxy.cut();
                    // a crawler moves to a new schema version the instance has never fetched
                    SchemaRegistryClient direct = new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl()));
                    Schema v2 = SchemaEdits.withOptionalString(RawPage.getClassSchema(), "crawlRegion");
                    int id = direct.register(raw + "-value", v2);
                    for (int n = 2; n <= 4; n++) {
                        producer.send(new ProducerRecord<>(raw, SchemaEdits.wire(id, v2, synthetic.page(n, Instant.now())))).get();
                    }
                    awaitBody(ops + "/ready", 503, "waiting");
                    assertThat(get(ops + "/live").statusCode()).isEqualTo(200);
                    Thread.sleep(5_000);
                    assertThat(outputs.total()).as("nothing comes out, and nothing is dead-lettered").isEqualTo(1);

                    long restored = System.nanoTime();
                    proxy.restore();
                    outputs.awaitTotal(4, Duration.ofSeconds(120), n -> { });
                    System.out.printf("records waiting on the registry came out %.1f s after it returned%n",
                            (System.nanoTime() - restored) / 1e9);
                    assertThat(outputs.enriched()).hasSize(4);
                    assertThat(outputs.deadLetters()).isEmpty();
                    awaitBody(ops + "/ready", 200, "RUNNING");
                    assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                }
            }
        }
    }

    @Test
    void aRegistryUrlWithoutItsApiPathFailsAtOnceWithAHint() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        URI real = URI.create(infra.registryUrl());
        String bare = "http://" + real.getHost() + ":" + real.getPort();
        NewsflowConfig config = TestApps.config(infra, "bare-registry-url", stateDir,
                Map.of("newsflow.registry.url", bare));
        long start = System.nanoTime();
        assertThatThrownBy(() -> NewsflowApp.start(config).close())
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("the schema registry at " + bare + " answered 404")
                .hasMessageContaining("/apis/ccompat/v7");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    private static KafkaProducer<byte[], byte[]> producer(NewsflowConfig config) {
        var props = ClientProperties.producer(config.kafkaProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void awaitBody(String url, int status, String bodyPart) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(url);
                if (last.statusCode() == status && last.body().contains(bodyPart)) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // the port opens a moment after start is called
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " never answered " + status + " with \"" + bodyPart + "\"; last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
