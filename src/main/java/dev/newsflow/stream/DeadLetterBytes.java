package dev.newsflow.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a dead letter carries. A dead letter larger than the producer may send would fail to be
 * written and its record be retried forever, so past a limit only a prefix is kept, with the
 * original's length and SHA-256 to find it again upstream.
 *
 * @param bytes     the original, or its first {@code limit} bytes
 * @param truncated whether {@code bytes} is a prefix
 */
public record DeadLetterBytes(ByteBuffer bytes, boolean truncated, long originalLength, String sha256) {

    public static DeadLetterBytes of(byte[] original, int limit) {
        boolean truncated = original.length > limit;
        byte[] kept = truncated ? Arrays.copyOf(original, limit) : original;
        return new DeadLetterBytes(ByteBuffer.wrap(kept), truncated, original.length, Sha256.hex(original));
    }

    /** What to add to the dead letter's message when the bytes were cut. */
    public String note() {
        return truncated ? " (value truncated to its first " + bytes.remaining() + " of " + originalLength
                + " bytes; valueSha256 identifies the original)" : "";
    }
}
