package dev.newsflow.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MinHash over word 3-shingles with 64-bit hashing: each shingle is hashed once with a full
 * mixer, and the k signature values are k multiply-add hashes of that (odd multipliers, so each
 * is a permutation of 64-bit words): two operations per value instead of a full mix, which is
 * what makes fingerprinting cheap. Signatures are split into LSH bands so that texts with Jaccard s
 * share a band with probability 1-(1-s^r)^b.
 */
public final class MinHasher {
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    static final long FNV_PRIME = 0x100000001b3L;

    private static final boolean[] ASCII_WORD = new boolean[128];
    private static final char[] ASCII_LOWER = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_WORD[c] = Character.isLetterOrDigit(c);
            ASCII_LOWER[c] = Character.toLowerCase(c);
        }
    }

    private final int numHashes;
    private final int bands;
    private final int rows;
    private final long[] multipliers;
    private final long[] increments;

    public MinHasher(int numHashes, int bands) {
        if (numHashes % bands != 0) {
            throw new IllegalArgumentException(numHashes + " hashes do not split into " + bands + " bands");
        }
        this.numHashes = numHashes;
        this.bands = bands;
        this.rows = numHashes / bands;
        this.multipliers = new long[numHashes];
        this.increments = new long[numHashes];
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < numHashes; i++) {
            s = mix(s + 0x632BE59BD9B4E5L);
            multipliers[i] = s | 1;
            s = mix(s + 0x632BE59BD9B4E5L);
            increments[i] = s;
        }
    }

    public static MinHasher standard() {
        return new MinHasher(128, 32);
    }

    /**
     * Hashes of the lower-cased word tokens (runs of letters and digits), the unit of shingling,
     * computed in one pass without building the words.
     */
    public static long[] tokenHashes(String text) {
        long[] hashes = new long[Math.max(16, text.length() / 5)];
        int count = 0;
        long h = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c < 128 ? ASCII_WORD[c] : Character.isLetterOrDigit(c)) {
                h = (h ^ (c < 128 ? ASCII_LOWER[c] : Character.toLowerCase(c))) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                if (count == hashes.length) {
                    hashes = Arrays.copyOf(hashes, count * 2);
                }
                hashes[count++] = mix(h);
                h = FNV_OFFSET;
                inWord = false;
            }
        }
        return Arrays.copyOf(hashes, count);
    }

    public Fingerprint fingerprint(long[] tokenHashes) {
        long[] signature = new long[numHashes];
        Arrays.fill(signature, Long.MAX_VALUE);
        long[] shingles = new long[Math.max(0, tokenHashes.length - 2)];
        for (int i = 0; i < shingles.length; i++) {
            shingles[i] = mix(mix(mix(tokenHashes[i]) ^ tokenHashes[i + 1]) ^ tokenHashes[i + 2]);
        }
        // sorted, so repeated shingles are adjacent and counted once
        Arrays.sort(shingles);
        int distinct = 0;
        for (int i = 0; i < shingles.length; i++) {
            if (i > 0 && shingles[i] == shingles[i - 1]) {
                continue;
            }
            distinct++;
            long shingle = shingles[i];
            for (int k = 0; k < numHashes; k++) {
                long h = multipliers[k] * shingle + increments[k];
                if (h < signature[k]) {
                    signature[k] = h;
                }
            }
        }
        return new Fingerprint(signature, distinct);
    }

    /** One key per band: band index and a hash of its rows, so equal bands collide and others almost never. */
    public List<String> bandKeys(Fingerprint fingerprint) {
        List<String> keys = new ArrayList<>(bands);
        long[] sig = fingerprint.minHashes();
        for (int b = 0; b < bands; b++) {
            long h = b;
            for (int r = 0; r < rows; r++) {
                h = mix(h * 0x100000001B3L ^ sig[b * rows + r]);
            }
            keys.add(b + ":" + Long.toHexString(h));
        }
        return keys;
    }

    /** SplitMix64 finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
