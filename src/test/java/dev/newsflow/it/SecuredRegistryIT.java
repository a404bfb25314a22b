package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.StartupFailure;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.FreePorts;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.cli.PageProducer;
import dev.newsflow.testing.CuttableProxy;
import dev.newsflow.testing.PrivateCa;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry over HTTPS with a certificate from a private CA (the real Apicurio behind a TLS
 * endpoint made for the test): with the CA's PEM file named, the pipeline runs; without it, the start
 * fails at once with one line saying the certificate is not trusted.
 */
class SecuredRegistryIT {
    @TempDir
    Path work;

    @Test
    void theRegistryIsReachedOverHttpsTrustingAPrivateCa() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        PrivateCa ca = PrivateCa.create(Files.createDirectories(work.resolve("ca")));
        URI real = URI.create(infra.registryUrl());
        try (CuttableProxy https = new CuttableProxy(FreePorts.next(), real.getHost(), real.getPort(),
                Optional.of(ca.serverContext()))) {
            https.restore();
            String url = "https://localhost:" + https.port() + real.getPath();
            NewsflowConfig config = TestApps.config(infra, "registry-tls", work.resolve("state"), Map.of(
                    "newsflow.registry.url", url,
                    "newsflow.registry.ssl.truststore.location", ca.caPem().toString(),
                    "newsflow.registry.ssl.truststore.type", "PEM"));
            AvroSerdes serdes = AvroSerdes.from(config);
            Topics topics = Topics.from(config, serdes);
            List<Path> pages = SamplePages.originals().subList(0, 2);
            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                PageProducer.produce(config.kafkaProperties(), topics.pagesRaw().name(), serdes.forValues(RawPage.class),
                        pages);
                outputs.awaitTotal(pages.size(), Duration.ofSeconds(60), n -> { });
                assertThat(outputs.enriched()).hasSize(pages.size());
            }

            NewsflowConfig untrusting = TestApps.config(infra, "registry-untrusted", work.resolve("state-2"),
                    Map.of("newsflow.registry.url", url));
            long start = System.nanoTime();
            assertThatThrownBy(() -> NewsflowApp.start(untrusting).close())
                    .isInstanceOf(StartupFailure.class)
                    .hasMessageStartingWith("the schema registry at " + url + " presented a certificate this instance"
                            + " does not trust")
                    .hasMessageContaining("newsflow.registry.ssl.truststore.location");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no waiting for what waiting cannot fix")
                    .isLessThan(Duration.ofSeconds(20));
        }
    }
}
