package dev.newsflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.ClientProperties;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.Topics;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.SourceRef;
import dev.newsflow.cli.OutputCollector;
import dev.newsflow.serde.RegistryAvroSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Distinct synthetic stories and re-crawls of some of them, and the check that each came out exactly
 * once: every input's partition/offset on the enriched or duplicate topic, none twice, none missing,
 * one article per story and every re-crawl a duplicate of its story's article.
 */
public final class ExactlyOnce {
    private final int stories;
    private final int recrawls;

    public ExactlyOnce(int stories, int recrawls) {
        this.stories = stories;
        this.recrawls = recrawls;
    }

    /** Stories from {@code from} (inclusive) to {@code to} (exclusive) of all, re-crawls counted after the stories; returns partition/offset of each. */
    public List<String> produce(NewsflowConfig config, Topics topics, int from, int to) throws Exception {
        RegistryAvroSerde<RawPage> serde = AvroSerdes.from(config).forValues(RawPage.class);
        SyntheticPages pages = new SyntheticPages(30_000);
        var props = ClientProperties.producer(config.kafkaProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int n = from; n < to; n++) {
                long story = n < stories ? n : (n - stories) * 7L;
                RawPage page = pages.page(story, Instant.now());
                sent.add(producer.send(new ProducerRecord<>(topics.pagesRaw().name(), page.getUrl(),
                        serde.serialize(topics.pagesRaw().name(), page))));
            }
            producer.flush();
        }
        List<String> coordinates = new ArrayList<>();
        for (Future<RecordMetadata> f : sent) {
            coordinates.add(f.get().partition() + "/" + f.get().offset());
        }
        return coordinates;
    }

    public int inputs() {
        return stories + recrawls;
    }

    public void assertEachCameOutOnce(List<String> inputs, OutputCollector outputs) {
        List<String> seen = Stream.concat(
                outputs.enriched().stream().map(a -> coordinates(a.getArticle().getSource())),
                outputs.duplicates().stream().map(d -> coordinates(d.getArticle().getSource()))).toList();
        assertThat(outputs.deadLetters()).isEmpty();
        assertThat(seen).as("no input duplicated").doesNotHaveDuplicates();
        assertThat(seen).as("no input lost").containsExactlyInAnyOrderElementsOf(inputs);
        Set<String> ids = new HashSet<>();
        outputs.enriched().forEach(a -> assertThat(ids.add(a.getArticle().getId())).as("one article per story").isTrue());
        assertThat(outputs.enriched()).hasSize(stories);
        assertThat(outputs.duplicates()).hasSize(recrawls)
                .allSatisfy(d -> assertThat(ids).contains(d.getDuplicateOf()));
    }

    private static String coordinates(SourceRef source) {
        return source.getPartition() + "/" + source.getOffset();
    }
}
