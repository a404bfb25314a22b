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

    /** An article with the verdict on it. */
    public record Deduped(CleanArticle article, DedupDecision decision) {
    }

    public DedupStage(MinHasher minHasher, DedupSettings settings) {
        this.minHasher = minHasher;
        this.settings = settings;
    }

    @Override
    public boolean usesStateStores() {
        return true;
    }

    @Override
    public String name() {
        return "dedup";
    }

    @Override
    public void init(FixedKeyProcessorContext<?, ?> context) {
        index = new DedupIndex(new WindowStoreDedupStorage(context), minHasher, settings);
    }

    @Override
    public Deduped apply(CleanArticle article, long timestamp) {
        DedupDecision decision = index.decide(article.getId(), article.getCanonicalUrl(), article.getBodyHash(),
                article.getText(), timestamp);
        return new Deduped(article, decision);
    }

    @Override
    public byte[] bytesForDeadLetter(CleanArticle article) {
        return AvroBytes.of(article);
    }
}
