package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.EntityType;
import dev.newsflow.avro.KnowledgeEntity;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.FreePorts;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.testing.Compression;
import dev.newsflow.testing.CuttableProxy;
import dev.newsflow.testing.RawRecords;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SchemaEdits;
import dev.newsflow.testing.SourceOutcomes;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round three of crafted records, on the real broker and registry: headers that would make an
 * internal record too large or leak a crawler's cookies, canonical URLs that claim another site's
 * story, compressed bodies, and registry faults on the paths the stream threads' outage handling
 * did not cover (the knowledge-base thread, a black-holed registry, an output's first schema).
 * Every input is accounted for by its source partition and offset.
 */
class HostileRecordsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One input and what must become of it: ARTICLE, DUPLICATE or a dead letter's reason. */
    private record Case(String name, byte[] value, RecordHeaders headers, String expected) {
        Case(String name, byte[] value, String expected) {
            this(name, value, new RecordHeaders(), expected);
        }
    }

    @Test
    void headersCanonicalClaimsAndCompressedBodiesEndAsTheyShouldAndNoHeaderTravels() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = TestApps.config(infra, "hostile-records", stateDir, Map.of());
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        String raw = topics.pagesRaw().name();
        RegistryAvroSerde<RawPage> serde = serdes.forValues(RawPage.class);
        SyntheticPages synthetic = new SyntheticPages(30_000);
        String victim1 = "https://www.victim.example.com/2026/story-1";
        String victim2 = "https://www.victim.example.com/2026/story-2";

        RecordHeaders hugeHeader = new RecordHeaders();
        hugeHeader.add("x-crawl-trace", "x".repeat(34 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII));
        RecordHeaders manyHeaders = new RecordHeaders();
        manyHeaders.add("x-crawler-cookie", "session=s3cr3t".getBytes(StandardCharsets.UTF_8));
        manyHeaders.add("x-junk", new byte[1024 * 1024]);
        for (int i = 0; i < 2_000; i++) {
            manyHeaders.add("x-h" + i, ("value " + i).getBytes(StandardCharsets.UTF_8));
        }
        List<Case> cases = List.of(
                new Case("spam claiming the victim's URL as canonical", page(serde, raw, "https://spam.example.net/a",
                        synthetic.html(31).replace(SyntheticPages.url(31), victim1), null), "ARTICLE"),
                new Case("the victim's story, no canonical tag", page(serde, raw, victim1,
                        SyntheticPages.withoutCanonical(synthetic.html(32)), null), "ARTICLE"),
                new Case("spam claiming the victim's URL in og:url", page(serde, raw, "https://spam.example.net/b",
                        SyntheticPages.withoutCanonical(synthetic.html(33)).replace("<head>",
                                "<head><meta property=\"og:url\" content=\"" + victim2 + "\">"), null), "ARTICLE"),
                new Case("the victim's story with its canonical tag", page(serde, raw, victim2,
                        synthetic.html(34).replace(SyntheticPages.url(34), victim2), null), "ARTICLE"),
                new Case("the victim's story re-crawled with utm tags", page(serde, raw, victim2 + "?utm_source=feed",
                        synthetic.html(34).replace(SyntheticPages.url(34), victim2), null), "DUPLICATE"),
                new Case("a page with a 34 MiB header", serde.serialize(raw, synthetic.page(35, Instant.now())),
                        hugeHeader, "ARTICLE"),
                new Case("a page with a cookie, 1 MiB and 2,000 headers",
                        serde.serialize(raw, synthetic.page(36, Instant.now())), manyHeaders, "ARTICLE"),
                new Case("a gzip body, said in a header", page(serde, raw, SyntheticPages.url(37), Compression.gzip(synthetic.html(37)
                        .getBytes(StandardCharsets.UTF_8)), null), encodingHeader("gzip"), "ARTICLE"),
                new Case("a deflate body, said in the page", page(serde, raw, SyntheticPages.url(38), Compression.deflate(synthetic
                        .html(38).getBytes(StandardCharsets.UTF_8), false), "deflate"), "ARTICLE"),
                new Case("a brotli body, said in a header", page(serde, raw, "https://council.example.org/budget",
                        Files.readAllBytes(Path.of("src/test/resources/encoding/page.html.br")), null),
                        encodingHeader("br"), "ARTICLE"),
                new Case("a gzip bomb of 64 MiB", page(serde, raw, SyntheticPages.url(39), Compression.gzip(new byte[64 << 20]), "gzip"),
                        "PAGE_TOO_LARGE"),
                new Case("a good page after all that", serde.serialize(raw, synthetic.page(40, Instant.now())),
                        "ARTICLE"));

        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            Map<String, String> expected = produce(config, raw, cases);
            outputs.awaitTotal(cases.size(), PATIENCE, n -> { });
            outputs.awaitTotal(cases.size() + 1, Duration.ofSeconds(3), n -> { });

            assertThat(SourceOutcomes.of(outputs)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(outputs.headersSeen()).as("headers on the outputs").isZero();
            EnrichedArticle spam = outputs.enriched().stream()
                    .filter(a -> a.getArticle().getUrl().equals("https://spam.example.net/a")).findFirst().orElseThrow();
            assertThat(spam.getArticle().getCanonicalUrl()).isEqualTo("https://spam.example.net/a");
            assertThat(spam.getArticle().getSite()).isEqualTo("spam.example.net");
            EnrichedArticle brotli = outputs.enriched().stream()
                    .filter(a -> a.getArticle().getUrl().equals("https://council.example.org/budget")).findFirst()
                    .orElseThrow();
            assertThat(brotli.getArticle().getTitle()).isEqualTo("Council passes the budget after a long night");
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(status("http://127.0.0.1:" + app.httpPort() + "/ready")).isEqualTo(200);
        }
    }

    @Test
    void aKnowledgeBaseUpdateWaitsThroughARegistryRestartInsteadOfKillingTheInstance() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        try (CuttableProxy proxy = proxyTo(infra)) {
            NewsflowConfig config = configBehind(proxy, infra, "kb-registry-restart");
            AvroSerdes serdes = AvroSerdes.from(config);
            Topics topics = Topics.from(config, serdes);
            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                String ops = "http://127.0.0.1:" + app.httpPort();
                SchemaRegistryClient direct = new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl()));
                String kb = topics.entitiesKb().name();
                Schema v2 = SchemaEdits.withOptionalString(KnowledgeEntity.getClassSchema(), "curatorNote");
                int id = direct.register(kb + "-value", v2);

                proxy.cut(); // connections refused, as while the registry restarts
                KnowledgeEntity entity = KnowledgeEntity.newBuilder().setId("org:kalovo-works").setName("Kalovo Works")
                        .setType(EntityType.ORGANIZATION).setAliases(List.of()).build();
                RawRecords.produce(config, List.of(new ProducerRecord<>(kb, "org:kalovo-works"
                        .getBytes(StandardCharsets.UTF_8), SchemaEdits.wire(id, v2, entity))));
                awaitBody(ops + "/ready", 503, "the knowledge-base thread is waiting");
                for (int i = 0; i < 16; i++) {
                    assertThat(app.streams().state()).as("after %d ms without the registry", i * 500)
                            .isEqualTo(KafkaStreams.State.RUNNING);
                    assertThat(status(ops + "/live")).isEqualTo(200);
                    Thread.sleep(500);
                }

                proxy.restore();
                awaitBody(ops + "/ready", 200, "RUNNING");
                String raw = topics.pagesRaw().name();
                List<Long> offsets = RawRecords.produce(config, List.of(new ProducerRecord<>(raw, 0, null,
                        serdes.forValues(RawPage.class).serialize(raw, new SyntheticPages(20_000).page(41, Instant.now())))));
                outputs.awaitTotal(1, PATIENCE, n -> { });
                outputs.awaitTotal(2, Duration.ofSeconds(3), n -> { });
                assertThat(SourceOutcomes.of(outputs)).containsExactlyEntriesOf(articles(offsets));
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    @Test
    void aBlackHoledRegistryMakesTheInstanceUnreadyButNeverUnlive() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        try (CuttableProxy proxy = proxyTo(infra)) {
            NewsflowConfig config = configBehind(proxy, infra, "registry-black-hole");
            AvroSerdes serdes = AvroSerdes.from(config);
            Topics topics = Topics.from(config, serdes);
            String raw = topics.pagesRaw().name();
            SyntheticPages synthetic = new SyntheticPages(20_000);
            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                String ops = "http://127.0.0.1:" + app.httpPort();
                List<Long> offsets = new ArrayList<>(RawRecords.produce(config, List.of(new ProducerRecord<>(raw, 0, null,
                        serdes.forValues(RawPage.class).serialize(raw, synthetic.page(42, Instant.now()))))));
                outputs.awaitTotal(1, PATIENCE, n -> { });

                SchemaRegistryClient direct = new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl()));
                Schema v2 = SchemaEdits.withOptionalString(RawPage.getClassSchema(), "crawlRegion");
                int id = direct.register(raw + "-value", v2);
                proxy.blackHole();
                List<ProducerRecord<byte[], byte[]>> waiting = new ArrayList<>();
                for (int n = 43; n <= 44; n++) {
                    waiting.add(new ProducerRecord<>(raw, 0, null, SchemaEdits.wire(id, v2, synthetic.page(n, Instant.now()))));
                }
                offsets.addAll(RawRecords.produce(config, waiting));
                awaitBody(ops + "/ready", 503, "waiting");
                // /live fails once a thread holds one record for 30 s: a registry that never answers must not do that
                long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (System.nanoTime() < until) {
                    HttpResponse<String> live = get(ops + "/live");
                    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
                    Thread.sleep(500);
                }
                assertThat(outputs.total()).as("nothing comes out, and nothing is dead-lettered").isEqualTo(1);

                proxy.restore();
                outputs.awaitTotal(3, PATIENCE, n -> { });
                outputs.awaitTotal(4, Duration.ofSeconds(3), n -> { });
                assertThat(SourceOutcomes.of(outputs)).containsExactlyInAnyOrderEntriesOf(articles(offsets));
                awaitBody(ops + "/ready", 200, "RUNNING");
            }
        }
    }

    @Test
    void aDeadLetterIsCountedOnceThoughItsTransactionAbortedBeforeItCommitted() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        try (CuttableProxy proxy = proxyTo(infra)) {
            NewsflowConfig config = configBehind(proxy, infra, "counted-on-commit");
            Topics topics = Topics.from(config, AvroSerdes.from(config));
            try (NewsflowApp app = NewsflowApp.start(config);
                 OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
                assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
                String ops = "http://127.0.0.1:" + app.httpPort();
                // the first dead letter needs its schema's id from the registry, which refuses: the transaction
                // that holds it aborts, again and again, until the registry is back
                proxy.cut();
                long offset = RawRecords.produce(config, List.of(new ProducerRecord<>(topics.pagesRaw().name(), 0, null,
                        "{\"url\": \"typed by hand\"}".getBytes(StandardCharsets.UTF_8)))).get(0);
                awaitBody(ops + "/ready", 503, "waiting");
                Thread.sleep(8_000);
                assertThat(outputs.total()).isZero();

                proxy.restore();
                outputs.awaitTotal(1, PATIENCE, n -> { });
                outputs.awaitTotal(2, Duration.ofSeconds(3), n -> { });
                assertThat(SourceOutcomes.of(outputs)).containsExactlyEntriesOf(
                        Map.of(SourceOutcomes.key(0, offset), "WRONG_MAGIC_BYTE"));
                assertThat(get(ops + "/metrics").body()).as("counted once, as it exists once").contains(
                        "newsflow_dead_letters_total{reason=\"WRONG_MAGIC_BYTE\",stage=\"decode\"} 1.0",
                        "newsflow_stage_records_total{outcome=\"failed\",stage=\"decode\"} 1.0");
                assertThat(get(ops + "/metrics").body()).contains("newsflow_stream_thread_replacements_total{cause=\"outage\"}");
            }
        }
    }

    /**
     * One stream thread, six raw partitions, two costly pages on each (about half a second of cleaning):
     * one pass over the tasks takes seconds, far past a transaction timeout of one second. Sent as they
     * were made, the first page's records started the broker's clock and the coordinator aborted the
     * transaction; sent at commit, the transaction lasts as long as its commit. No transaction fails,
     * and every page is cleaned once.
     */
    @Test
    void budgetsThatAddUpPastTheTransactionTimeoutNeverAbortATransaction() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        int partitions = 6;
        NewsflowConfig config = TestApps.config(infra, "long-transactions", stateDir, Map.of(
                "newsflow.topics.partitions", String.valueOf(partitions),
                "kafka.transaction.timeout.ms", "1000"));
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        String raw = topics.pagesRaw().name();
        RegistryAvroSerde<RawPage> serde = serdes.forValues(RawPage.class);
        SyntheticPages synthetic = new SyntheticPages(20_000);
        List<ProducerRecord<byte[], byte[]>> pages = new ArrayList<>();
        for (int i = 0; i < 2 * partitions; i++) {
            String costly = synthetic.html(50 + i).replace("</main>", "</main>" + "<aside>x y z ".repeat(330_000));
            pages.add(new ProducerRecord<>(raw, i % partitions, null, page(serde, raw, SyntheticPages.url(50 + i), costly, null)));
        }
        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            List<Long> offsets = RawRecords.produce(config, pages);
            outputs.awaitTotal(pages.size(), PATIENCE, n -> { });
            outputs.awaitTotal(pages.size() + 1, Duration.ofSeconds(3), n -> { });

            Map<String, String> expected = new LinkedHashMap<>();
            for (int i = 0; i < pages.size(); i++) {
                expected.put(SourceOutcomes.key(pages.get(i).partition(), offsets.get(i)), "ARTICLE");
            }
            assertThat(SourceOutcomes.of(outputs)).containsExactlyInAnyOrderEntriesOf(expected);
            String metrics = get("http://127.0.0.1:" + app.httpPort() + "/metrics").body();
            assertThat(metrics).contains("newsflow_transactions_total{outcome=\"failed\"} 0.0",
                    "newsflow_transactions_total{outcome=\"aborted\"} 0.0",
                    "newsflow_stage_records_total{outcome=\"ok\",stage=\"clean\"} " + pages.size() + ".0")
                    .doesNotContain("newsflow_stream_thread_replacements_total");
        }
    }

    private Map<String, String> produce(NewsflowConfig config, String topic, List<Case> cases) throws Exception {
        var props = ClientProperties.producer(config.kafkaProperties());
        // a crawler's producer that takes a 34 MiB header: lz4 shrinks the batch below the broker's limit
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(64 << 20));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(256L << 20));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        List<Long> offsets = RawRecords.produce(props, cases.stream().map(c -> new ProducerRecord<>(topic, 0, null,
                c.name().getBytes(StandardCharsets.UTF_8), c.value(), c.headers())).toList());
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            expected.put(SourceOutcomes.key(0, offsets.get(i)), cases.get(i).expected());
        }
        return expected;
    }

    /** Every one of these partition-0 offsets an article, and nothing else. */
    private static Map<String, String> articles(List<Long> offsets) {
        Map<String, String> expected = new LinkedHashMap<>();
        offsets.forEach(offset -> expected.put(SourceOutcomes.key(0, offset), "ARTICLE"));
        return expected;
    }

    private static byte[] page(RegistryAvroSerde<RawPage> serde, String topic, String url, String html, String encoding) {
        return page(serde, topic, url, html.getBytes(StandardCharsets.UTF_8), encoding);
    }

    private static byte[] page(RegistryAvroSerde<RawPage> serde, String topic, String url, byte[] body, String encoding) {
        return serde.serialize(topic, SyntheticPages.rawPage(url, body, encoding, "hostile-records-it"));
    }

    private static RecordHeaders encodingHeader(String encoding) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("Content-Encoding", encoding.getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    private static CuttableProxy proxyTo(RealInfrastructure infra) throws Exception {
        URI real = URI.create(infra.registryUrl());
        CuttableProxy proxy = new CuttableProxy(FreePorts.next(), real.getHost(), real.getPort());
        proxy.restore();
        return proxy;
    }

    /** An application of its own that reaches the registry through the proxy the test cuts. */
    private NewsflowConfig configBehind(CuttableProxy proxy, RealInfrastructure infra, String name) {
        return TestApps.config(infra, name, stateDir, Map.of("newsflow.registry.url",
                "http://127.0.0.1:" + proxy.port() + URI.create(infra.registryUrl()).getPath()));
    }

    private void awaitBody(String url, int status, String bodyPart) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(url);
            if (last.statusCode() == status && last.body().contains(bodyPart)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " never answered " + status + " with \"" + bodyPart + "\"; last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    private int status(String url) throws Exception {
        return get(url).statusCode();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
