package dev.newsflow.stream;

/** Told about every stage run, for metrics; the topology does not care who listens. */
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

    void failed(String stage, String reason);
}
