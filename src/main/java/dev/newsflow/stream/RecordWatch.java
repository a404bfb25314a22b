package dev.newsflow.stream;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the liveness probe needs to know about record processing: which stream threads are inside a
 * stage and since when, and how many abandoned workers (records over their time budget) still burn
 * CPU. A thread stuck on one record, or too many runaway workers, means the instance should be
 * restarted: it says so instead of answering "alive" while nothing moves.
 */
public final class RecordWatch {
    private final Map<Thread, Long> startedAt = new ConcurrentHashMap<>();
    private final AtomicInteger runawayWorkers = new AtomicInteger();
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
        int runaways = runawayWorkers.get();
        if (runaways > maxRunawayWorkers) {
            return Optional.of(runaways + " workers are still running records abandoned past their time budget");
        }
        return Optional.empty();
    }
}
