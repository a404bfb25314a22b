package dev.newsflow.entities;

import edu.stanford.nlp.util.Index;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * The CRF's feature ids, found with one cache line per feature. The recognizer looks up every
 * feature of every word (46 on average, 70% of them known) among the model's 143,284 features;
 * CoreNLP's index reaches an id through a hash-map node, the stored string and its bytes, and those
 * cache misses were a third of tagging time. This table keeps a 64-bit hash of each feature next to
 * its id in one array, takes a feature whose hash it holds to be that feature, and looks up the
 * features of a word together, so that their cache misses overlap.
 *
 * <p>An unknown feature is mistaken for a known one only if their 64-bit hashes collide: about one
 * look-up in 10^14 for this model, and then one word gets one wrong feature. Two model features with
 * the same hash would be a certain error, so {@link #of} refuses to build such a table.
 */
final class FeatureIdTable {
    private static final long EMPTY = 0;
    /** Where each lane of {@link #hash} begins. */
    static final long FNV_OFFSET = 0xcbf29ce484222325L;
    /** Slots per feature: at most half the table is used (8 MB for this model; twice as large was no faster). */
    private static final int SPREAD = 2;

    /** Pairs (hash, id) by slot; a hash of {@link #EMPTY} is stored as 1. */
    private final long[] slots;
    private final int mask;

    private FeatureIdTable(int capacity) {
        this.slots = new long[capacity * 2];
        this.mask = capacity - 1;
    }

    /** The table of these features, or nothing if two of them share a 64-bit hash. */
    static Optional<FeatureIdTable> of(Index<String> features) {
        FeatureIdTable table = new FeatureIdTable(Integer.highestOneBit(Math.max(1, features.size() * SPREAD - 1)) << 1);
        for (int id = 0; id < features.size(); id++) {
            long hash = hash(features.get(id));
            int slot = table.slotOf(hash);
            if (table.slots[slot * 2] != EMPTY) {
                return Optional.empty();
            }
            table.slots[slot * 2] = hash;
            table.slots[slot * 2 + 1] = id;
        }
        return Optional.of(table);
    }

    /** The feature's id, or -1 if the model does not have it. */
    int indexOf(String feature) {
        return idOf(hash(feature));
    }

    /** The ids of the features the model has, in the order given (CoreNLP sums weights in that order). */
    int[] idsOf(Collection<String> features) {
        long[] hashes = new long[features.size()];
        int n = 0;
        for (String feature : features) {
            hashes[n++] = hash(feature);
        }
        return idsOf(hashes, n);
    }

    /** The same, for the first {@code n} of these hashes ({@link #hash}) of features. */
    int[] idsOf(long[] hashes, int n) {
        // a tight loop of independent loads, so that the CPU fetches these cache lines in parallel; a
        // feature whose home slot is empty is unknown, which bounds the number of ids
        int unknown = 0;
        for (int i = 0; i < n; i++) {
            if (slots[home(hashes[i]) * 2] == EMPTY) {
                unknown++;
            }
        }
        int[] ids = new int[n - unknown];
        int known = 0;
        for (int i = 0; i < n; i++) {
            int id = idOf(hashes[i]);
            if (id >= 0) {
                ids[known++] = id;
            }
        }
        return known == ids.length ? ids : Arrays.copyOf(ids, known);
    }

    private int idOf(long hash) {
        int slot = slotOf(hash);
        return slots[slot * 2] == EMPTY ? -1 : (int) slots[slot * 2 + 1];
    }

    /** The slot holding this hash, or else the empty slot where it would go (linear probing). */
    private int slotOf(long hash) {
        int slot = home(hash);
        long stored;
        while ((stored = slots[slot * 2]) != EMPTY && stored != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private int home(long hash) {
        return (int) hash & mask;
    }

    /**
     * FNV-1a in two lanes, the characters at even positions in one and those at odd positions in the
     * other, so that the CPU runs the two chains of multiplications side by side; then a finalising
     * mix so that the low bits (the slot) are spread.
     */
    static long hash(String s) {
        long even = FNV_OFFSET;
        long odd = FNV_OFFSET;
        for (int i = 0; i < s.length(); i++) {
            if ((i & 1) == 0) {
                even = mix(even, s.charAt(i));
            } else {
                odd = mix(odd, s.charAt(i));
            }
        }
        return finish(even, odd);
    }

    /** One more character into a lane begun with {@link #FNV_OFFSET}: a feature can be hashed as it is written. */
    static long mix(long lane, char c) {
        return (lane ^ c) * 0x100000001b3L;
    }

    static long finish(long even, long odd) {
        long h = even + odd * 0x9e3779b97f4a7c15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
