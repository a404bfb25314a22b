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
     * Whether the stage reads or writes state stores. Those run on the stream thread, as stores
     * require; the others run on a worker under the per-record time budget and may be abandoned.
     */
    default boolean usesStateStores() {
        return false;
    }

    /** For stages with state stores: called once when the task starts. */
    default void init(FixedKeyProcessorContext<?, ?> context) {
    }
}
