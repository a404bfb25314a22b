package dev.newsflow.entities;

import edu.stanford.nlp.util.HashIndex;
import edu.stanford.nlp.util.Index;
import java.util.Optional;

/**
 * The CRF's feature index, with a look-up that reads one cache line. The recognizer looks up every
 * feature of every token (tens per token) in an index of the model's 143,284 features; Stanford's
 * index reaches an id through a hash-map node, the stored string and its bytes, and those cache misses
 * were a third of tagging time. This table keeps a 64-bit hash of each feature next to its id in one
 * array, and takes a feature whose hash it holds to be that feature.
 *
 * <p>An unknown feature is mistaken for a known one only if their 64-bit hashes collide: about one
 * look-up in 10^14 for this model, and then one token gets one wrong feature. Two model features with
 * the same hash would be a certain error, so {@link #of} refuses to build such a table.
 */
final class FeatureIdTable extends HashIndex<String> {
    private static final long EMPTY = 0;
    /** Slots per feature: at most half the table is used (8 MB for this model; twice as large was no faster). */
    private static final int SPREAD = 2;

    /** Pairs (hash, id) by slot; a hash of {@link #EMPTY} is stored as 1. */
    private final long[] slots;
    private final int mask;

    private FeatureIdTable(Index<String> features, long[] slots) {
        super(features);
        lock();
        this.slots = slots;
        this.mask = slots.length / 2 - 1;
    }

    /** The table of these features, or nothing if two of them share a 64-bit hash. */
    static Optional<FeatureIdTable> of(Index<String> features) {
        int capacity = Integer.highestOneBit(Math.max(1, features.size() * SPREAD - 1)) << 1;
        long[] slots = new long[capacity * 2];
        int mask = capacity - 1;
        for (int id = 0; id < features.size(); id++) {
            long hash = hash(features.get(id));
            int slot = (int) hash & mask;
            while (slots[slot * 2] != EMPTY) {
                if (slots[slot * 2] == hash) {
                    return Optional.empty();
                }
                slot = (slot + 1) & mask;
            }
            slots[slot * 2] = hash;
            slots[slot * 2 + 1] = id;
        }
        return Optional.of(new FeatureIdTable(features, slots));
    }

    @Override
    public int indexOf(String feature) {
        long hash = hash(feature);
        int slot = (int) hash & mask;
        long stored;
        while ((stored = slots[slot * 2]) != EMPTY) {
            if (stored == hash) {
                return (int) slots[slot * 2 + 1];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** FNV-1a over the characters, then a finalising mix so that the low bits (the slot) are spread. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
