package dev.newsflow.dedup;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.stream.AvroBytes;
import dev.newsflow.stream.Stage;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;

/** The dedup stage: looks each article up in the index held in this task's window stores. */
public final class DedupStage implements Stage<CleanArticle, DedupStage.Deduped> {
    private final MinHasher minHasher;
    private final DedupSettings settings;
    private DedupIndex index;
    private FixedKeyProcessorContext<?, ?> context;

    /** An article with the verdict on it. */
    public record Deduped(CleanArticle article, DedupDecision decision) {
    }

    public DedupStage(MinHasher minHasher, DedupSettings settings) {
        this.minHasher = minHasher;
        this.settings = settings;
    }

    @Override
    public boolean runsUnderTimeBudget() {
        return false; // state stores belong to the stream thread
    }

    @Override
    public boolean writesStateStores() {
        return true; // every article but a repeat of a known URL is remembered
    }

    @Override
    public String name() {
        return "dedup";
    }

    @Override
    public void init(FixedKeyProcessorContext<?, ?> context) {
        this.context = context;
        index = new DedupIndex(new WindowStoreDedupStorage(context), minHasher, settings);
    }

    /**
     * Articles are remembered as of stream time at least: a window store silently drops writes older
     * than its retention behind stream time, so a page with an old timestamp (a late re-crawl, an
     * archive) would never be remembered and its copies never caught. Stream time only grows, so
     * this also keeps "first seen" in arrival order, and it replays the same way.
     */
    @Override
    public Deduped apply(CleanArticle article, long timestamp) {
        long rememberedAt = Math.max(timestamp, context.currentStreamTimeMs());
        DedupDecision decision = index.decide(article.getId(), article.getCanonicalUrl(), article.getBodyHash(),
                article.getText(), rememberedAt);
        return new Deduped(article, decision);
    }

    @Override
    public byte[] bytesForDeadLetter(CleanArticle article) {
        return AvroBytes.of(article);
    }
}
