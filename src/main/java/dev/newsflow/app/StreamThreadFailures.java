package dev.newsflow.app;

import dev.newsflow.stream.Causes;
import dev.newsflow.stream.NotTheRecordsFault;
import dev.newsflow.stream.RecordWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies. The record it died on is not lost: the thread is
 * replaced and the record processed again. An outage (registry, brokers) or a failed state store
 * is waited out with a growing back-off instead of a tight replace-and-fail loop, logged once per
 * run of failures rather than per attempt; too many replacements in a short time stop the client,
 * so that the liveness probe fails and the pod is restarted.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
    static final String REPLACEMENTS = "newsflow.stream.thread.replacements";
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final MeterRegistry meters;
    private final RecordWatch watch;
    private final int maxReplacements;
    private final Deque<Long> recent = new ArrayDeque<>();

    StreamThreadFailures(MeterRegistry meters, RecordWatch watch, int maxReplacementsPerTenMinutes) {
        this.meters = meters;
        this.watch = watch;
        this.maxReplacements = maxReplacementsPerTenMinutes;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        String cause = NotTheRecordsFault.isOutage(failure) ? "outage"
                : NotTheRecordsFault.isStoreFailure(failure) ? "state_store" : "error";
        int inWindow = record();
        if (inWindow > maxReplacements) {
            LOG.error("stream threads failed {} times in {} minutes; stopping so that the instance is restarted",
                    inWindow, WINDOW.toMinutes(), failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Counter.builder(REPLACEMENTS).description("Stream threads replaced after a failure")
                .tag("cause", cause).register(meters).increment();
        if (cause.equals("outage")) {
            watch.streamThreadWaiting(Causes.innermost(failure));
        }
        if (cause.equals("state_store")) {
            // a full disk is not cured by waiting alone: /live fails until records get through again
            watch.streamThreadStoreFailed(Causes.innermost(failure));
        }
        if (cause.equals("error")) {
            LOG.error("stream thread failed; replacing it", failure);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(inWindow - 1, 16));
        if (inWindow == 1 || Integer.bitCount(inWindow) == 1) { // 1st, 2nd, 4th, 8th...: not a line per attempt
            LOG.warn("stream thread stopped by {} ({}); its records wait, retrying in {} s (failure {} in {} min)",
                    cause.equals("outage") ? "an outage" : "a failed state store", Causes.innermost(failure), backoff / 1000,
                    inWindow, WINDOW.toMinutes());
        }
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private synchronized int record() {
        long now = System.currentTimeMillis();
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst() < now - WINDOW.toMillis()) {
            recent.removeFirst();
        }
        return recent.size();
    }
}
