package dev.newsflow.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds back what a stream thread reports about its records until the transaction that wrote them
 * commits, and forgets it when the transaction aborts. Under exactly-once a fenced or replaced thread
 * redoes its records: counting on processing counted dead letters and articles that no reader ever
 * saw. A thread that writes without transactions (at-least-once, tests) reports at once.
 */
public final class CommitGate {
    private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

    /** The current thread writes in transactions from now on. */
    public void transactional() {
        if (pending.get() == null) {
            pending.set(new ArrayList<>());
        }
    }

    /** Runs the report now, or when the current thread's open transaction commits. */
    public void onCommit(Runnable report) {
        List<Runnable> waiting = pending.get();
        if (waiting == null) {
            report.run();
        } else {
            waiting.add(report);
        }
    }

    public void committed() {
        List<Runnable> waiting = pending.get();
        if (waiting != null) {
            List<Runnable> due = List.copyOf(waiting);
            waiting.clear();
            due.forEach(Runnable::run);
        }
    }

    public void aborted() {
        List<Runnable> waiting = pending.get();
        if (waiting != null) {
            waiting.clear();
        }
    }

    /** A listener whose reports pass this gate: counts of outputs stand only once the outputs do. */
    public StageListener gated(StageListener listener) {
        return new StageListener() {
            @Override
            public void succeeded(String stage, long nanos) {
                onCommit(() -> listener.succeeded(stage, nanos));
            }

            @Override
            public void failed(String stage, String reason) {
                onCommit(() -> listener.failed(stage, reason));
            }

            @Override
            public void duplicateFound(String method) {
                onCommit(() -> listener.duplicateFound(method));
            }

            @Override
            public void articleEnriched(int entities) {
                onCommit(() -> listener.articleEnriched(entities));
            }

            @Override
            public void knowledgeRecordSkipped(String reason) {
                listener.knowledgeRecordSkipped(reason); // the knowledge-base thread writes nothing
            }
        };
    }
}
