package dev.newsflow.app;

import dev.newsflow.metrics.Health;
import dev.newsflow.stream.RecordWatch;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The instance's health from the moment its operations port opens: alive but not ready while it
 * waits for its dependencies and loads the model, then whatever the Streams client and the record
 * watch say.
 */
final class InstanceHealth implements Health {
    private final Duration maxPollInterval;
    private volatile String startingBecause = "starting";
    private volatile KafkaStreams streams;
    private volatile RecordWatch watch;

    InstanceHealth(Duration maxPollInterval) {
        this.maxPollInterval = maxPollInterval;
    }

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
        KafkaStreams s = streams;
        if (w == null || s == null) {
            return Optional.empty();
        }
        return w.problem().or(() -> SilentStreamThreads.find(s.metrics(), maxPollInterval));
    }

    @Override
    public Optional<String> notReadyBecause() {
        RecordWatch w = watch;
        return streams == null || w == null ? Optional.of(startingBecause) : w.notReadyBecause();
    }
}
