package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.testing.Prometheus;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, topology and metrics endpoints of a running application, and the shipped dashboard against a real Prometheus. */
class ObservabilityIT {
    private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/newsflow.json");

    @TempDir
    Path stateDir;

    @TempDir
    Path prometheusDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void endpointsAnswerAndEveryDashboardQueryFindsData() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = TestApps.config(infra, "observability", stateDir, Map.of("newsflow.metrics.refresh", "PT1S"));
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        List<Path> pages = SamplePages.files();
        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            String base = "http://127.0.0.1:" + app.httpPort();
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(get(base + "/ready").statusCode()).isEqualTo(200);
            assertThat(get(base + "/live").statusCode()).isEqualTo(200);
            assertThat(get(base + "/topology").body()).contains("dedup-index", "knowledge-base", topics.pagesRaw().name());

            PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class), pages);
            outputs.awaitTotal(pages.size(), Duration.ofSeconds(90), n -> { });
            assertThat(outputs.total()).isEqualTo(pages.size());

            String metrics = get(base + "/metrics").body();
            Files.createDirectories(Path.of("target/it-logs"));
            Files.writeString(Path.of("target/it-logs/metrics.txt"), metrics);
            assertThat(metrics).contains(
                    "newsflow_stage_records_total{outcome=\"ok\",stage=\"clean\"} " + (double) (pages.size() - 1),
                    "newsflow_dead_letters_total{reason=\"NOT_AN_ARTICLE\",stage=\"clean\"} 1.0",
                    "newsflow_articles_enriched_total " + (double) outputs.enriched().size(),
                    "newsflow_streams_state{state=\"RUNNING\"} 1.0");

            assertThat(new ObjectMapper().readTree(get(base + "/entities/trending?limit=5").body()).path("entities"))
                    .hasSize(5);
            JsonNode trending = new ObjectMapper().readTree(get(base + "/entities/trending?hours=2&limit=500").body())
                    .path("entities");
            long lavrov = outputs.enriched().stream().flatMap(a -> a.getEntities().stream())
                    .filter(e -> e.getName().equals("Sergei Lavrov")).mapToLong(e -> e.getCount()).sum();
            assertThat(trending.findValuesAsText("name")).contains("Sergei Lavrov");
            for (JsonNode entity : trending) {
                if (entity.path("name").asText().equals("Sergei Lavrov")) {
                    assertThat(entity.path("type").asText()).isEqualTo("PERSON");
                    assertThat(entity.path("count").asLong()).isEqualTo(lavrov);
                }
            }

            try (Prometheus prometheus = Prometheus.scraping("127.0.0.1:" + app.httpPort(), prometheusDir)) {
                Map<String, String> queries = dashboardQueries();
                assertThat(queries).hasSizeGreaterThan(20);
                Map<String, String> empty = awaitData(prometheus, queries, Duration.ofSeconds(60));
                assertThat(empty).as("dashboard panels whose query finds no data").isEmpty();
                // the dashboard's job and instance variables are label values of the state gauge
                assertThat(prometheus.query("count by (job, instance) (newsflow_streams_state)")).hasSize(1);
            }
        }
    }

    /** Every panel query of the shipped dashboard, Grafana's variables replaced as Grafana would for "All". */
    private static Map<String, String> dashboardQueries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText()
                        .replace("$__rate_interval", "15s")
                        .replace("$instance", ".*")
                        .replace("$job", ".*");
                queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(), expr);
            }
        }
        return queries;
    }

    /** Polls until every query returns at least one series; returns those that never did. */
    private static Map<String, String> awaitData(Prometheus prometheus, Map<String, String> queries, Duration timeout)
            throws Exception {
        Map<String, String> empty = new LinkedHashMap<>(queries);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!empty.isEmpty() && System.nanoTime() < deadline) {
            for (var it = empty.entrySet().iterator(); it.hasNext(); ) {
                if (!prometheus.query(it.next().getValue()).isEmpty()) {
                    it.remove();
                }
            }
            Thread.sleep(1000);
        }
        return empty;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
