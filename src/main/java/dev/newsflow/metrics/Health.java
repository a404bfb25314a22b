package dev.newsflow.metrics;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** What {@code /live} and {@code /ready} report. */
public interface Health {
    /** The Streams client's state; CREATED until it exists. */
    KafkaStreams.State state();

    /** Why the instance should be restarted although its state looks alive (a stuck record, a failed store). */
    Optional<String> notLiveBecause();

    /** Why it cannot take records although it may be RUNNING (starting, records waiting on an outage). */
    Optional<String> notReadyBecause();
}
