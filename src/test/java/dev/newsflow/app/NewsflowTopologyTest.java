package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.DuplicateMethod;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.Entity;
import dev.newsflow.avro.KnowledgeEntity;
import dev.newsflow.avro.RawPage;
import dev.newsflow.entities.KnowledgeBaseSeed;
import dev.newsflow.entities.TrendingEntities;
import dev.newsflow.serde.SubjectNameStrategy;
import dev.newsflow.stream.StageListener;
import dev.newsflow.testing.Compression;
import dev.newsflow.testing.DeadLetters;
import dev.newsflow.testing.InMemorySchemaRegistry;
import dev.newsflow.testing.SamplePages;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsflowTopologyTest {
    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private Topics topics;
    private AvroSerdes serdes;
    private TestInputTopic<byte[], byte[]> raw;
    private TestInputTopic<String, KnowledgeEntity> kb;
    private TestOutputTopic<String, EnrichedArticle> enriched;
    private TestOutputTopic<String, DuplicateArticle> duplicates;
    private TestOutputTopic<String, DeadLetter> dlq;
    private long clock = 1_767_225_600_000L;
    private TopologyParts parts;

    @BeforeEach
    void setUp() {
        NewsflowConfig config = NewsflowConfig.withOverrides(Map.of());
        serdes = new AvroSerdes(new InMemorySchemaRegistry(), SubjectNameStrategy.TOPIC, true);
        topics = Topics.from(config, serdes);
        parts = TopologyParts.from(config, serdes, StageListener.NONE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(NewsflowTopology.build(topics, parts), props);

        kb = driver.createInputTopic(topics.entitiesKb().name(),
                new StringSerializer(), topics.entitiesKb().valueSerde().serializer());
        KnowledgeBaseSeed.load().forEach(e -> kb.pipeInput(e.getId(), e));
        raw = driver.createInputTopic(topics.pagesRaw().name(), new ByteArraySerializer(), new ByteArraySerializer());
        enriched = driver.createOutputTopic(topics.articlesEnriched().name(), new StringDeserializer(),
                topics.articlesEnriched().valueSerde().deserializer());
        duplicates = driver.createOutputTopic(topics.articlesDuplicates().name(), new StringDeserializer(),
                topics.articlesDuplicates().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.pagesDlq().name(), new StringDeserializer(),
                topics.pagesDlq().valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void pipe(Path file) {
        RawPage page = SamplePages.page(file, clock);
        raw.pipeInput(page.getUrl().getBytes(), serdes.forValues(RawPage.class).serialize(topics.pagesRaw().name(), page), clock++);
    }

    @Test
    void samplePagesComeOutEnrichedOnceEachWithCopiesOnTheDuplicatesTopic() {
        SamplePages.originals().forEach(this::pipe);
        SamplePages.copies().forEach(this::pipe);

        List<EnrichedArticle> articles = enriched.readValuesToList();
        List<DuplicateArticle> copies = duplicates.readValuesToList();
        List<DeadLetter> dead = dlq.readValuesToList();

        assertThat(articles).hasSize(18);
        assertTrendingMatches(articles);
        assertThat(articles).allSatisfy(a -> {
            assertThat(a.getStoryId()).isEqualTo(a.getArticle().getId());
            assertThat(a.getArticle().getText()).doesNotContain("Next Story", "Send Push", "Download the app",
                    "cookies", "Share on", "More stories", "Advertisement", "All rights reserved");
            assertThat(a.getArticle().getWordCount()).isGreaterThan(90);
            assertThat(a.getArticle().getAuthors()).hasSize(1);
            assertThat(a.getArticle().getPublishedAt()).matches("2026-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        });
        Map<String, String> languages = articles.stream().collect(Collectors.toMap(
                a -> a.getArticle().getCanonicalUrl().replaceAll(".*/", ""), a -> String.valueOf(a.getArticle().getLanguage())));
        assertThat(languages).containsEntry("berlin-mieten", "de").containsEntry("sevilla-sequia", "es")
                .containsEntry("fed-holds-rates", "en");
        EnrichedArticle sevilla = byUrlSuffix(articles, "sevilla-sequia");
        assertThat(sevilla.getArticle().getText()).contains("Andalucía", "sequía", "Doñana");

        assertThat(copies).hasSize(3);
        Map<String, DuplicateArticle> copyByUrl = copies.stream().collect(Collectors.toMap(
                d -> d.getArticle().getCanonicalUrl().replaceAll(".*/", ""), d -> d));
        assertThat(copyByUrl.get("russia-us-geneva-talks").getMethod()).isEqualTo(DuplicateMethod.NEAR_DUPLICATE);
        assertThat(copyByUrl.get("russia-us-geneva-talks").getDuplicateOf())
                .isEqualTo(byUrlSuffix(articles, "lavrov-blinken-geneva").getArticle().getId());
        assertThat(copyByUrl.get("zelensky-germany-air-defence").getMethod()).isEqualTo(DuplicateMethod.NEAR_DUPLICATE);
        assertThat(copyByUrl.get("zelensky-germany-air-defence").getSimilarity()).isGreaterThanOrEqualTo(0.8);
        assertThat(copyByUrl.get("fed-holds-rates").getMethod()).isEqualTo(DuplicateMethod.CANONICAL_URL);

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.getStage()).isEqualTo("clean");
            assertThat(d.getReason()).isEqualTo("NOT_AN_ARTICLE");
            assertThat(d.getTopic()).isEqualTo("pages.raw");
        });
    }

    @Test
    void entitiesAreCanonicalisedCountedAndRankedBySalience() {
        pipe(SamplePages.DIR.resolve("01-lavrov-blinken-geneva.html"));
        EnrichedArticle article = enriched.readValue();
        Map<String, Entity> byName = article.getEntities().stream().collect(Collectors.toMap(Entity::getName, e -> e));
        assertThat(byName).containsKeys("Sergei Lavrov", "Antony Blinken", "United States", "Russia");
        // "Sergey Lavrov" in the lead, "Lavrov" alone later and in the title
        assertThat(byName.get("Sergei Lavrov").getCount()).isEqualTo(3);
        assertThat(byName.get("Sergei Lavrov").getMentions()).extracting(m -> m.getText())
                .containsExactlyInAnyOrder("Lavrov", "Sergey Lavrov", "Lavrov");
        String text = article.getArticle().getText();
        byName.get("Sergei Lavrov").getMentions().stream().filter(m -> !m.getInTitle())
                .forEach(m -> assertThat(text.substring(m.getStart(), m.getEnd())).isEqualTo(m.getText()));
        // the three names of the title, also in the lead: the most salient
        assertThat(article.getEntities().subList(0, 3)).extracting(Entity::getName)
                .containsExactlyInAnyOrder("Sergei Lavrov", "Antony Blinken", "Geneva");
        // found by the recognizer, not in the knowledge base: typed, counted, unlinked
        assertThat(byName.get("Geneva").getType()).isEqualTo(dev.newsflow.avro.EntityType.LOCATION);
        assertThat(byName.get("Geneva").getKbId()).isNull();
        assertThat(byName.get("Geneva").getCount()).isEqualTo(3);
    }

    @Test
    void aNameLinksOnlyToAKnowledgeBaseEntityOfItsKind() {
        pipe(SamplePages.DIR.resolve("09-amazon-deforestation-brazil.html"));
        Map<String, Entity> byName = enriched.readValue().getEntities().stream()
                .collect(Collectors.toMap(Entity::getName, e -> e));
        // the knowledge base's Amazon is the company; in this article it is the rainforest
        assertThat(byName.get("Amazon").getType()).isEqualTo(dev.newsflow.avro.EntityType.LOCATION);
        assertThat(byName.get("Amazon").getKbId()).isNull();
        assertThat(byName.get("Brazil").getKbId()).isEqualTo("loc:brazil");
    }

    @Test
    void aCopyOfAPageWithAnOldTimestampIsStillCaught() {
        pipe(SamplePages.DIR.resolve("04-spacex-crew-launch.html"));
        long monthAgo = clock - Duration.ofDays(30).toMillis();
        for (String file : List.of("01-lavrov-blinken-geneva.html", "19-aggregator-lavrov-geneva.html")) {
            RawPage page = SamplePages.page(SamplePages.DIR.resolve(file), monthAgo);
            raw.pipeInput(page.getUrl().getBytes(), serdes.forValues(RawPage.class).serialize(topics.pagesRaw().name(),
                    page), monthAgo++);
        }
        assertThat(enriched.readValuesToList()).hasSize(2);
        assertThat(duplicates.readValuesToList()).singleElement()
                .satisfies(d -> assertThat(d.getArticle().getCanonicalUrl()).endsWith("russia-us-geneva-talks"));
    }

    @Test
    void recordsOnTheKnowledgeBaseTopicThatAreNotEntitiesAreSkippedAndLaterUpdatesStillApply() {
        TestInputTopic<String, byte[]> kbBytes = driver.createInputTopic(topics.entitiesKb().name(),
                new StringSerializer(), new ByteArraySerializer());
        kbBytes.pipeInput("typo", "{\"id\": \"org:x\"}".getBytes());
        kbBytes.pipeInput("other-producer", serdes.forValues(RawPage.class).serialize(topics.entitiesKb().name(),
                SamplePages.page(SamplePages.DIR.resolve("04-spacex-crew-launch.html"), clock)));
        kb.pipeInput("org:city-council", new KnowledgeEntity("org:city-council", "City Council",
                dev.newsflow.avro.EntityType.ORGANIZATION, List.of("The city council", "council")));

        pipe(SamplePages.DIR.resolve("14-city-bike-lanes.html"));
        Entity council = enriched.readValue().getEntities().get(0);
        assertThat(council.getKbId()).isEqualTo("org:city-council");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void knowledgeBaseUpdatesFromTheCompactedTopicApplyToLaterArticles() {
        pipe(SamplePages.DIR.resolve("13-nato-summit-warsaw.html"));
        assertThat(enriched.readValue().getEntities()).extracting(Entity::getName).contains("Warsaw");

        kb.pipeInput("org:city-council", new KnowledgeEntity("org:city-council", "City Council",
                dev.newsflow.avro.EntityType.ORGANIZATION, List.of("The city council", "council")));
        kb.pipeInput("loc:berlin", null);
        pipe(SamplePages.DIR.resolve("14-city-bike-lanes.html"));
        pipe(SamplePages.DIR.resolve("17-berlin-mieten.html"));

        Entity council = enriched.readValue().getEntities().get(0);
        assertThat(council.getName()).isEqualTo("City Council");
        assertThat(council.getKbId()).isEqualTo("org:city-council");
        assertThat(enriched.readValue().getEntities()).extracting(Entity::getName).as("Berlin was deleted")
                .doesNotContain("Berlin");
    }

    @Test
    void inputHeadersReachNoOutputAndAContentEncodingHeaderIsHonoured() throws Exception {
        RawPage page = SamplePages.page(SamplePages.DIR.resolve("04-spacex-crew-launch.html"), clock);
        page.setBody(ByteBuffer.wrap(Compression.gzip(page.getBody().array())));
        Headers headers = new RecordHeaders()
                .add("x-crawler-cookie", "session=secret".getBytes(StandardCharsets.UTF_8))
                .add("Content-Encoding", "gzip".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2_000; i++) {
            headers.add("x-junk-" + i, new byte[16]);
        }
        raw.pipeInput(new TestRecord<>(page.getUrl().getBytes(StandardCharsets.UTF_8),
                serdes.forValues(RawPage.class).serialize(topics.pagesRaw().name(), page), headers, clock++));
        // and a page whose record carries a cookie but whose bytes are not a page at all
        raw.pipeInput(new TestRecord<>(new byte[0], "junk".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders().add("x-crawler-cookie", "session=secret".getBytes(StandardCharsets.UTF_8)), clock++));

        TestRecord<String, EnrichedArticle> article = enriched.readRecord();
        assertThat(article.value().getArticle().getTitle()).contains("SpaceX");
        assertThat(article.headers().toArray()).isEmpty();
        TestRecord<String, DeadLetter> dead = dlq.readRecord();
        assertThat(dead.value().getReason().toString()).isEqualTo("WRONG_MAGIC_BYTE");
        assertThat(dead.headers().toArray()).isEmpty();
        assertThat(enriched.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void badInputGoesToTheDeadLetterTopicWithItsBytesAndTheStreamKeepsGoing() throws Exception {
        byte[] valid = serdes.forValues(RawPage.class).serialize(topics.pagesRaw().name(),
                SamplePages.page(SamplePages.DIR.resolve("04-spacex-crew-launch.html"), clock));
        byte[] corrupt = SamplePages.corruptAvro(valid);
        byte[] unknownId = SamplePages.unknownSchemaId(valid);
        byte[] plainHtml = Files.readAllBytes(SamplePages.DIR.resolve("05-eu-fines-apple.html"));

        raw.pipeInput(null, corrupt, clock++);
        raw.pipeInput("k".getBytes(), unknownId, clock++);
        raw.pipeInput("k".getBytes(), plainHtml, clock++);
        raw.pipeInput("k".getBytes(), new byte[0], clock++);
        raw.pipeInput("k".getBytes(), serdes.forValues(RawPage.class).serialize(topics.pagesRaw().name(),
                SamplePages.binaryPage(clock)), clock++);
        raw.pipeInput("k".getBytes(), valid, clock++);

        List<DeadLetter> dead = dlq.readValuesToList();
        assertThat(dead).extracting(DeadLetter::getReason)
                .containsExactly("CORRUPT_AVRO", "UNKNOWN_SCHEMA_ID", "WRONG_MAGIC_BYTE", "EMPTY_VALUE", "NOT_HTML");
        assertThat(dead).extracting(DeadLetter::getStage).containsExactly("decode", "decode", "decode", "decode", "clean");
        assertThat(dead).extracting(DeadLetter::getOffset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(DeadLetters.originalBytes(dead.get(0))).isEqualTo(corrupt);
        assertThat(DeadLetters.originalBytes(dead.get(2))).isEqualTo(plainHtml);
        assertThat(dead.get(1).getMessage()).contains("987654");
        assertThat(enriched.readValuesToList()).singleElement()
                .satisfies(a -> assertThat(a.getArticle().getTitle()).startsWith("SpaceX launches"));
    }

    @Test
    void aDeadLetterLargerThanTheProducerMaySendKeepsAPrefixWithTheLengthAndHashOfTheOriginal() throws Exception {
        byte[] huge = new byte[32 * 1024 * 1024]; // not Avro: refused at decode, its dead letter carries it
        java.util.Arrays.fill(huge, (byte) '<');
        byte[] valid = serdes.forValues(RawPage.class).serialize(topics.pagesRaw().name(),
                SamplePages.page(SamplePages.DIR.resolve("04-spacex-crew-launch.html"), clock));
        raw.pipeInput("k".getBytes(), huge, clock++);
        raw.pipeInput("k".getBytes(), valid, clock++);

        DeadLetter dead = dlq.readValue();
        int limit = 33_554_432 - 1024 * 1024; // kafka.max.request.size less room for the key and the envelope
        assertThat(dead.getReason()).isEqualTo("WRONG_MAGIC_BYTE");
        assertThat(dead.getValueTruncated()).isTrue();
        assertThat(dead.getValue().remaining()).isEqualTo(limit);
        assertThat(dead.getValueLength()).isEqualTo(huge.length);
        assertThat(dead.getValueSha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(huge)));
        assertThat(dead.getMessage()).contains("truncated", String.valueOf(huge.length));
        assertThat(enriched.readValuesToList()).hasSize(1);
    }

    /** The hourly mention counts add up to the mentions of the enriched articles, per canonical entity. */
    private void assertTrendingMatches(List<EnrichedArticle> articles) {
        Map<String, Long> expected = articles.stream().flatMap(a -> a.getEntities().stream())
                .collect(Collectors.groupingBy(e -> e.getType() + "|" + e.getName(), Collectors.summingLong(Entity::getCount)));
        TrendingEntities.Ranking ranking = TrendingEntities.top(driver.getWindowStore(TrendingEntities.STORE),
                parts.trending(), Instant.ofEpochMilli(clock).minus(Duration.ofHours(2)), Instant.ofEpochMilli(clock), 1000);
        assertThat(ranking.exact()).isTrue();
        List<TrendingEntities.Count> top = ranking.counts();
        assertThat(top).hasSize(expected.size());
        top.forEach(c -> assertThat(c.count()).as(c.name()).isEqualTo(expected.get(c.type() + "|" + c.name())));
        assertThat(top.get(0).count()).isGreaterThanOrEqualTo(top.get(top.size() - 1).count());
        assertThat(top).extracting(TrendingEntities.Count::name).contains("Sergei Lavrov", "Volodymyr Zelenskyy");
    }

    private static EnrichedArticle byUrlSuffix(List<EnrichedArticle> articles, String suffix) {
        return articles.stream().filter(a -> a.getArticle().getCanonicalUrl().endsWith(suffix)).findFirst().orElseThrow();
    }
}
