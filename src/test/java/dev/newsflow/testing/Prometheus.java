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
        String binary = System.getProperty("newsflow.prometheus.bin", "prometheus");
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: newsflow
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
