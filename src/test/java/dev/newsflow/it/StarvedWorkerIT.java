package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.RawRecords;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SourceOutcomes;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Good pages on a machine too busy to give their worker the CPU they need: the application's JVM
 * shares one core with twelve busy processes, and its first pages meet a cold JIT. A page whose
 * worker ran past the budget in wall time without burning it in CPU is not a costly page: it is
 * waited for, or tried again once the machine calms down, and never dead-lettered.
 */
class StarvedWorkerIT {
    private static final int HOGS = 12;
    private static final int PAGES = 4;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theFirstPagesOnAStarvedCoreEndAsArticlesNotTimeouts() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        Map<String, String> settings = TestApps.settings(infra.bootstrapServers(), infra.registryUrl(), "starved",
                work.resolve("state"), Map.of("newsflow.record.budget", "PT1S"));
        NewsflowConfig config = NewsflowConfig.withOverrides(settings);
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        String raw = topics.pagesRaw().name();
        SyntheticPages synthetic = new SyntheticPages(40_000);
        List<Process> hogs = new ArrayList<>();
        try (AppProcess app = AppProcess.start(settings, work, "starved", "1g")) {
            assertThat(app.awaitReady(Duration.ofSeconds(120))).isTrue();
            OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics); // the app made the topics
            // every thread of the application on core 0, beside busy loops that want all of it
            assertThat(new ProcessBuilder("taskset", "-a", "-c", "-p", "0", String.valueOf(app.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor())
                    .isZero();
            for (int i = 0; i < HOGS; i++) {
                hogs.add(new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done").start());
            }
            List<ProducerRecord<byte[], byte[]>> pages = new ArrayList<>();
            for (int n = 0; n < PAGES; n++) {
                pages.add(new ProducerRecord<>(raw, 0, null, serdes.forValues(RawPage.class)
                        .serialize(raw, synthetic.page(60 + n, Instant.now()))));
            }
            List<Long> offsets = RawRecords.produce(config, pages);

            outputs.awaitTotal(PAGES, Duration.ofSeconds(40), n -> { });
            String busy = get("http://127.0.0.1:" + app.httpPort() + "/ready");
            stop(hogs);
            outputs.awaitTotal(PAGES, Duration.ofSeconds(180), n -> { });
            outputs.awaitTotal(PAGES + 1, Duration.ofSeconds(3), n -> { });

            Map<String, String> expected = new LinkedHashMap<>();
            offsets.forEach(offset -> expected.put(SourceOutcomes.key(0, offset), "ARTICLE"));
            assertThat(SourceOutcomes.of(outputs)).containsExactlyInAnyOrderEntriesOf(expected);
            String metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics");
            System.out.println("while starved, /ready said: " + busy);
            metrics.lines().filter(l -> l.startsWith("newsflow_stream_thread_replacements_total")
                    || l.startsWith("newsflow_dead_letters_total")).forEach(System.out::println);
            assertThat(metrics).doesNotContain("PROCESSING_TIMEOUT");
            outputs.close();
        } finally {
            stop(hogs);
        }
    }

    private static void stop(List<Process> hogs) throws InterruptedException {
        for (Process hog : hogs) {
            hog.destroyForcibly();
            hog.waitFor();
        }
        hogs.clear();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }
}
