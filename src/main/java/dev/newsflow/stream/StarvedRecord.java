package dev.newsflow.stream;

/**
 * A record whose worker ran out of wall-clock budget without having had the CPU time to use it: a
 * busy machine, a cold JIT or a long pause, not a costly record. It is tried again later instead of
 * becoming a {@code PROCESSING_TIMEOUT} dead letter, as any other wait on something outside the record.
 */
public final class StarvedRecord extends RuntimeException {
    public StarvedRecord(String message) {
        super(message);
    }
}
