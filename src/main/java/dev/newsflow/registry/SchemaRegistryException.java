package dev.newsflow.registry;

/**
 * An error answered by a Confluent-API schema registry, with its HTTP status and the registry's own
 * {@code error_code} (40401 subject not found, 40403 schema not found, 409 incompatible, ...).
 */
public class SchemaRegistryException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        super("schema registry answered HTTP " + httpStatus + " (error_code " + errorCode + "): " + message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry does not know the schema or subject: retrying will not help. */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** Worth another try later: no answer at all, a server error, or throttling. */
    public boolean isRetriable() {
        return httpStatus == -1 || httpStatus >= 500 || httpStatus == 429;
    }
}
