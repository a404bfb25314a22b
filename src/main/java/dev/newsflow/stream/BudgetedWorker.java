package dev.newsflow.stream;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one record's work of a stage without state stores on a worker thread, and gives up on it
 * past a time budget: Java cannot stop a thread that is parsing or tagging, so the worker is
 * abandoned (interrupted, replaced, counted as a runaway until it ends) and the stream thread moves
 * on to the next record instead of holding the partition and outliving its transaction.
 */
final class BudgetedWorker implements AutoCloseable {
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

    /** The work's result, or a {@link TimeoutException} when the budget ran out; the work's own failures as thrown. */
    <O> O run(Callable<O> work) throws Exception {
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<O> future = worker.submit(() -> {
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
        try {
            return result(future, true);
        } catch (TimeoutException e) {
            synchronized (abandoned) {
                if (future.isDone()) {
                    return result(future, false); // it finished just now
                }
                abandoned.set(true);
                watch.workerAbandoned();
            }
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw e;
        }
    }

    private <O> O result(Future<O> future, boolean waitForBudget) throws Exception {
        try {
            return waitForBudget ? future.get(budgetNanos, TimeUnit.NANOSECONDS) : future.get();
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
