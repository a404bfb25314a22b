package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.testing.DeadLetters;
import dev.newsflow.testing.RawRecords;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SamplePages;
import dev.newsflow.testing.SyntheticPages;
import dev.newsflow.testing.TestApps;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input on the real broker and registry lands on the dead-letter topic with a
 * reason and its exact bytes, between good pages that still come out; the application stays
 * RUNNING and every input record is accounted for.
 */
class BadInputIT {
    @TempDir
    Path stateDir;

    /** One input record and what must become of it: a dead letter with this reason, or (null) an article. */
    private record Case(String name, byte[] key, byte[] value, String expectedReason) {
    }

    @Test
    void everyKindOfBadInputIsDeadLetteredWithItsBytesAndTheStreamKeepsRunning() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        NewsflowConfig config = TestApps.config(infra, "bad-input", stateDir, Map.of());
        AvroSerdes serdes = AvroSerdes.from(config);
        Topics topics = Topics.from(config, serdes);
        String raw = topics.pagesRaw().name();
        RegistryAvroSerde<RawPage> serde = serdes.forValues(RawPage.class);
        SyntheticPages synthetic = new SyntheticPages(60_000);
        Instant now = Instant.now();

        byte[] valid = serde.serialize(raw, synthetic.page(1, now));
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 7;
        String deepJunk = "<html><body>" + "<div>".repeat(200_000) + "x" + "</div>".repeat(200_000) + "</body></html>";
        String deepArticle = synthetic.html(5).replace("<article>", "<article>" + "<div>".repeat(50_000))
                .replace("</article>", "</div>".repeat(50_000) + "</article>");

        List<Case> cases = List.of(
                new Case("good page", key("good-1"), valid, null),
                new Case("corrupt Avro", key("corrupt"), SamplePages.corruptAvro(valid), "CORRUPT_AVRO"),
                new Case("unknown schema id", key("unknown-id"), SamplePages.unknownSchemaId(valid), "UNKNOWN_SCHEMA_ID"),
                new Case("wrong magic byte", key("magic"), wrongMagic, "WRONG_MAGIC_BYTE"),
                new Case("empty value", key("empty"), new byte[0], "EMPTY_VALUE"),
                new Case("null value, null key", null, null, "EMPTY_VALUE"),
                new Case("binary garbage as HTML", key("binary"), serde.serialize(raw, SamplePages.binaryPage(0)), "NOT_HTML"),
                new Case("PDF", key("pdf"), serde.serialize(raw, page("https://x.example/a.pdf", "application/pdf",
                        "%PDF-1.7 binary".getBytes(StandardCharsets.ISO_8859_1))), "NOT_HTML"),
                new Case("empty body", key("empty-body"), serde.serialize(raw, page("https://x.example/empty",
                        "text/html", new byte[0])), "EMPTY_PAGE"),
                new Case("20 MB page", key("huge"), serde.serialize(raw, page("https://x.example/huge", "text/html",
                        synthetic.html(2).repeat(340).getBytes(StandardCharsets.UTF_8))), "PAGE_TOO_LARGE"),
                new Case("deeply nested junk", key("deep-junk"), serde.serialize(raw, page("https://x.example/deep",
                        "text/html", deepJunk.getBytes(StandardCharsets.UTF_8))), "NOT_AN_ARTICLE"),
                new Case("wrong charset", key("charset"), serde.serialize(raw, page(SyntheticPages.url(3),
                        "text/html; charset=utf-16le", synthetic.html(3).getBytes(StandardCharsets.UTF_8))), "WRONG_CHARSET"),
                new Case("not an article", key("contact"), serde.serialize(raw, SamplePages.page(
                        SamplePages.DIR.resolve("22-contact-page.html"), 0)), "NOT_AN_ARTICLE"),
                // not errors: a crawler that sets no key, a deep but real article, a page without charset
                new Case("good page, null key", null, serde.serialize(raw, synthetic.page(4, now)), null),
                new Case("deeply nested article", key("deep-article"), serde.serialize(raw, page(SyntheticPages.url(5),
                        "text/html", deepArticle.getBytes(StandardCharsets.UTF_8))), null),
                new Case("no charset anywhere", key("no-charset"), serde.serialize(raw, page(SyntheticPages.url(6),
                        "text/html", synthetic.html(6).replace("<meta charset=\"utf-8\">", "")
                                .getBytes(StandardCharsets.UTF_8))), null),
                new Case("good page after all that", key("good-2"), serde.serialize(raw, synthetic.page(7, now)), null));

        try (NewsflowApp app = NewsflowApp.start(config);
             OutputCollector outputs = new OutputCollector(config.kafkaProperties(), topics)) {
            assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
            Map<Long, Case> byOffset = produce(config, raw, cases);

            outputs.awaitTotal(cases.size(), Duration.ofSeconds(120), n -> { });
            outputs.awaitTotal(cases.size() + 1, Duration.ofSeconds(3), n -> { });
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            // reconciliation: every input is exactly one output
            assertThat(outputs.enriched().size() + outputs.duplicates().size() + outputs.deadLetters().size())
                    .isEqualTo(cases.size());
            long articles = cases.stream().filter(c -> c.expectedReason() == null).count();
            assertThat(outputs.enriched()).hasSize((int) articles);
            assertThat(outputs.duplicates()).isEmpty();

            Map<String, String> reasonByCase = new LinkedHashMap<>();
            for (DeadLetter dead : outputs.deadLetters()) {
                assertThat(dead.getTopic()).isEqualTo(raw);
                Case source = byOffset.get(dead.getOffset());
                assertThat(source).as("dead letter at offset " + dead.getOffset()).isNotNull();
                reasonByCase.put(source.name(), dead.getReason());
                byte[] expected = source.value() == null ? new byte[0] : source.value();
                assertThat(DeadLetters.originalBytes(dead)).as(source.name() + " keeps its bytes").isEqualTo(expected);
                assertThat(dead.getMessage()).as(source.name()).isNotBlank();
            }
            Map<String, String> expected = new LinkedHashMap<>();
            cases.stream().filter(c -> c.expectedReason() != null).forEach(c -> expected.put(c.name(), c.expectedReason()));
            assertThat(reasonByCase).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    private static Map<Long, Case> produce(NewsflowConfig config, String topic, List<Case> cases) throws Exception {
        // one partition, so offsets identify the cases and the order is the listed one
        List<Long> offsets = RawRecords.produce(config, cases.stream()
                .map(c -> new ProducerRecord<>(topic, 0, c.key(), c.value())).toList());
        Map<Long, Case> byOffset = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            byOffset.put(offsets.get(i), cases.get(i));
        }
        return byOffset;
    }

    private static RawPage page(String url, String contentType, byte[] body) {
        return RawPage.newBuilder().setUrl(url).setFetchedAt(Instant.now()).setContentType(contentType)
                .setBody(ByteBuffer.wrap(body)).setCrawler("bad-input-it").build();
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }
}
