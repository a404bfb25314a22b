package dev.newsflow.clean;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.SourceRef;
import dev.newsflow.stream.Stage;
import dev.newsflow.stream.StageFailure;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The cleaning stage: a decoded raw page in, a clean article (or the reason it is none) out. */
public final class CleanStage implements Stage<DecodeStage.Decoded, CleanArticle> {
    private final ArticleCleaner cleaner;
    private FixedKeyProcessorContext<?, ?> context;

    public CleanStage(ArticleCleaner cleaner) {
        this.cleaner = cleaner;
    }

    @Override
    public String name() {
        return "clean";
    }

    @Override
    public void init(FixedKeyProcessorContext<?, ?> context) {
        this.context = context;
    }

    @Override
    public CleanArticle apply(DecodeStage.Decoded decoded, long timestamp) throws StageFailure {
        RawPage page = decoded.page();
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        try {
            return cleaner.clean(bytes(page.getBody()), decoded.contentEncoding(), page.getContentType(), page.getUrl(),
                    page.getFetchedAt().toEpochMilli(),
                    new SourceRef(origin.topic(), origin.partition(), origin.offset()));
        } catch (CleanFailure e) {
            throw new StageFailure(e.reason().name(), e.getMessage(), e);
        }
    }

    @Override
    public byte[] bytesForDeadLetter(DecodeStage.Decoded decoded) {
        return decoded.rawValue();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
