package dev.newsflow.stream;

/** Thrown by a stage for input it refuses; becomes a dead letter with this reason code. */
public class StageFailure extends Exception {
    private final String reason;

    public StageFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public StageFailure(String reason, String message) {
        this(reason, message, null);
    }

    public String reason() {
        return reason;
    }
}
