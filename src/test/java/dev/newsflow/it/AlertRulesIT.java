package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import dev.newsflow.testing.AppProcess;
import dev.newsflow.testing.Prometheus;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alerting rules, rendered by Helm and loaded into a real Prometheus scraping the
 * application (with the namespace and pod labels Kubernetes discovery would add): every rule
 * evaluates without error against the real series, and once the application is killed the rules that
 * watch the scrape itself go pending, where the rules on its own metrics can only go quiet.
 */
class AlertRulesIT {
    private static final String NAMESPACE = "newsflow";
    private static final String POD = "news-newsflow-0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path work;

    @Test
    void everyRuleEvaluatesAndAKilledAppSetsOffTheDownAlerts() throws Exception {
        Path rules = work.resolve("rules.yml");
        YAML.writeValue(rules.toFile(), prometheusRuleSpec());

        RealInfrastructure infra = RealInfrastructure.shared();
        Map<String, String> settings = TestApps.settings(infra.bootstrapServers(), infra.registryUrl(), "alerts",
                work.resolve("state"), Map.of("newsflow.metrics.refresh", "PT1S"));
        AppProcess app = AppProcess.start(settings, work, "alerts", "1g");
        try (Prometheus prometheus = Prometheus.start("127.0.0.1:" + app.httpPort(),
                Map.of("namespace", NAMESPACE, "pod", POD), Optional.of(rules), Files.createDirectories(work.resolve("prom")))) {
            assertThat(app.awaitReady(Duration.ofSeconds(90))).isTrue();
            awaitRules(prometheus, rule -> rule.path("health").asText().equals("ok"), "evaluated without error", 60);
            List<String> names = prometheus.alertingRules().findValuesAsText("name");
            assertThat(names).contains("NewsflowDown", "NewsflowPodDown", "NewsflowNoProgress", "NewsflowRebalanceStorm",
                    "NewsflowWaitingOnAnOutage", "NewsflowNotRunning", "NewsflowConsumerLagHigh");
            // pending while the app had not answered its first scrape; inactive once it does
            awaitState(prometheus, "NewsflowDown", Set.of("inactive"), 60);

            app.kill();
            awaitState(prometheus, "NewsflowPodDown", Set.of("pending", "firing"), 60);
            awaitState(prometheus, "NewsflowDown", Set.of("pending", "firing"), 60);
            System.out.printf("app killed: NewsflowDown %s, NewsflowPodDown %s, NewsflowNotRunning %s%n",
                    state(prometheus, "NewsflowDown"), state(prometheus, "NewsflowPodDown"),
                    state(prometheus, "NewsflowNotRunning"));
        } finally {
            app.close();
        }
    }

    /** The PrometheusRule's spec (its groups) as the chart renders it, ready to be a Prometheus rule file. */
    private static JsonNode prometheusRuleSpec() throws Exception {
        String rendered = new Helm(Path.of("helm/newsflow")).template().withName("news").withNamespace(NAMESPACE)
                .set("kafka.bootstrapServers", "kafka:9092").set("registry.url", "http://registry:8080/apis/ccompat/v7")
                .set("metrics.prometheusRule.enabled", true).call();
        try (YAMLParser parser = new YAMLFactory().createParser(rendered)) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && doc.path("kind").asText().equals("PrometheusRule")) {
                    ObjectNode file = YAML.createObjectNode();
                    file.set("groups", doc.at("/spec/groups"));
                    return file;
                }
            }
        }
        throw new AssertionError("no PrometheusRule rendered");
    }

    private static String state(Prometheus prometheus, String alert) throws Exception {
        for (JsonNode group : prometheus.alertingRules()) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("name").asText().equals(alert)) {
                    return rule.path("state").asText();
                }
            }
        }
        return "missing";
    }

    private static void awaitState(Prometheus prometheus, String alert, Set<String> states, int seconds)
            throws Exception {
        String last = "";
        for (int i = 0; i < seconds * 2; i++) {
            last = state(prometheus, alert);
            if (states.contains(last)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(alert + " never became " + states + "; last state " + last);
    }

    private static void awaitRules(Prometheus prometheus, java.util.function.Predicate<JsonNode> condition, String what,
                                   int seconds) throws Exception {
        Map<String, String> failing = new HashMap<>();
        for (int i = 0; i < seconds * 2; i++) {
            failing.clear();
            for (JsonNode group : prometheus.alertingRules()) {
                for (JsonNode rule : group.path("rules")) {
                    if (!condition.test(rule)) {
                        failing.put(rule.path("name").asText(), rule.path("health").asText() + " "
                                + rule.path("lastError").asText());
                    }
                }
            }
            if (!failing.isEmpty() || prometheus.alertingRules().isEmpty()) {
                Thread.sleep(500);
                continue;
            }
            return;
        }
        throw new AssertionError("rules not " + what + ": " + failing);
    }
}
