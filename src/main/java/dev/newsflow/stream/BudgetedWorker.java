package dev.newsflow.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one record's work of a stage without state stores on a worker thread, and gives up on it
 * past a time budget: Java cannot stop a thread that is parsing or tagging, so the worker is
 * abandoned (interrupted, replaced, counted as a runaway until it ends) and the stream thread moves
 * on to the next record instead of holding the partition and outliving its transaction.
 * <p>
 * Whose fault the overrun is decides what follows. The budget is CPU time, watched from the wall
 * clock: the record is to blame once its worker has burnt the whole budget in CPU, and then it is
 * abandoned ({@link TimeoutException}, a dead letter). A worker that reached the budget in wall time
 * with less CPU than that was starved (a loaded machine, a cold JIT, a pause): it is waited for on,
 * up to {@link #STARVED_WAITS} budgets in all, and if it is still starved then, the record is tried
 * again later ({@link StarvedRecord}): a good page must not be lost to a wall-clock accident. The
 * stream thread waits that long at most, inside its transaction, whose records are only sent at
 * commit (see the producer), well below the liveness probe's six budgets.
 */
final class BudgetedWorker implements AutoCloseable {
    /** How many budgets of wall time a starved worker is waited for before its record is tried again later. */
    static final int STARVED_WAITS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final String name;
    private final long budgetNanos;
    private final RecordWatch watch;
    private ExecutorService worker;

    BudgetedWorker(String name, Duration budget, RecordWatch watch) {
        this.name = name;
        this.budgetNanos = budget.toNanos();
        this.watch = watch;
        this.worker = newWorker();
    }

    /**
     * The work's result; a {@link TimeoutException} when it burnt its budget in CPU, a {@link StarvedRecord}
     * when it could not get the CPU to finish; the work's own failures as thrown.
     */
    <O> O run(Callable<O> work) throws Exception {
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<Thread> runner = new AtomicReference<>();
        AtomicLong cpuAtStart = new AtomicLong(-1);
        Future<O> future = worker.submit(() -> {
            runner.set(Thread.currentThread());
            cpuAtStart.set(cpuNanos(Thread.currentThread()));
            try {
                return work.call();
            } finally {
                synchronized (abandoned) {
                    if (abandoned.get()) {
                        watch.abandonedWorkerEnded();
                    }
                }
            }
        });
        long started = System.nanoTime();
        long wait = budgetNanos;
        while (true) {
            try {
                return result(future, wait);
            } catch (TimeoutException overBudget) {
                long cpu = cpuUsed(runner.get(), cpuAtStart.get());
                long waited = System.nanoTime() - started;
                // measured while the worker still runs: a thread that has ended has no CPU time to read
                boolean costly = cpu < 0 || cpu >= budgetNanos;
                if (!costly && waited < STARVED_WAITS * budgetNanos) {
                    wait = Math.max(budgetNanos / 10, TimeUnit.MILLISECONDS.toNanos(10)); // starved so far: wait on
                    continue;
                }
                synchronized (abandoned) {
                    if (future.isDone()) {
                        return result(future, 0); // it finished just now
                    }
                    abandoned.set(true);
                    watch.workerAbandoned();
                }
                future.cancel(true);
                worker.shutdownNow();
                worker = newWorker();
                if (!costly) {
                    throw new StarvedRecord("the " + name + " worker had " + TimeUnit.NANOSECONDS.toMillis(cpu)
                            + " ms of CPU in " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms, its budget being "
                            + TimeUnit.NANOSECONDS.toMillis(budgetNanos) + " ms: the machine is too busy, the record waits");
                }
                throw overBudget;
            }
        }
    }

    /** The CPU time the work has had: none if its thread never started, -1 where the JVM cannot tell. */
    private static long cpuUsed(Thread runner, long atStart) {
        if (!cpuTimeMeasured()) {
            return -1; // wall time alone decides
        }
        return runner == null || atStart < 0 ? 0 : Math.max(0, cpuNanos(runner) - atStart);
    }

    /** A thread's CPU time so far, or -1 where the JVM cannot tell. */
    private static long cpuNanos(Thread thread) {
        return cpuTimeMeasured() ? THREADS.getThreadCpuTime(thread.getId()) : -1; // threadId() is Java 19+
    }

    private static boolean cpuTimeMeasured() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** The result within {@code waitNanos} (0: it is done, take it). */
    private <O> O result(Future<O> future, long waitNanos) throws Exception {
        try {
            return waitNanos == 0 ? future.get() : future.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "newsflow-" + name + "-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
