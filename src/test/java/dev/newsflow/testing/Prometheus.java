package dev.newsflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.cli.FreePorts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A real Prometheus server (Debian's package, installed by .ci/run) scraping one target every
 * second, for asserting that dashboard queries find data.
 */
public final class Prometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private Prometheus(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static Prometheus scraping(String target, Path workDir) throws Exception {
        return start(target, Map.of(), Optional.empty(), workDir);
    }

    /**
     * Scrapes the target with these labels added to its series (as Kubernetes service discovery adds
     * namespace and pod), evaluating the rule file, if any, every second.
     */
    public static Prometheus start(String target, Map<String, String> labels, Optional<Path> rules, Path workDir)
            throws Exception {
        String binary = System.getProperty("newsflow.prometheus.bin", "prometheus");
        Path config = workDir.resolve("prometheus.yml");
        StringBuilder labelLines = new StringBuilder();
        labels.forEach((k, v) -> labelLines.append("          ").append(k).append(": '").append(v).append("'\n"));
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                %s
                scrape_configs:
                  - job_name: newsflow
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(rules.map(r -> "rule_files: ['" + r.toAbsolutePath() + "']").orElse(""), target)
                + (labels.isEmpty() ? "" : "        labels:\n" + labelLines));
        int port = FreePorts.next();
        Process process = new ProcessBuilder(binary, "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        Prometheus prometheus = new Prometheus(process, "http://127.0.0.1:" + port);
        prometheus.awaitReady(Duration.ofSeconds(30));
        return prometheus;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        if (!HttpReadiness.awaitOk(process, URI.create(url + "/-/ready"), timeout)) {
            throw new IllegalStateException(process.isAlive() ? "prometheus not ready after " + timeout
                    : "prometheus exited with " + process.exitValue());
        }
    }

    /** The result vector (or matrix) of an instant query; throws when Prometheus rejects the query. */
    public JsonNode query(String promql) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalArgumentException("query rejected: " + promql + ": " + body.path("error").asText());
        }
        return body.path("data").path("result");
    }

    /** The loaded alerting rules: name, health ("ok" once evaluated without error), state. */
    public JsonNode alertingRules() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/rules?type=alert")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("data").path("groups");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
