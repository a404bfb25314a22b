package dev.newsflow.dedup;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The near-duplicate fingerprint of a text: its MinHash signature and how many distinct shingles
 * it had (needed to turn an estimated Jaccard into containment).
 */
public record Fingerprint(long[] minHashes, int shingleCount) {

    public double estimatedJaccard(Fingerprint other) {
        int equal = 0;
        for (int i = 0; i < minHashes.length; i++) {
            if (minHashes[i] == other.minHashes[i]) {
                equal++;
            }
        }
        return (double) equal / minHashes.length;
    }

    /**
     * Estimated share of the smaller text's shingles found in the larger one: |A∩B| = J(|A|+|B|)/(1+J).
     * Catches truncated copies and copies wrapped in extra text, whose Jaccard is low.
     */
    public double estimatedContainment(Fingerprint other) {
        double j = estimatedJaccard(other);
        double intersection = j * (shingleCount + other.shingleCount) / (1 + j);
        return Math.min(1.0, intersection / Math.max(1, Math.min(shingleCount, other.shingleCount)));
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 + 8 * minHashes.length);
        buffer.putInt(shingleCount).putInt(minHashes.length);
        for (long h : minHashes) {
            buffer.putLong(h);
        }
        return buffer.array();
    }

    public static Fingerprint fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int shingles = buffer.getInt();
        long[] hashes = new long[buffer.getInt()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = buffer.getLong();
        }
        return new Fingerprint(hashes, shingles);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.shingleCount == shingleCount && Arrays.equals(f.minHashes, minHashes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(minHashes) + shingleCount;
    }

    @Override
    public String toString() {
        return "Fingerprint[" + shingleCount + " shingles]";
    }
}
