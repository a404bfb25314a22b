package dev.newsflow.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds the work a piece of code does by the CPU time of the thread that runs it, not by the wall
 * clock: a loaded machine stretches wall time many times over but leaves a thread's CPU time about
 * as it was, while a quadratic walk over 300,000 nodes runs past any sane CPU bound by orders of
 * magnitude. The work runs on a thread of its own, which is abandoned once it burns past the bound.
 */
public final class CpuBudget {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuBudget() {
    }

    /** The work's result; an {@link AssertionError} once its thread has used more than {@code cpu}. */
    public static <T> T within(Duration cpu, Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "cpu-budgeted");
        worker.setDaemon(true);
        worker.start();
        while (worker.isAlive()) {
            worker.join(20);
            long used = THREADS.getThreadCpuTime(worker.getId());
            if (used > cpu.toNanos()) {
                worker.interrupt();
                throw new AssertionError("the work used more than " + cpu.toMillis() + " ms of CPU time");
            }
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /** The CPU time the current thread has used so far, in nanoseconds. */
    public static long currentThreadNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
