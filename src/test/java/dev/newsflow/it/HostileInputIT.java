package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.stream.Sha256;
import dev.newsflow.testing.DeadLetters;
import dev.newsflow.testing.RawRecords;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SourceOutcomes;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted inputs that once stalled, looped or wrongly dead-lettered the pipeline, on the real
 * broker and registry, one partition, between good pages: every input is accounted for by its source
 * offset, the whole batch is through within the per-record budgets, bad records on the knowledge-base
 * topic are skipped while it keeps serving, and the probes answer while hostile clients hold the
 * operations port. (Registry outages and waiting for dependencies at start: {@link OutageIT}.)
 */
class HostileInputIT {
    private static final Duration OLD = Duration.ofDays(30);
    private static final String CHINESE = "外交部长周日表示，与华盛顿的会谈将恢复。";

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One input, its record timestamp, and what must become of it: ARTICLE, DUPLICATE or a dead letter's reason. */
    private record Case(String name, byte[] value, Instant timestamp, String expected) {
    }

    @Test
    void craftedInputsAreHandledWithinTheirBudgetsAndNothingIsLost() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = TestApps.config(infra, "hostile", stateDir, Map.of());
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        String raw = topics.pagesRaw().name();
        RegistryAvroSerde<RawPage> serde = serdes.forValues(RawPage.class);
        SyntheticPages synthetic = new SyntheticPages(60_000);
        Instant now = Instant.now();
        Instant monthAgo = now.minus(OLD);

        String oldStory = synthetic.html(17);
        String hugePage = synthetic.html(19) + "<!--" + "x".repeat(32 * 1024 * 1024 - 64 * 1024) + "-->";
        List<Case> cases = List.of(
                new Case("good page", serde.serialize(raw, synthetic.page(1, now)), now, "ARTICLE"),
                new Case("author meta of 1 MB of spaces", page(serde, raw, SyntheticPages.url(10), synthetic.html(10)
                        .replace("<head>", "<head><meta name=\"author\" content=\"" + " ".repeat(1_000_000) + "\">")),
                        now, "ARTICLE"),
                new Case("330,000 nested asides (4.7 MB)", page(serde, raw, SyntheticPages.url(11), synthetic.html(11)
                        .replace("</main>", "</main>" + "<aside>x y z ".repeat(330_000))), now, "ARTICLE"),
                new Case("4 MB of prose in one paragraph", page(serde, raw, SyntheticPages.url(12), synthetic.html(12)
                        .replace("</article>", "<p>" + "The council met again on Tuesday to argue about the budget. "
                                .repeat(68_000) + "</p></article>")), now, "ARTICLE"),
                new Case("raw page of 32 MiB", page(serde, raw, SyntheticPages.url(19), hugePage), now, "PAGE_TOO_LARGE"),
                new Case("empty URL, one story", page(serde, raw, "", SyntheticPages.withoutCanonical(synthetic.html(14))), now, "ARTICLE"),
                new Case("empty URL, another story", page(serde, raw, "", SyntheticPages.withoutCanonical(synthetic.html(15))), now,
                        "ARTICLE"),
                new Case("about:blank", page(serde, raw, "about:blank", SyntheticPages.withoutCanonical(synthetic.html(16))), now,
                        "ARTICLE"),
                new Case("javascript: URL", page(serde, raw, "javascript:alert(1)", synthetic.html(20)), now,
                        "SCRIPT_URL"),
                new Case("page stamped a month ago", page(serde, raw, SyntheticPages.url(17), oldStory), monthAgo,
                        "ARTICLE"),
                new Case("its copy, also a month old", page(serde, raw, "https://aggregator.example/copy-17", oldStory),
                        monthAgo.plusSeconds(60), "DUPLICATE"),
                new Case("UTF-8 page with one encoded surrogate", serde.serialize(raw, RawPage.newBuilder()
                        .setUrl(SyntheticPages.url(18)).setFetchedAt(now).setContentType("text/html")
                        .setBody(ByteBuffer.wrap(withOneSurrogate(synthetic.html(18)))).setCrawler("hostile-it").build()),
                        now, "ARTICLE"),
                new Case("good page after all that", serde.serialize(raw, synthetic.page(2, now)), now, "ARTICLE"));

        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            String ops = "http://127.0.0.1:" + app.httpPort();
            produceToKnowledgeBase(config, topics.entitiesKb().name(), cases.get(0).value());

            List<Socket> hostileClients = new ArrayList<>();
            try {
                for (int i = 0; i < 32; i++) {
                    Socket socket = new Socket("127.0.0.1", app.httpPort());
                    socket.getOutputStream().write("GET /li".getBytes(StandardCharsets.US_ASCII));
                    hostileClients.add(socket);
                }
                long start = System.nanoTime();
                Map<Long, Case> byOffset = produce(config, raw, cases);
                long slowestProbe = 0;
                while (outputs.total() < cases.size() && System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
                    long asked = System.nanoTime();
                    assertThat(status(ops + "/live")).as("/live while the crafted pages go through").isEqualTo(200);
                    slowestProbe = Math.max(slowestProbe, System.nanoTime() - asked);
                    outputs.awaitTotal(cases.size(), Duration.ofMillis(200), n -> { });
                }
                long took = System.nanoTime() - start;
                System.out.printf("%d crafted and good inputs accounted for in %.1f s; slowest /live beside %d stalled"
                        + " clients: %.0f ms%n", cases.size(), took / 1e9, hostileClients.size(), slowestProbe / 1e6);
                // behind a stalled client a probe would wait out that client's 10 s idle timeout
                assertThat(Duration.ofNanos(slowestProbe)).isLessThan(Duration.ofSeconds(5));
                // every record inside its budget is asserted by the outcomes: none is a PROCESSING_TIMEOUT

                outputs.awaitTotal(cases.size() + 1, Duration.ofSeconds(3), n -> { });
                assertThat(outputs.total()).as("one output per input").isEqualTo(cases.size());
                assertOutcomes(byOffset, outputs);
                assertThat(status(ops + "/ready")).isEqualTo(200);
            } finally {
                for (Socket socket : hostileClients) {
                    socket.close();
                }
            }

            EnrichedArticle chinese = outputs.enriched().stream()
                    .filter(a -> a.getArticle().getUrl().equals(SyntheticPages.url(18))).findFirst().orElseThrow();
            assertThat(chinese.getArticle().getParagraphs()).anySatisfy(p -> assertThat(p.toString())
                    .startsWith(CHINESE + "\uFFFD"));
            DeadLetter huge = outputs.deadLetters().stream().filter(d -> d.getReason().equals("PAGE_TOO_LARGE"))
                    .findFirst().orElseThrow();
            byte[] hugeRecord = cases.get(4).value();
            assertThat(huge.getValueTruncated()).isTrue();
            assertThat(huge.getValueLength()).isEqualTo(hugeRecord.length);
            assertThat(huge.getValueSha256()).isEqualTo(Sha256.hex(hugeRecord));
            byte[] prefix = DeadLetters.originalBytes(huge);
            assertThat(prefix.length).isLessThan(hugeRecord.length);
            assertThat(java.util.Arrays.equals(prefix, 0, prefix.length, hugeRecord, 0, prefix.length)).isTrue();

            // the knowledge base skipped its two bad records and still links names
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            String metrics = get(ops + "/metrics").body();
            assertThat(metrics).contains("newsflow_knowledge_records_skipped_total{reason=\"WRONG_MAGIC_BYTE\"} 1.0",
                    "newsflow_knowledge_records_skipped_total{reason=\"CORRUPT_AVRO\"} 1.0");
            assertThat(outputs.enriched()).anySatisfy(a -> assertThat(a.getEntities())
                    .anySatisfy(e -> assertThat(e.getKbId()).isNotNull()));
        }
    }

    private static void assertOutcomes(Map<Long, Case> byOffset, OutputCollector outputs) {
        Map<String, String> expected = new LinkedHashMap<>();
        byOffset.forEach((offset, c) -> expected.put(SourceOutcomes.key(0, offset), c.expected()));
        assertThat(SourceOutcomes.of(outputs)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** JSON typed by hand, and another producer's Avro record: neither is a knowledge entity. */
    private static void produceToKnowledgeBase(NewsflowConfig config, String topic, byte[] otherAvro) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ClientProperties.producer(
                config.kafkaProperties()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "Q-typo".getBytes(StandardCharsets.UTF_8),
                    "{\"name\": \"not avro\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, "Q-page".getBytes(StandardCharsets.UTF_8), otherAvro)).get();
        }
    }

    private static Map<Long, Case> produce(NewsflowConfig config, String topic, List<Case> cases) throws Exception {
        List<Long> offsets = RawRecords.produce(config, cases.stream().map(c -> new ProducerRecord<>(topic, 0,
                c.timestamp().toEpochMilli(), c.name().getBytes(StandardCharsets.UTF_8), c.value())).toList());
        Map<Long, Case> byOffset = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            byOffset.put(offsets.get(i), cases.get(i));
        }
        return byOffset;
    }

    private static byte[] page(RegistryAvroSerde<RawPage> serde, String topic, String url, String html) {
        return serde.serialize(topic, SyntheticPages.rawPage(url, html.getBytes(StandardCharsets.UTF_8), null, "hostile-it"));
    }

    /** No charset declared anywhere, a Chinese sentence, and one UTF-16 surrogate encoded as UTF-8 after it. */
    private static byte[] withOneSurrogate(String html) {
        String page = html.replace("<meta charset=\"utf-8\">", "").replaceFirst("</p><p>", "</p><p>" + CHINESE);
        int cut = page.indexOf(CHINESE) + CHINESE.length();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(page.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        bytes.writeBytes(page.substring(cut).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
