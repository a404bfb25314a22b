package dev.newsflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Health semantics and metric names, on a Kafka Streams client that is never started (no broker needed). */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpsHttpServerTest {
    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    private final Topology topology = passThrough();

    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        return builder.build();
    }

    private KafkaStreams unstartedStreams() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ops-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new KafkaStreams(topology, props);
    }

    private OpsHttpServer server(KafkaStreams streams) throws Exception {
        return new OpsHttpServer(0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                health(streams, new AtomicReference<>(Optional.empty())));
    }

    /** The client's state, and one problem that stands for both the liveness and the readiness ones. */
    private static Health health(KafkaStreams streams, AtomicReference<Optional<String>> problem) {
        return new Health() {
            @Override
            public KafkaStreams.State state() {
                return streams.state();
            }

            @Override
            public Optional<String> notLiveBecause() {
                return problem.get();
            }

            @Override
            public Optional<String> notReadyBecause() {
                return problem.get();
            }
        };
    }

    @Test
    void readinessAndLivenessFollowTheClientState() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreams streams = unstartedStreams();
        PipelineMetrics pipeline = new PipelineMetrics(registry);
        AtomicReference<Optional<String>> stuck = new AtomicReference<>(Optional.empty());
        pipeline.succeeded("clean", 2_000_000);
        pipeline.failed("clean", "NOT_HTML");
        pipeline.duplicateFound("NEAR_DUPLICATE");
        pipeline.articleEnriched(7);

        try (StreamsMetrics ignored = new StreamsMetrics(registry, streams, Duration.ofSeconds(1));
             OpsHttpServer server = new OpsHttpServer(0, registry, health(streams, stuck))) {
            server.route("/topology", query -> OpsReply.text(200, topology.describe().toString()));
            String base = "http://127.0.0.1:" + server.port();
            // CREATED: alive, not ready
            assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
            assertThat(get(base + "/live").statusCode()).isEqualTo(200);
            stuck.set(Optional.of("StreamThread-1 has been on one record for 31 s"));
            assertThat(get(base + "/live")).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("on one record");
            });
            stuck.set(Optional.empty());
            assertThat(get(base + "/topology").body()).contains("Source:", "in", "Sink:");
            String metrics = get(base + "/metrics").body();
            assertThat(metrics).contains(
                    "newsflow_streams_state{state=\"CREATED\"} 1.0",
                    "newsflow_streams_state{state=\"RUNNING\"} 0.0",
                    "newsflow_stage_records_total{outcome=\"ok\",stage=\"clean\"} 1.0",
                    "newsflow_stage_records_total{outcome=\"failed\",stage=\"clean\"} 1.0",
                    "newsflow_stage_records_total{outcome=\"ok\",stage=\"tag\"} 0.0",
                    "newsflow_dead_letters_total{reason=\"NOT_HTML\",stage=\"clean\"} 1.0",
                    "newsflow_duplicates_total{method=\"NEAR_DUPLICATE\"} 1.0",
                    "newsflow_article_entities_sum 7.0",
                    "newsflow_stage_latency_seconds_bucket{stage=\"clean\",le=");

            assertThat(get(base + "/nothing-here").statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/live"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);

            streams.close(Duration.ofSeconds(10));
            assertThat(get(base + "/live").statusCode()).as("NOT_RUNNING").isEqualTo(503);
            assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void probesAnswerWhileSlowAndHostileClientsHoldConnections() throws Exception {
        KafkaStreams streams = unstartedStreams();
        List<Socket> hostile = new ArrayList<>();
        try (OpsHttpServer server = server(streams)) {
            String base = "http://127.0.0.1:" + server.port();
            get(base + "/live");
            // more half-sent requests than the server has workers: each would hold a worker where reading blocks
            for (int i = 0; i < 4 * OpsHttpServer.WORKERS; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write("GET /li".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                hostile.add(socket);
            }
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertThat(get(base + "/live").statusCode()).isEqualTo(200);
                assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
                slowest = Math.max(slowest, System.nanoTime() - start);
            }
            System.out.printf("slowest /live + /ready pair beside %d stalled clients: %.1f ms%n",
                    hostile.size(), slowest / 1e6);
            // a probe queued behind a stalled client would wait for that client's idle timeout; a busy machine
            // slows a loopback round trip by milliseconds, not by half of that
            assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(OpsHttpServer.IDLE_TIMEOUT_MS / 2));

            // a request with oversized headers is refused and costs nothing else
            String huge = "GET /live HTTP/1.1\r\nHost: x\r\nX-Junk: " + "a".repeat(4 * OpsHttpServer.MAX_HEADER_BYTES)
                    + "\r\n\r\n";
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(huge.getBytes(StandardCharsets.US_ASCII));
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 431");
            }
            assertThat(get(base + "/live").statusCode()).isEqualTo(200);
        } finally {
            for (Socket socket : hostile) {
                socket.close();
            }
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void idleConnectionsAreDroppedSoonerOnceTheConnectionLimitIsReached() throws Exception {
        KafkaStreams streams = unstartedStreams();
        List<Socket> hostile = new ArrayList<>();
        try (OpsHttpServer server = server(streams)) {
            for (int i = 0; i < OpsHttpServer.MAX_CONNECTIONS + 10; i++) {
                hostile.add(new Socket("127.0.0.1", server.port()));
            }
            long start = System.nanoTime();
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/live")).timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("answered once idle connections were dropped, well before the normal idle timeout")
                    .isLessThan(Duration.ofMillis(OpsHttpServer.IDLE_TIMEOUT_MS));
        } finally {
            for (Socket socket : hostile) {
                socket.close();
            }
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void costlyQueriesCannotTakeTheWorkersTheProbesNeed() throws Exception {
        KafkaStreams streams = unstartedStreams();
        CountDownLatch entered = new CountDownLatch(OpsHttpServer.COSTLY_AT_ONCE);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(OpsHttpServer.COSTLY_AT_ONCE);
        try (OpsHttpServer server = server(streams)) {
            server.routeCostly("/slow", query -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return OpsReply.json("{\"n\":" + query.get("n") + "}");
            });
            String base = "http://127.0.0.1:" + server.port();
            List<Future<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < OpsHttpServer.COSTLY_AT_ONCE; i++) {
                String url = base + "/slow?n=" + i;
                held.add(clients.submit(() -> get(url)));
            }
            // only once both slots are taken: a third query sent sooner would take a slot and wait with them
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> refused = get(base + "/slow?n=9");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).startsWith("busy");
            assertThat(get(base + "/live").statusCode()).isEqualTo(200);
            release.countDown();
            for (int i = 0; i < held.size(); i++) {
                assertThat(held.get(i).get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"n\":" + i + "}");
            }
        } finally {
            release.countDown();
            clients.shutdownNow();
            streams.close(Duration.ofSeconds(10));
        }
    }

    /** With a time limit: a server that never answers fails the test instead of hanging the build. */
    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
