package dev.newsflow.stream;

import dev.newsflow.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a {@link Stage} and turns whatever it refuses, or throws by surprise, into a dead letter
 * carrying the stage, a reason code, the source coordinates and the input bytes: one bad page
 * must never stop the stream, and nothing may disappear without a record. Failures of earlier
 * stages pass through untouched.
 */
public final class GuardedStageProcessor<K, I, O> implements FixedKeyProcessor<K, Outcome<I>, Outcome<O>> {
    /** Keys are ids or URLs; a longer one is cut, so that the dead letter still fits. */
    private static final int MAX_KEY_BYTES = 64 * 1024;
    private final Supplier<Stage<I, O>> stageSupplier;
    private final StageListener listener;
    private final int maxValueBytes;
    private Stage<I, O> stage;
    private FixedKeyProcessorContext<K, Outcome<O>> context;

    /** @param maxValueBytes the most of the input's bytes a dead letter carries (see {@link DeadLetterBytes}) */
    public GuardedStageProcessor(Supplier<Stage<I, O>> stageSupplier, StageListener listener, int maxValueBytes) {
        this.stageSupplier = stageSupplier;
        this.listener = listener;
        this.maxValueBytes = maxValueBytes;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, Outcome<O>> context) {
        this.context = context;
        this.stage = stageSupplier.get();
        stage.init(context);
    }

    @Override
    public void process(FixedKeyRecord<K, Outcome<I>> record) {
        Outcome<I> in = record.value();
        if (in.isFailure()) {
            context.forward(record.withValue(Outcome.failed(in.failure())));
            return;
        }
        long started = System.nanoTime();
        Outcome<O> out;
        try {
            out = Outcome.ok(stage.apply(in.value(), record.timestamp()));
            listener.succeeded(stage.name(), System.nanoTime() - started);
        } catch (StageFailure refused) {
            out = Outcome.failed(deadLetter(record, refused.reason(), refused.getMessage()));
            listener.failed(stage.name(), refused.reason());
        } catch (RuntimeException | StackOverflowError bug) {
            // a bug or a pathological page: record it, keep the stream alive
            String message = bug.getClass().getSimpleName() + ": " + bug.getMessage();
            out = Outcome.failed(deadLetter(record, "UNEXPECTED_ERROR", message));
            listener.failed(stage.name(), "UNEXPECTED_ERROR");
        }
        context.forward(record.withValue(out));
    }

    private DeadLetter deadLetter(FixedKeyRecord<K, Outcome<I>> record, String reason, String message) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        DeadLetterBytes value = DeadLetterBytes.of(stage.bytesForDeadLetter(record.value().value()), maxValueBytes);
        return DeadLetter.newBuilder()
                .setStage(stage.name())
                .setReason(reason)
                .setMessage((message == null ? reason : message) + value.note())
                .setTopic(source == null ? "" : source.topic())
                .setPartition(source == null ? -1 : source.partition())
                .setOffset(source == null ? -1L : source.offset())
                .setKey(keyBytes(record.key()))
                .setValue(value.bytes())
                .setValueTruncated(value.truncated())
                .setValueLength(value.originalLength())
                .setValueSha256(value.sha256())
                .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    private static java.nio.ByteBuffer keyBytes(Object key) {
        if (key == null) {
            return null;
        }
        byte[] bytes = key instanceof byte[] b ? b : key.toString().getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, MAX_KEY_BYTES)).slice();
    }
}
