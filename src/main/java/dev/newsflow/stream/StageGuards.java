package dev.newsflow.stream;

import java.time.Duration;

/**
 * The limits every stage runs under: how much of a refused input its dead letter carries, how long
 * one record may take in a stage without state stores, and the watch the liveness probe reads.
 */
public record StageGuards(int deadLetterMaxValueBytes, Duration recordBudget, RecordWatch watch) {

    /** No limits: for measuring a stage on its own. */
    public static StageGuards none() {
        return new StageGuards(Integer.MAX_VALUE, Duration.ofDays(1), new RecordWatch(Duration.ofDays(1), Integer.MAX_VALUE));
    }
}
