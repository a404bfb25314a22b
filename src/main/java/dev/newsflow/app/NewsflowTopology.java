package dev.newsflow.app;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.clean.CleanStage;
import dev.newsflow.clean.DecodeStage;
import dev.newsflow.dedup.DedupStage;
import dev.newsflow.dedup.DedupStores;
import dev.newsflow.dedup.MinHasher;
import dev.newsflow.entities.KnowledgeBaseStore;
import dev.newsflow.entities.TagStage;
import dev.newsflow.entities.TrendingEntities;
import dev.newsflow.stream.GuardedStageProcessor;
import dev.newsflow.stream.HeaderFirewall;
import dev.newsflow.stream.Outcome;
import dev.newsflow.stream.Stage;
import dev.newsflow.stream.StageListener;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;

/**
 * The whole pipeline as one pure function of its topics and parts (no I/O):
 * <pre>
 * pages.raw ─ drop headers ─ decode ─ clean ─▶ (by article id, one partition) ─ dedup ─┬─▶ (by article id, N partitions) ─ tag ─▶ articles.enriched
 *                                                                        └──────▶ articles.duplicates
 * every stage's refusals ─▶ pages.dlq          entities.kb ─▶ global knowledge-base store ─▶ tag
 * articles.enriched' entities ─▶ (by entity) ─ mentions per hour ─▶ trending-entities store (queried over HTTP)
 * </pre>
 * The dedup index is one partition wide so that "first seen" is a single, replayable order.
 */
public final class NewsflowTopology {
    static final String DEDUP_INDEX = "dedup-index";
    static final String TAG_INPUT = "tag-input";

    private NewsflowTopology() {
    }

    public static Topology build(Topics topics, TopologyParts parts) {
        StreamsBuilder builder = new StreamsBuilder();
        StageListener listener = parts.listener();

        builder.addGlobalStore(KnowledgeBaseStore.builder(topics.entitiesKb().valueSerde()),
                topics.entitiesKb().name(),
                Consumed.with(topics.entitiesKb().keySerde(), Serdes.ByteArray()),
                () -> new KnowledgeBaseStore.Updater(parts.knowledgeBase(),
                        topics.entitiesKb().valueSerde().deserializer(), listener, parts.guards().watch()));
        DedupStores.builders(parts.dedup().retention()).forEach(builder::addStateStore);

        KStream<byte[], Outcome<CleanArticle>> cleaned = builder
                .stream(topics.pagesRaw().name(), Consumed.with(topics.pagesRaw().keySerde(), topics.pagesRaw().valueSerde())
                        .withName("pages-raw"))
                .processValues(HeaderFirewall::new, Named.as("drop-headers"))
                .processValues(guarded(() -> new DecodeStage(parts.rawPageSerde().deserializer(), topics.pagesRaw().name()),
                        parts), Named.as("decode"))
                .processValues(guarded(() -> new CleanStage(parts.cleaner()), parts), Named.as("clean"));
        KStream<String, Outcome<CleanArticle>> cleanOk = toDeadLetters(cleaned, topics, "clean")
                .map((key, outcome) -> KeyValue.pair(outcome.value().getId(), outcome.value()), Named.as("key-by-article"))
                .repartition(Repartitioned.with(Serdes.String(), parts.cleanArticleSerde())
                        .withName(DEDUP_INDEX).withNumberOfPartitions(1))
                .mapValues(Outcome::ok, Named.as("wrap-clean"));

        MinHasher minHasher = MinHasher.standard();
        KStream<String, Outcome<DedupStage.Deduped>> deduped = cleanOk.processValues(
                guarded(() -> new DedupStage(minHasher, parts.dedup()), parts), Named.as("dedup"),
                DedupStores.ALL);
        KStream<String, Outcome<DedupStage.Deduped>> dedupOk = toDeadLetters(deduped, topics, "dedup");

        dedupOk.split(Named.as("verdict-"))
                .branch((id, outcome) -> outcome.value().decision().isDuplicate(), Branched.withConsumer(duplicates ->
                        duplicates.peek((id, outcome) -> listener.duplicateFound(outcome.value().decision().method().name()),
                                        Named.as("count-duplicate"))
                                .mapValues(outcome -> toDuplicate(outcome.value()), Named.as("to-duplicate"))
                                .to(topics.articlesDuplicates().name(), Produced.with(topics.articlesDuplicates().keySerde(),
                                        topics.articlesDuplicates().valueSerde()).withName("articles-duplicates")),
                        "duplicate"))
                .defaultBranch(Branched.withConsumer(firstSeen -> {
                    // tagging is the costly stage: spread it over partitions again after the one-partition index
                    KStream<String, Outcome<EnrichedArticle>> tagged = firstSeen
                            .mapValues(outcome -> untagged(outcome.value()), Named.as("to-untagged"))
                            .repartition(Repartitioned.with(Serdes.String(), topics.articlesEnriched().valueSerde())
                                    .withName(TAG_INPUT).withNumberOfPartitions(parts.tagPartitions()))
                            .mapValues(Outcome::ok, Named.as("wrap-untagged"))
                            .processValues(guarded(() -> new TagStage(parts.knowledgeBase(), parts.tagger()), parts),
                                    Named.as("tag"));
                    KStream<String, EnrichedArticle> enriched = toDeadLetters(tagged, topics, "tag")
                            .mapValues(Outcome::value, Named.as("unwrap-enriched"))
                            .peek((id, article) -> listener.articleEnriched(article.getEntities().size()),
                                    Named.as("count-enriched"));
                    TrendingEntities.count(enriched, parts.trending());
                    enriched.to(topics.articlesEnriched().name(), Produced.with(topics.articlesEnriched().keySerde(),
                                    topics.articlesEnriched().valueSerde()).withName("articles-enriched"));
                }, "first-seen"));
        return builder.build();
    }

    /** Sends the failures to the dead-letter topic and returns the rest. */
    private static <K, V> KStream<K, Outcome<V>> toDeadLetters(KStream<K, Outcome<V>> stream, Topics topics, String after) {
        var branches = stream.split(Named.as(after + "-"))
                .branch((key, outcome) -> outcome.isFailure(), Branched.as("failed"))
                .defaultBranch(Branched.as("ok"));
        branches.get(after + "-failed")
                .map((key, outcome) -> KeyValue.pair(deadLetterKey(outcome.failure()), outcome.failure()),
                        Named.as(after + "-dead-letter"))
                .to(topics.pagesDlq().name(), Produced.with(topics.pagesDlq().keySerde(), topics.pagesDlq().valueSerde())
                        .withName(after + "-to-dlq"));
        return branches.get(after + "-ok");
    }

    /** Source coordinates: unique per input record, so a replayed failure overwrites rather than piles up under compaction. */
    private static String deadLetterKey(DeadLetter failure) {
        return failure.getTopic() + "/" + failure.getPartition() + "/" + failure.getOffset();
    }

    private static EnrichedArticle untagged(DedupStage.Deduped deduped) {
        return EnrichedArticle.newBuilder()
                .setArticle(deduped.article())
                .setStoryId(deduped.decision().storyId())
                .setEntities(List.of())
                .setProcessedAt(Instant.EPOCH)
                .build();
    }

    private static DuplicateArticle toDuplicate(DedupStage.Deduped deduped) {
        return DuplicateArticle.newBuilder()
                .setArticle(deduped.article())
                .setDuplicateOf(deduped.decision().duplicateOf().orElseThrow())
                .setStoryId(deduped.decision().storyId())
                .setMethod(deduped.decision().method())
                .setSimilarity(Math.round(deduped.decision().similarity() * 1e4) / 1e4)
                .build();
    }

    private static <K, I, O> FixedKeyProcessorSupplier<K, Outcome<I>, Outcome<O>> guarded(
            Supplier<Stage<I, O>> stage, TopologyParts parts) {
        return () -> (FixedKeyProcessor<K, Outcome<I>, Outcome<O>>) new GuardedStageProcessor<K, I, O>(stage,
                parts.listener(), parts.guards());
    }
}
