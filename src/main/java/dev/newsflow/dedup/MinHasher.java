package dev.newsflow.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MinHash over word 3-shingles with 64-bit hashing: each shingle is hashed once, and the k
 * signature values are mixes of that hash with k fixed seeds (a standard, fast stand-in for k
 * independent hash functions). Signatures are split into LSH bands so that texts with Jaccard s
 * share a band with probability 1-(1-s^r)^b.
 */
public final class MinHasher {
    private final int numHashes;
    private final int bands;
    private final int rows;
    private final long[] seeds;

    public MinHasher(int numHashes, int bands) {
        if (numHashes % bands != 0) {
            throw new IllegalArgumentException(numHashes + " hashes do not split into " + bands + " bands");
        }
        this.numHashes = numHashes;
        this.bands = bands;
        this.rows = numHashes / bands;
        this.seeds = new long[numHashes];
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < numHashes; i++) {
            s = mix(s + 0x632BE59BD9B4E5L);
            seeds[i] = s;
        }
    }

    public static MinHasher standard() {
        return new MinHasher(128, 32);
    }

    /** Lower-cased word tokens (letters and digits), the unit of shingling. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                current.append(c);
            } else if (current.length() > 0) {
                tokens.add(current.toString().toLowerCase(Locale.ROOT));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString().toLowerCase(Locale.ROOT));
        }
        return tokens;
    }

    public Fingerprint fingerprint(List<String> tokens) {
        long[] signature = new long[numHashes];
        Arrays.fill(signature, Long.MAX_VALUE);
        long[] tokenHashes = new long[tokens.size()];
        for (int i = 0; i < tokenHashes.length; i++) {
            tokenHashes[i] = hash(tokens.get(i));
        }
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i + 3 <= tokenHashes.length; i++) {
            long shingle = mix(mix(mix(tokenHashes[i]) ^ tokenHashes[i + 1]) ^ tokenHashes[i + 2]);
            if (!distinct.add(shingle)) {
                continue;
            }
            for (int k = 0; k < numHashes; k++) {
                long h = mix(shingle ^ seeds[k]);
                if (h < signature[k]) {
                    signature[k] = h;
                }
            }
        }
        return new Fingerprint(signature, distinct.size());
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

    private static long hash(String token) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < token.length(); i++) {
            h ^= token.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64 finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
