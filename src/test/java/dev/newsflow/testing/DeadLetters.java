package dev.newsflow.testing;

import dev.newsflow.avro.DeadLetter;

/** Reading dead letters back in tests. */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** The original input bytes the dead letter carries. */
    public static byte[] originalBytes(DeadLetter d) {
        byte[] out = new byte[d.getValue().remaining()];
        d.getValue().duplicate().get(out);
        return out;
    }
}
