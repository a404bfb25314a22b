package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.StartupFailure;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.testing.PrivateCa;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a broker that only speaks SASL_SSL, with certificates from a private CA made for the
 * test: the application trusts the CA through a PEM file and logs in with credentials read from a file,
 * as the Helm chart mounts and passes them; every client it builds (Streams, admin for the topics, the
 * knowledge-base seeder, producers and consumers) gets through. A wrong password stops the start with one
 * line.
 */
class SecuredClusterIT {
    private static final String USER = "newsflow";
    private static final String SECRET = "newsflow-broker-secret";

    @TempDir
    Path work;

    @Test
    void thePipelineRunsOverSaslSslWithAPrivateCaAndAWrongPasswordStopsTheStart() throws Exception {
        PrivateCa ca = PrivateCa.create(Files.createDirectories(work.resolve("ca")));
        try (KafkaClusterTestKit cluster = saslSslCluster(ca)) {
            // what the chart mounts: the cluster CA from one Secret, the JAAS line from another
            Path jaas = Files.writeString(work.resolve("sasl.jaas.config"), jaas(USER, SECRET));
            NewsflowConfig config = config(cluster, ca, "secured", Files.readString(jaas));
            AvroSerdes serdes = AvroSerdes.from(config);
            Topics topics = Topics.from(config, serdes);
            List<Path> pages = SamplePages.originals().subList(0, 3);
            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
                PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class),
                        pages);
                outputs.awaitTotal(pages.size(), Duration.ofSeconds(120), n -> { });
                assertThat(outputs.enriched()).hasSize(pages.size());
                assertThat(outputs.enriched()).allSatisfy(a -> assertThat(a.getEntities()).isNotEmpty());
                assertThat(outputs.deadLetters()).isEmpty();
            }

            NewsflowConfig wrongPassword = config(cluster, ca, "secured-wrong", jaas(USER, "not-the-password"));
            long start = System.nanoTime();
            assertThatThrownBy(() -> NewsflowApp.start(wrongPassword).close())
                    .isInstanceOf(StartupFailure.class)
                    .hasMessageStartingWith("the brokers at " + cluster.bootstrapServers() + " refused this client:")
                    .hasMessageContaining("Invalid username or password");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private NewsflowConfig config(KafkaClusterTestKit cluster, PrivateCa ca, String name, String jaasLine) {
        Map<String, String> secured = new HashMap<>();
        secured.put("kafka.security.protocol", "SASL_SSL");
        secured.put("kafka.sasl.mechanism", "PLAIN");
        secured.put("kafka.sasl.jaas.config", jaasLine);
        secured.put("kafka.ssl.truststore.type", "PEM");
        secured.put("kafka.ssl.truststore.location", ca.caPem().toString());
        secured.put("kafka.replication.factor", "1");
        secured.put("newsflow.topics.replication", "1");
        try {
            return NewsflowConfig.withOverrides(TestApps.settings(cluster.bootstrapServers(),
                    RealInfrastructure.shared().registryUrl(), name, work.resolve("state-" + name), secured));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** One combined node whose client listener is SASL_SSL only (PLAIN over TLS), the controller's kept local. */
    private static KafkaClusterTestKit saslSslCluster(PrivateCa ca) throws Exception {
        String listener = "listener.name.external.";
        Map<String, String> settings = new HashMap<>();
        // the test kit configures PLAINTEXT and SASL_PLAINTEXT only: its client listener made SASL_SSL here
        settings.put("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT");
        settings.put("sasl.enabled.mechanisms", "PLAIN");
        settings.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        settings.put(listener + "sasl.enabled.mechanisms", "PLAIN");
        settings.put(listener + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"broker\" password=\"broker-secret\" user_broker=\"broker-secret\" user_" + USER
                + "=\"" + SECRET + "\";");
        settings.put(listener + "ssl.keystore.type", "PKCS12");
        settings.put(listener + "ssl.keystore.location", ca.serverKeyStore().toString());
        settings.put(listener + "ssl.keystore.password", PrivateCa.PASSWORD);
        settings.put(listener + "ssl.key.password", PrivateCa.PASSWORD);
        settings.put(listener + "ssl.truststore.type", "PKCS12");
        settings.put(listener + "ssl.truststore.location", ca.serverTrustStore().toString());
        settings.put(listener + "ssl.truststore.password", PrivateCa.PASSWORD);
        return RealInfrastructure.singleNodeCluster(settings);
    }
}
