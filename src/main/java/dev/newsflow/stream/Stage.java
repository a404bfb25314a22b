package dev.newsflow.stream;

import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;

/**
 * One step of the pipeline on one record. Refused input is signalled with {@link StageFailure};
 * {@link #bytesForDeadLetter} says what to keep of the input for whoever replays it.
 */
public interface Stage<I, O> {

    String name();

    O apply(I input, long timestamp) throws StageFailure;

    byte[] bytesForDeadLetter(I input);

    /**
     * Whether the stage runs on a worker under the per-record time budget, where it may be
     * abandoned. Stages with state stores must not (stores belong to the stream thread), nor need
     * stages whose work is cheap and linear in the record (the hand-off would cost more than it guards).
     */
    default boolean runsUnderTimeBudget() {
        return true;
    }

    /**
     * Whether the stage's records write to state stores: only then does its progress show that the
     * stores take writes again after one failed (a full disk).
     */
    default boolean writesStateStores() {
        return false;
    }

    /** For stages with state stores: called once when the task starts. */
    default void init(FixedKeyProcessorContext<?, ?> context) {
    }
}
