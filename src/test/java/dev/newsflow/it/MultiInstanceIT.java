package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.Entity;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.ExactlyOnce;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances of one application (three JVMs, a six-partition raw topic) sharing the work while
 * they join, one dies by SIGKILL, another stops cleanly, and then each is restarted in turn: every
 * input comes out exactly once, re-crawls are recognised whichever instance cleaned them, and the
 * trending query asked on any instance answers the counts of all the articles.
 */
class MultiInstanceIT {
    private static final ExactlyOnce PAGES = new ExactlyOnce(300, 40);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void threeInstancesShareTheWorkThroughKillsStopsAndARollingRestart() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = NewsflowConfig.withOverrides(settings(infra, 0));
        Topics topics = Topics.from(config, AvroSerdes.from(config));
        AppProcess[] instances = new AppProcess[3];
        instances[0] = start(infra, 0, "a"); // it creates the topics
        try (OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            List<String> inputs = new ArrayList<>(PAGES.produce(config, topics, 0, 100));
            // two more join while pages arrive
            instances[1] = AppProcess.start(settings(infra, 1), work, "multi-b", "1g");
            instances[2] = AppProcess.start(settings(infra, 2), work, "multi-c", "1g");
            inputs.addAll(PAGES.produce(config, topics, 100, 220));
            assertThat(instances[1].awaitReady(Duration.ofSeconds(120))).isTrue();
            assertThat(instances[2].awaitReady(Duration.ofSeconds(120))).isTrue();
            outputs.awaitTotal(150, Duration.ofSeconds(180), n -> { });

            // one dies without a word, one leaves properly, while the rest of the pages arrive
            instances[0].kill();
            instances[1].close();
            inputs.addAll(PAGES.produce(config, topics, 220, PAGES.inputs()));
            instances[0] = start(infra, 0, "a2");
            instances[1] = start(infra, 1, "b2");
            // a rolling restart: one at a time, each back before the next goes
            for (int i = 0; i < instances.length; i++) {
                instances[i].close();
                instances[i] = start(infra, i, "rolled-" + i);
            }
            outputs.awaitTotal(PAGES.inputs(), Duration.ofSeconds(300), n -> { });
            outputs.awaitTotal(PAGES.inputs() + 1, Duration.ofSeconds(5), n -> { });
            PAGES.assertEachCameOutOnce(inputs, outputs);

            Map<String, Long> expected = topCounts(outputs);
            for (AppProcess instance : instances) {
                assertThat(trending(instance)).as("trending asked on the instance at port " + instance.httpPort())
                        .isEqualTo(expected);
            }
        } finally {
            for (AppProcess instance : instances) {
                if (instance != null) {
                    instance.close();
                }
            }
        }
    }

    private AppProcess start(RealInfrastructure infra, int instance, String name) throws Exception {
        AppProcess process = AppProcess.start(settings(infra, instance), work, "multi-" + name, "1g");
        assertThat(process.awaitReady(Duration.ofSeconds(120))).as(name + " ready").isTrue();
        return process;
    }

    /** One application (same id and topics), six partitions, each instance its own state directory. */
    private Map<String, String> settings(RealInfrastructure infra, int instance) {
        return TestApps.settings(infra.bootstrapServers(), infra.registryUrl(), "multi",
                work.resolve("state-" + instance), Map.of("newsflow.topics.partitions", "6",
                        "newsflow.metrics.refresh", "PT1S"));
    }

    /** The 40 most mentioned entities over all enriched articles, by "TYPE|name", ranked as the endpoint ranks. */
    private static Map<String, Long> topCounts(OutputCollector outputs) {
        Map<String, Long> counts = outputs.enriched().stream().flatMap(a -> a.getEntities().stream())
                .collect(Collectors.groupingBy(MultiInstanceIT::key, Collectors.summingLong(Entity::getCount)));
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                        .thenComparing(e -> e.getKey().substring(e.getKey().indexOf('|') + 1))
                        .thenComparing(Map.Entry::getKey))
                .limit(40).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static String key(Entity e) {
        return e.getType() + "|" + e.getName();
    }

    private Map<String, Long> trending(AppProcess instance) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.httpPort()
                + "/entities/trending?hours=2&limit=40")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Long> answer = new LinkedHashMap<>();
        for (JsonNode e : JSON.readTree(r.body()).path("entities")) {
            answer.put(e.path("type").asText() + "|" + e.path("name").asText(), e.path("count").asLong());
        }
        return answer;
    }
}
