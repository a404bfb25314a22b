package dev.newsflow.stream;

import dev.newsflow.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a {@link Stage} and turns whatever it refuses, or throws by surprise, into a dead letter
 * carrying the stage, a reason code, the source coordinates and the input bytes: one bad page
 * must never stop the stream, and nothing may disappear without a record. A stage that asks for it
 * runs under a time budget per record ({@link BudgetedWorker}); past it the record becomes a
 * {@code PROCESSING_TIMEOUT} dead letter. Failures of earlier stages pass through untouched.
 */
public final class GuardedStageProcessor<K, I, O> implements FixedKeyProcessor<K, Outcome<I>, Outcome<O>> {
    /** Keys are ids or URLs; a longer one is cut, so that the dead letter still fits. */
    private static final int MAX_KEY_BYTES = 64 * 1024;
    private static final int MAX_MESSAGE_CHARS = 4096;
    private static final long FIRST_BACKOFF_MILLIS = 250;
    /**
     * How long one record may wait inline for an outage to pass, calls included; one more registry
     * call (at most its timeout, 3 s by default) may start just before. Past it the thread lets go and
     * is replaced after a back-off, rather than hold its partitions and the liveness probe's patience.
     */
    private static final long MAX_INLINE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(4);
    private final Supplier<Stage<I, O>> stageSupplier;
    private final StageListener listener;
    private final StageGuards guards;
    private BudgetedWorker worker;
    private Stage<I, O> stage;
    private FixedKeyProcessorContext<K, Outcome<O>> context;

    public GuardedStageProcessor(Supplier<Stage<I, O>> stageSupplier, StageListener listener, StageGuards guards) {
        this.stageSupplier = stageSupplier;
        this.listener = listener;
        this.guards = guards;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, Outcome<O>> context) {
        this.context = context;
        this.stage = stageSupplier.get();
        stage.init(context);
        if (stage.runsUnderTimeBudget() && !guards.recordBudget().isZero()) {
            worker = new BudgetedWorker(stage.name(), guards.recordBudget(), guards.watch());
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
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
        guards.watch().started();
        try {
            out = Outcome.ok(applyThroughOutages(in.value(), record.timestamp()));
            listener.succeeded(stage.name(), System.nanoTime() - started);
        } catch (StageFailure refused) {
            out = Outcome.failed(deadLetter(record, refused.reason(), refused.getMessage()));
            listener.failed(stage.name(), refused.reason());
        } catch (TimeoutException overBudget) {
            out = Outcome.failed(deadLetter(record, "PROCESSING_TIMEOUT", "the " + stage.name()
                    + " stage took longer than its budget of " + guards.recordBudget().toMillis() + " ms on this record"));
            listener.failed(stage.name(), "PROCESSING_TIMEOUT");
        } catch (RuntimeException | StackOverflowError bug) {
            if (NotTheRecordsFault.applies(bug)) {
                throw bug; // the record waits: the stream thread is replaced after a back-off and tries it again
            }
            // a bug or a pathological page: record it, keep the stream alive
            String message = bug.getClass().getSimpleName() + ": " + bug.getMessage();
            out = Outcome.failed(deadLetter(record, "UNEXPECTED_ERROR", message));
            listener.failed(stage.name(), "UNEXPECTED_ERROR");
        } finally {
            guards.watch().finished();
        }
        context.forward(record.withValue(out));
    }

    /**
     * The stage's result, tried again with back-off while the registry or the brokers are out of
     * reach, for as long as an open transaction allows; after that the failure leaves the processor
     * (no dead letter) and the record is processed again once the stream thread is replaced.
     */
    private O applyThroughOutages(I input, long timestamp) throws StageFailure, TimeoutException {
        long giveUpAt = System.nanoTime() + MAX_INLINE_WAIT_NANOS;
        long backoffMillis = FIRST_BACKOFF_MILLIS;
        while (true) {
            try {
                O result = apply(input, timestamp);
                guards.watch().progressed(stage.name(), stage.writesStateStores());
                return result;
            } catch (RuntimeException e) {
                if (NotTheRecordsFault.isStoreFailure(e)) {
                    guards.watch().storeFailed(stage.name(), e.getMessage());
                    throw e;
                }
                if (!NotTheRecordsFault.isOutage(e)) {
                    throw e;
                }
                guards.watch().outage(stage.name(), e.getMessage());
                // the clock, not the sum of back-offs: an unanswered call costs its whole timeout
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis) > giveUpAt) {
                    throw e;
                }
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, TimeUnit.NANOSECONDS.toMillis(MAX_INLINE_WAIT_NANOS) / 2);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting out an outage", e);
        }
    }

    private O apply(I input, long timestamp) throws StageFailure, TimeoutException {
        if (worker == null) {
            return stage.apply(input, timestamp);
        }
        try {
            return worker.run(() -> stage.apply(input, timestamp));
        } catch (StageFailure | TimeoutException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            // the stream thread is being stopped: not the record's fault, it is processed again after restart
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for the " + stage.name() + " stage", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DeadLetter deadLetter(FixedKeyRecord<K, Outcome<I>> record, String reason, String message) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        DeadLetterBytes value = DeadLetterBytes.of(stage.bytesForDeadLetter(record.value().value()),
                guards.deadLetterMaxValueBytes());
        return DeadLetter.newBuilder()
                .setStage(stage.name())
                .setReason(reason)
                .setMessage(shortened(message == null ? reason : message) + value.note())
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

    /** Messages can quote what a page holds: a dead letter's size must not depend on it. */
    private static String shortened(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }

    private static java.nio.ByteBuffer keyBytes(Object key) {
        if (key == null) {
            return null;
        }
        byte[] bytes = key instanceof byte[] b ? b : key.toString().getBytes(StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, MAX_KEY_BYTES)).slice();
    }
}
