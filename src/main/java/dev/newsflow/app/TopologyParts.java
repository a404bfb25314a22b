package dev.newsflow.app;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.RawPage;
import dev.newsflow.clean.ArticleCleaner;
import dev.newsflow.clean.LanguageGuesser;
import dev.newsflow.dedup.DedupSettings;
import dev.newsflow.entities.EntityTagger;
import dev.newsflow.entities.KnowledgeBase;
import dev.newsflow.entities.StanfordCrfRecognizer;
import dev.newsflow.entities.TrendingLeaderboards;
import dev.newsflow.stream.RecordWatch;
import dev.newsflow.stream.StageGuards;
import dev.newsflow.stream.StageListener;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the topology is built from besides its topics: the stage engines (loaded once and shared
 * by all tasks, since they are read-only or synchronised) and the serdes of internal topics.
 */
public record TopologyParts(ArticleCleaner cleaner, DedupSettings dedup, KnowledgeBase knowledgeBase,
                            EntityTagger tagger, int tagPartitions, Serde<RawPage> rawPageSerde,
                            Serde<CleanArticle> cleanArticleSerde, StageListener listener, StageGuards guards,
                            TrendingLeaderboards trending) {

    /** A stream thread on one record for this many budgets is stuck: the budget only bounds stages without stores. */
    private static final int STUCK_AFTER_BUDGETS = 6;
    private static final int DEAD_LETTER_ENVELOPE_BYTES = 1024 * 1024;
    private static final Duration UNBUDGETED_STUCK_AFTER = Duration.ofSeconds(30);

    public static TopologyParts from(NewsflowConfig config, AvroSerdes serdes, StageListener listener) {
        ArticleCleaner cleaner = new ArticleCleaner(config.getInt("newsflow.clean.max.page.bytes"),
                config.getInt("newsflow.clean.min.words"), config.getInt("newsflow.clean.min.words.declared"),
                new LanguageGuesser());
        DedupSettings dedup = new DedupSettings(config.getDuration("newsflow.dedup.retention"),
                config.getInt("newsflow.dedup.max.bucket.size"), config.getInt("newsflow.dedup.min.tokens"),
                config.getDouble("newsflow.dedup.jaccard.threshold"),
                config.getDouble("newsflow.dedup.containment.threshold"),
                config.getInt("newsflow.dedup.site.repeat.threshold"));
        KnowledgeBase knowledgeBase = new KnowledgeBase();
        EntityTagger tagger = new EntityTagger(knowledgeBase, StanfordCrfRecognizer.shared(),
                config.getInt("newsflow.ner.max.chars"));
        // the producer checks a record's size before compression: leave room for the key (at most 64 KiB) and the envelope
        int deadLetterMaxValueBytes = Math.min(config.getInt("newsflow.dlq.max.value.bytes"),
                config.getInt("kafka.max.request.size") - DEAD_LETTER_ENVELOPE_BYTES);
        Duration budget = config.getDuration("newsflow.record.budget");
        StageGuards guards = new StageGuards(deadLetterMaxValueBytes, budget,
                new RecordWatch(budget.isZero() ? UNBUDGETED_STUCK_AFTER : budget.multipliedBy(STUCK_AFTER_BUDGETS),
                        config.getInt("newsflow.record.max.runaways")));
        return new TopologyParts(cleaner, dedup, knowledgeBase, tagger, config.getInt("newsflow.topics.partitions"),
                serdes.forValues(RawPage.class),
                serdes.forValues(CleanArticle.class), listener, guards, new TrendingLeaderboards());
    }
}
