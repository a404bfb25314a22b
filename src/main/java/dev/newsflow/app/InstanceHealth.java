package dev.newsflow.app;

import dev.newsflow.metrics.Health;
import dev.newsflow.stream.RecordWatch;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The instance's health from the moment its operations port opens: alive but not ready while it
 * waits for its dependencies and loads the model, then whatever the Streams client and the record
 * watch say.
 */
final class InstanceHealth implements Health {
    private volatile String startingBecause = "starting";
    private volatile KafkaStreams streams;
    private volatile RecordWatch watch;

    void starting(String because) {
        startingBecause = because;
    }

    void started(KafkaStreams streams, RecordWatch watch) {
        this.watch = watch;
        this.streams = streams;
    }

    @Override
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    @Override
    public Optional<String> notLiveBecause() {
        RecordWatch w = watch;
        return w == null ? Optional.empty() : w.problem();
    }

    @Override
    public Optional<String> notReadyBecause() {
        RecordWatch w = watch;
        return streams == null || w == null ? Optional.of(startingBecause) : w.notReadyBecause();
    }
}
