package dev.newsflow.app;

/** The application cannot start; the message is one line a person can act on. */
public final class StartupFailure extends Exception {
    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
