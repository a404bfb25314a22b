package dev.newsflow.stream;

import java.util.Map;
import java.util.Optional;

/**
 * An input record's value as it enters the pipeline, with the few of its headers a stage may read
 * ({@link HeaderFirewall#ALLOWED}); every other header stopped at the door.
 */
public record RawInput(byte[] value, Map<String, String> headers) {

    public RawInput {
        headers = Map.copyOf(headers);
    }

    public static RawInput of(byte[] value) {
        return new RawInput(value, Map.of());
    }

    /** An allowed header's value, by its lower-case name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
