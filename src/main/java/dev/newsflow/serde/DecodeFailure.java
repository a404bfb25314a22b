package dev.newsflow.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record value that cannot be decoded, with a stable reason code for the dead-letter topic. */
public class DecodeFailure extends SerializationException {
    public enum Reason { EMPTY_VALUE, WRONG_MAGIC_BYTE, TRUNCATED_HEADER, UNKNOWN_SCHEMA_ID, NOT_AVRO_SCHEMA, CORRUPT_AVRO }

    private final Reason reason;

    public DecodeFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DecodeFailure(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
