package dev.newsflow.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the liveness probe needs to know about record processing: which stream threads are inside a
 * stage and since when, and how many abandoned workers (records over their time budget) still burn
 * CPU, and whether records wait on an outage or a failed state store. A thread stuck on one record,
 * too many runaway workers or a failed store mean the instance should be restarted; an outage means
 * it is not ready, never not live: restarting a pod cures no registry. It says so instead of
 * answering 200 while nothing moves.
 */
public final class RecordWatch {
    private final Map<Thread, Long> startedAt = new ConcurrentHashMap<>();
    private final AtomicInteger runawayWorkers = new AtomicInteger();
    private final Map<String, String> outages = new ConcurrentHashMap<>();
    private static final String IN_A_STREAM_THREAD = "a stream thread";
    private static final String KNOWLEDGE_BASE_THREAD = "the knowledge-base thread";
    private volatile boolean stopping;

    /** Where a state store failed ("the dedup stage", "a stream thread") and how. */
    private final Map<String, String> storeFailures = new ConcurrentHashMap<>();
    private final long stuckNanos;
    private final int maxRunawayWorkers;

    /**
     * @param stuckAfter        how long one record may hold a stream thread before the instance is not live
     * @param maxRunawayWorkers abandoned workers still running beyond which the instance is not live
     */
    public RecordWatch(Duration stuckAfter, int maxRunawayWorkers) {
        this.stuckNanos = stuckAfter.toNanos();
        this.maxRunawayWorkers = maxRunawayWorkers;
    }

    void started() {
        startedAt.put(Thread.currentThread(), System.nanoTime());
    }

    void finished() {
        startedAt.remove(Thread.currentThread());
    }

    void workerAbandoned() {
        runawayWorkers.incrementAndGet();
    }

    void abandonedWorkerEnded() {
        runawayWorkers.decrementAndGet();
    }

    /** A stage's records are waiting on something outside them (the registry, the brokers). */
    void outage(String stage, String what) {
        outages.put(inStage(stage), what);
    }

    /** A stream thread was stopped by an outage outside any stage (an output's schema, the brokers) and waits. */
    public void streamThreadWaiting(String what) {
        outages.put(IN_A_STREAM_THREAD, what);
    }

    /** The knowledge-base thread waits on the registry for an update's schema; the stream threads still serve. */
    public void knowledgeBaseWaiting(String what) {
        outages.put(KNOWLEDGE_BASE_THREAD, what);
    }

    public void knowledgeBaseProgressed() {
        outages.remove(KNOWLEDGE_BASE_THREAD);
    }

    /** The instance is closing: whoever waits out an outage stops waiting. */
    public void stopping() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** A record went through the stage: whatever it was waiting on is back. */
    void progressed(String stage, boolean wroteStores) {
        outages.remove(inStage(stage));
        outages.remove(IN_A_STREAM_THREAD);
        storeFailures.remove(inStage(stage));
        if (wroteStores) {
            // the stores take writes again; a failing flush will say so anew. A stage without stores proves nothing
            storeFailures.remove(IN_A_STREAM_THREAD);
        }
    }

    void storeFailed(String stage, String what) {
        storeFailures.put(inStage(stage), what);
    }

    /** A stream thread died on a state store outside any one record (a flush at commit, a restore), e.g. a full disk. */
    public void streamThreadStoreFailed(String what) {
        storeFailures.put(IN_A_STREAM_THREAD, what);
    }

    private static String inStage(String stage) {
        return "the " + stage + " stage";
    }

    /** Why the instance cannot take records now, if it cannot: readiness says so. */
    public Optional<String> notReadyBecause() {
        return storeFailure().or(() -> outages.entrySet().stream().findFirst()
                .map(e -> e.getKey() + " is waiting: " + e.getValue()));
    }

    private Optional<String> storeFailure() {
        return storeFailures.entrySet().stream().findFirst()
                .map(e -> "a state store failed in " + e.getKey() + ": " + e.getValue());
    }

    public int runawayWorkers() {
        return runawayWorkers.get();
    }

    /** Why the instance is not live, if it is not. */
    public Optional<String> problem() {
        long now = System.nanoTime();
        for (Map.Entry<Thread, Long> e : startedAt.entrySet()) {
            long held = now - e.getValue();
            if (held > stuckNanos) {
                return Optional.of(e.getKey().getName() + " has been on one record for "
                        + Duration.ofNanos(held).toSeconds() + " s");
            }
        }
        Optional<String> failedStore = storeFailure();
        if (failedStore.isPresent()) {
            return failedStore;
        }
        int runaways = runawayWorkers.get();
        if (runaways > maxRunawayWorkers) {
            return Optional.of(runaways + " workers are still running records abandoned past their time budget");
        }
        return Optional.empty();
    }
}
