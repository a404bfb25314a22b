package dev.newsflow.stream;

import dev.newsflow.avro.DeadLetter;

/** What a stage made of a record: a value for the next stage, or a dead letter saying why not. */
public record Outcome<T>(T value, DeadLetter failure) {

    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, null);
    }

    public static <T> Outcome<T> failed(DeadLetter failure) {
        return new Outcome<>(null, failure);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
