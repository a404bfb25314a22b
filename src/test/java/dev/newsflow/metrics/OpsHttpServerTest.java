package dev.newsflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health semantics and metric names, on a Kafka Streams client that is never started (no broker needed). */
class OpsHttpServerTest {
    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessAndLivenessFollowTheClientState() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Topology topology = builder.build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ops-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreams streams = new KafkaStreams(topology, props);
        PipelineMetrics pipeline = new PipelineMetrics(registry);
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> stuck =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        pipeline.succeeded("clean", 2_000_000);
        pipeline.failed("clean", "NOT_HTML");
        pipeline.duplicateFound("NEAR_DUPLICATE");
        pipeline.articleEnriched(7);

        try (StreamsMetrics ignored = new StreamsMetrics(registry, streams, Duration.ofSeconds(1));
             OpsHttpServer server = new OpsHttpServer(0, registry, () -> streams, topology.describe().toString(),
                     () -> stuck.get(), () -> stuck.get())) {
            String base = "http://127.0.0.1:" + server.port();
            // CREATED: alive, not ready
            assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
            assertThat(get(base + "/live").statusCode()).isEqualTo(200);
            stuck.set(java.util.Optional.of("StreamThread-1 has been on one record for 31 s"));
            assertThat(get(base + "/live")).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("on one record");
            });
            stuck.set(java.util.Optional.empty());
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

            streams.close(Duration.ofSeconds(10));
            assertThat(get(base + "/live").statusCode()).as("NOT_RUNNING").isEqualTo(503);
            assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
