package dev.newsflow.entities;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.KnowledgeEntity;
import dev.newsflow.stream.AvroBytes;
import dev.newsflow.stream.Stage;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The tagging stage: a first-seen article in (as an enriched article without entities), with its entities out. */
public final class TagStage implements Stage<EnrichedArticle, EnrichedArticle> {
    private final KnowledgeBase knowledgeBase;
    private final EntityTagger tagger;
    private FixedKeyProcessorContext<?, ?> context;

    public TagStage(KnowledgeBase knowledgeBase, EntityTagger tagger) {
        this.knowledgeBase = knowledgeBase;
        this.tagger = tagger;
    }

    @Override
    public String name() {
        return "tag";
    }

    @Override
    public void init(FixedKeyProcessorContext<?, ?> context) {
        this.context = context;
        // the global store is fully restored before any task starts: the index starts complete
        KeyValueStore<String, KnowledgeEntity> store = context.getStateStore(KnowledgeBaseStore.NAME);
        knowledgeBase.loadFrom(store);
    }

    @Override
    public EnrichedArticle apply(EnrichedArticle untagged, long timestamp) {
        CleanArticle article = untagged.getArticle();
        return EnrichedArticle.newBuilder(untagged)
                .setEntities(tagger.tag(article.getTitle(), article.getText(), article.getLanguage()))
                .setProcessedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    @Override
    public byte[] bytesForDeadLetter(EnrichedArticle untagged) {
        return AvroBytes.of(untagged.getArticle());
    }
}
