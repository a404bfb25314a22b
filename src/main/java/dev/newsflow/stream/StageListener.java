package dev.newsflow.stream;

/** Told about every stage run and every verdict, for metrics; the topology does not care who listens. */
public interface StageListener {
    StageListener NONE = new StageListener() {
        @Override
        public void succeeded(String stage, long nanos) {
        }

        @Override
        public void failed(String stage, String reason) {
        }
    };

    void succeeded(String stage, long nanos);

    /** The record went to the dead-letter topic for this reason. */
    void failed(String stage, String reason);

    default void duplicateFound(String method) {
    }

    default void articleEnriched(int entities) {
    }

    /** A record on the knowledge-base topic was not a knowledge entity and was skipped. */
    default void knowledgeRecordSkipped(String reason) {
    }
}
