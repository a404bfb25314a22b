package dev.newsflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Helm chart through real Helm (helm-java): lint, render, and assertions on the rendered objects. */
class HelmChartTest {
    private static final Path CHART = Path.of("helm/newsflow");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void chartPassesStrictLint() {
        // lint renders with values.yaml, where the required values are empty: helm reports them as info only
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void missingRequiredValuesFailTheRender() {
        assertThatThrownBy(() -> template().set("registry.url", "http://registry:8080").call())
                .hasMessageContaining("kafka.bootstrapServers is required");
        assertThatThrownBy(() -> template().set("kafka.bootstrapServers", "kafka:9092").call())
                .hasMessageContaining("registry.url is required");
        assertThatThrownBy(() -> required().set("workload", "DaemonSet").call())
                .hasMessageContaining("workload");
    }

    @Test
    void defaultsRenderAStatefulSetWithProbesStateVolumeAndStaticMembership() throws IOException {
        List<JsonNode> objects = render(required());
        assertThat(kinds(objects)).containsExactlyInAnyOrder("ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget",
                "ServiceAccount");

        JsonNode sts = only(objects, "StatefulSet");
        assertThat(sts.at("/spec/replicas").asInt()).isEqualTo(1);
        JsonNode container = sts.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/live");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("3Gi");
        assertThat(env(container, "KAFKA_GROUP_INSTANCE_ID")).contains("$(POD_NAME)");
        assertThat(env(container, "KAFKA_APPLICATION_SERVER")).contains("$(POD_NAME).news-newsflow:8080");
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
        assertThat(sts.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();

        JsonNode config = only(objects, "ConfigMap").path("data");
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(config.path("KAFKA_PROCESSING_GUARANTEE").asText()).isEqualTo("exactly_once_v2");
        assertThat(config.path("NEWSFLOW_REGISTRY_URL").asText()).isEqualTo("http://registry:8080/apis/ccompat/v7");
        assertThat(config.path("NEWSFLOW_HTTP_PORT").asText()).isEqualTo("8080");
        assertThat(config.path("NEWSFLOW_STARTUP_WAIT").asText()).as("a pod waits, not ready, for its dependencies")
                .isEqualTo("PT0S");
        assertThat(only(objects, "PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void deploymentOptionUsesAnEmptyDirAndNoStaticMembership() throws IOException {
        List<JsonNode> objects = render(required().set("workload", "Deployment").set("replicas", 2));
        assertThat(kinds(objects)).contains("Deployment").doesNotContain("StatefulSet");
        JsonNode deployment = only(objects, "Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(deployment.at("/spec/template/spec/volumes").findValuesAsText("name")).contains("state");
        assertThat(env(deployment.at("/spec/template/spec/containers/0"), "KAFKA_GROUP_INSTANCE_ID")).isEmpty();
    }

    @Test
    void monitoringAndAutoscalingObjectsRenderWhenEnabled() throws IOException {
        List<JsonNode> objects = render(required()
                .set("metrics.serviceMonitor.enabled", true)
                .set("metrics.podMonitor.enabled", true)
                .set("metrics.prometheusRule.enabled", true)
                .set("keda.enabled", true)
                .set("keda.maxReplicas", 6)
                .set("extraEnv.NEWSFLOW_DEDUP_RETENTION", "P3D"));
        assertThat(kinds(objects)).contains("ServiceMonitor", "PodMonitor", "PrometheusRule", "ScaledObject");

        assertThat(only(objects, "ServiceMonitor").at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(only(objects, "PodMonitor").at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("http");
        JsonNode rules = only(objects, "PrometheusRule").at("/spec/groups/0/rules");
        assertThat(rules.findValuesAsText("alert")).contains("NewsflowNotRunning", "NewsflowConsumerLagHigh",
                "NewsflowDeadLettersHigh", "NewsflowStreamThreadsFailed", "NewsflowDown", "NewsflowPodDown",
                "NewsflowNoProgress", "NewsflowRebalanceStorm", "NewsflowWaitingOnAnOutage");
        assertThat(rules.findValuesAsText("expr")).anySatisfy(expr -> assertThat(expr).startsWith("absent(up{"));

        JsonNode scaled = only(objects, "ScaledObject");
        assertThat(scaled.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("StatefulSet");
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isEqualTo(6);
        assertThat(scaled.at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("newsflow");
        assertThat(scaled.at("/spec/triggers/0/metadata/topic").asText()).isEqualTo("pages.raw");
        assertThat(scaled.at("/spec/triggers/1/metadata/topic").asText()).isEqualTo("newsflow-tag-input-repartition");
        // KEDA owns the replica count
        assertThat(only(objects, "StatefulSet").has("spec") && only(objects, "StatefulSet").path("spec").has("replicas")).isFalse();
        assertThat(only(objects, "ConfigMap").at("/data/NEWSFLOW_DEDUP_RETENTION").asText()).isEqualTo("P3D");
    }

    @Test
    void aSecuredClusterGetsItsCredentialsFromSecretsAndNothingSecretInTheConfigMap() throws IOException {
        List<JsonNode> objects = render(template().withValuesFile(Path.of("helm/examples/secured-cluster.yaml")));
        assertThat(kinds(objects)).contains("ServiceAccount");
        JsonNode config = only(objects, "ConfigMap").path("data");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PEM");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText()).isEqualTo("/etc/newsflow/kafka-ca/ca.crt");
        assertThat(config.path("KAFKA_NUM_STANDBY_REPLICAS").asText()).isEqualTo("1");
        config.fieldNames().forEachRemaining(name -> assertThat(name).doesNotContain("JAAS", "PASSWORD", "USER_INFO"));

        JsonNode pod = only(objects, "StatefulSet").at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(secretRef(container, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo("newsflow-kafka/sasl.jaas.config");
        assertThat(secretRef(container, "NEWSFLOW_REGISTRY_BASIC_AUTH_USER_INFO")).isEqualTo("newsflow-registry/userInfo");
        assertThat(container.findValuesAsText("mountPath")).contains("/etc/newsflow/kafka-ca");
        assertThat(pod.findValuesAsText("secretName")).contains("my-cluster-cluster-ca-cert", "registry-ca");
        assertThat(config.path("NEWSFLOW_REGISTRY_SSL_TRUSTSTORE_LOCATION").asText())
                .isEqualTo("/etc/newsflow/registry-ca/ca.crt");
        JsonNode policy = only(objects, "NetworkPolicy");
        assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
        assertThat(policy.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels").toString()).contains("monitoring");
        assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("news-newsflow");

        // Pod Security "restricted"
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");

        // KEDA reads the lag from the same cluster with the same Secrets
        JsonNode auth = only(objects, "TriggerAuthentication");
        assertThat(auth.at("/spec/secretTargetRef").findValuesAsText("parameter")).containsExactly("username", "password", "ca");
        JsonNode trigger = only(objects, "ScaledObject").at("/spec/triggers/1");
        assertThat(trigger.at("/metadata/sasl").asText()).isEqualTo("scram_sha512");
        assertThat(trigger.at("/metadata/tls").asText()).isEqualTo("enable");
        assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo("news-newsflow");
    }

    @Test
    void theResetJobRunsTheResetCommandWithTheApplicationsSettingsAndSecrets() throws IOException {
        List<JsonNode> objects = render(template().withValuesFile(Path.of("helm/examples/secured-cluster.yaml"))
                .set("reset.enabled", true));
        JsonNode job = only(objects, "Job");
        assertThat(job.at("/metadata/name").asText()).isEqualTo("news-newsflow-reset-1");
        JsonNode container = job.at("/spec/template/spec/containers/0");
        assertThat(container.at("/args").toString()).isEqualTo("[\"reset\",\"--yes\"]");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("news-newsflow");
        assertThat(secretRef(container, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo("newsflow-kafka/sasl.jaas.config");
        assertThat(container.findValuesAsText("mountPath")).contains("/etc/newsflow/kafka-ca");
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(kinds(render(required()))).doesNotContain("Job");
    }

    @Test
    void secretsWrittenIntoTheConfigMapFailTheRender() {
        assertThatThrownBy(() -> required().set("kafka.config.sasl\\.jaas\\.config", "x required password=y;").call())
                .hasMessageContaining("looks secret");
        assertThatThrownBy(() -> required().set("extraEnv.KAFKA_SSL_KEYSTORE_PASSWORD", "changeit").call())
                .hasMessageContaining("looks secret");
    }

    @Test
    void schemaRejectsUnknownKeys() {
        assertThatThrownBy(() -> required().set("replica", 3).call()).hasMessageContaining("replica");
        assertThatThrownBy(() -> required().set("kafka.bootstrapServer", "kafka:9092").call())
                .hasMessageContaining("bootstrapServer");
        assertThatThrownBy(() -> required().set("metrics.prometheusRule.enable", true).call())
                .hasMessageContaining("enable");
    }

    @Test
    void schemaRejectsValuesOfTheWrongShape() {
        assertThatThrownBy(() -> required().set("replicas", "many").call()).hasMessageContaining("replicas");
        assertThatThrownBy(() -> required().set("extraEnv.JAVA_HOME", "/x").call()).hasMessageContaining("JAVA_HOME");
    }

    private TemplateCommand template() {
        return new Helm(CHART).template().withName("news");
    }

    private TemplateCommand required() {
        return template().set("kafka.bootstrapServers", "kafka:9092")
                .set("registry.url", "http://registry:8080/apis/ccompat/v7");
    }

    private static List<JsonNode> render(TemplateCommand command) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(command.call())) {
            for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        }
        return objects;
    }

    private static List<String> kinds(List<JsonNode> objects) {
        return objects.stream().map(o -> o.path("kind").asText()).toList();
    }

    private static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> matching = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    private static String secretRef(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                JsonNode ref = e.at("/valueFrom/secretKeyRef");
                return ref.path("name").asText() + "/" + ref.path("key").asText();
            }
        }
        return "none";
    }

    private static Optional<String> env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return Optional.of(e.path("value").asText());
            }
        }
        return Optional.empty();
    }

}
