package dev.newsflow.app;

import dev.newsflow.stream.CommitGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A stream thread's transactional producer that holds a transaction's records until the commit
 * begins (Kafka Streams flushes before it commits), and reports to the {@link CommitGate}.
 * <p>
 * Why hold them: the broker starts a transaction's clock at its first record and aborts it after
 * {@code transaction.timeout.ms} (10 s). Kafka Streams processes one record of every task before it
 * commits, so per-record budgets add up: three raw partitions with a 5 s page each outlived the
 * transaction, the thread was fenced and its work redone. Sent at commit, the records' transaction
 * lasts only as long as the flush and the commit, however long the processing took. A transaction
 * whose records pass {@link #MAX_HELD_BYTES} sends them as it goes, as before: heap stays bounded.
 * Nothing else changes: the same records, in the same order, in the same transaction as the offsets.
 */
final class DeferringProducer extends KafkaProducer<byte[], byte[]> {
    static final long MAX_HELD_BYTES = 16L * 1024 * 1024;

    private record Held(ProducerRecord<byte[], byte[]> record, Callback callback, CompletableFuture<RecordMetadata> done) {
    }

    private final CommitGate gate;
    private final Counter committed;
    private final Counter failed;
    private final Counter aborted;
    private final List<Held> held = new ArrayList<>();
    private long heldBytes;
    private boolean inTransaction;
    private boolean sendingThrough;

    DeferringProducer(Map<String, Object> config, CommitGate gate, MeterRegistry meters) {
        super(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.gate = gate;
        this.committed = transactions(meters, "committed");
        this.failed = transactions(meters, "failed");
        this.aborted = transactions(meters, "aborted");
    }

    private static Counter transactions(MeterRegistry meters, String outcome) {
        return Counter.builder("newsflow.transactions").description("Stream-thread transactions by how they ended")
                .tag("outcome", outcome).register(meters);
    }

    @Override
    public void initTransactions() {
        super.initTransactions();
        gate.transactional();
    }

    @Override
    public void beginTransaction() {
        super.beginTransaction();
        inTransaction = true;
        sendingThrough = false;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (!inTransaction || sendingThrough) {
            return super.send(record, callback);
        }
        CompletableFuture<RecordMetadata> done = new CompletableFuture<>();
        held.add(new Held(record, callback, done));
        heldBytes += sizeOf(record);
        if (heldBytes > MAX_HELD_BYTES) {
            sendingThrough = true; // a heavy transaction: its clock starts now, memory stays bounded
            sendHeld();
        }
        return done;
    }

    @Override
    public void flush() {
        sendHeld();
        super.flush();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        sendHeld();
        super.sendOffsetsToTransaction(offsets, group);
    }

    @Override
    public void commitTransaction() {
        sendHeld();
        try {
            super.commitTransaction();
        } catch (RuntimeException e) {
            failed.increment();
            throw e;
        }
        inTransaction = false;
        committed.increment();
        gate.committed();
    }

    @Override
    public void abortTransaction() {
        dropHeld();
        inTransaction = false;
        gate.aborted();
        aborted.increment();
        super.abortTransaction();
    }

    @Override
    public void close(Duration timeout) {
        dropHeld(); // never sent, so never part of a committed transaction
        super.close(timeout);
    }

    private void sendHeld() {
        if (held.isEmpty()) {
            return;
        }
        List<Held> due = List.copyOf(held);
        dropHeld();
        RuntimeException refused = null;
        for (Held h : due) {
            Callback completion = (metadata, exception) -> {
                if (h.callback() != null) {
                    h.callback().onCompletion(metadata, exception);
                }
                if (exception == null) {
                    h.done().complete(metadata);
                } else {
                    h.done().completeExceptionally(exception);
                }
            };
            if (refused != null) {
                completion.onCompletion(null, refused);
                continue;
            }
            try {
                super.send(h.record(), completion);
            } catch (KafkaException e) {
                // a producer that refuses to send (fenced, failed transaction) refuses the rest too: told through
                // the callbacks, where Kafka Streams looks for a send's failure once the send has been handed over
                refused = e;
                completion.onCompletion(null, e);
            }
        }
    }

    private void dropHeld() {
        held.clear();
        heldBytes = 0;
    }

    private static long sizeOf(ProducerRecord<byte[], byte[]> record) {
        long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        for (Header h : record.headers()) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }
}
