package dev.newsflow.entities;

import edu.stanford.nlp.ie.NERFeatureFactory;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.sequences.FeatureFactory;
import edu.stanford.nlp.util.Generics;
import edu.stanford.nlp.util.PaddedList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * CoreNLP's own NER feature templates, run with a collector that hashes each feature as it is
 * written instead of building its string: CoreNLP builds every feature in a string builder, copies
 * it into a string, adds it to a hash set, and the ids are then found by hashing that string again
 * (a third of tagging time). Here the characters go straight into the {@link FeatureIdTable}'s hash
 * and into the running {@link String#hashCode} of the feature, which is all it takes to put the ids
 * in the order CoreNLP's hash set would give them: the weights are then summed in the same order, and
 * the scores are the same to the last bit.
 *
 * <p>This class extends the feature factory only because its collector is a protected nested class;
 * it is never instantiated. The templates themselves are CoreNLP's methods, called through method handles.
 */
final class HashedFeatureExtractor extends NERFeatureFactory<CoreLabel> {
    /** Constants, so that the JIT inlines the calls: held in fields, each call went through a check. */
    private static final MethodHandle FEATURES_C = template("featuresC");
    private static final MethodHandle FEATURES_CPC = template("featuresCpC");
    private static final MethodHandle FEATURES_CNC = template("featuresCnC");

    private static final ThreadLocal<Collector> COLLECTORS = ThreadLocal.withInitial(Collector::new);

    private final transient NERFeatureFactory<CoreLabel> model;
    private final transient FeatureIdTable table;

    private HashedFeatureExtractor(NERFeatureFactory<CoreLabel> model, FeatureIdTable table) {
        this.model = model;
        this.table = table;
    }

    /**
     * An extractor for a model whose features are exactly those of {@link NERFeatureFactory} over the
     * cliques C and CpC; nothing for any other (a subclass may add templates, a longer window has other cliques).
     */
    static Optional<HashedFeatureExtractor> of(List<FeatureFactory<CoreLabel>> factories, int windowSize,
                                               FeatureIdTable table) {
        if (factories.size() != 1 || factories.get(0).getClass() != NERFeatureFactory.class || windowSize != 2
                || Generics.HASH_SET_CLASSNAME != null // CoreNLP told to collect features in another kind of set
                || FEATURES_C == null || FEATURES_CPC == null || FEATURES_CNC == null) {
            return Optional.empty();
        }
        return Optional.of(new HashedFeatureExtractor((NERFeatureFactory<CoreLabel>) factories.get(0), table));
    }

    /** CoreNLP's protected template method, or null where this CoreNLP has no such method. */
    private static MethodHandle template(String name) {
        try {
            Method method = NERFeatureFactory.class.getDeclaredMethod(name, PaddedList.class, int.class,
                    FeatureCollector.class);
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** This thread's collector (its tables are 15 KB: allocated once per thread, not per sentence). */
    Collector collector() {
        return COLLECTORS.get();
    }

    /**
     * The model's feature ids of the word at {@code loc} for clique C ({@code clique} 0) or CpC (1), in
     * the order CoreNLP's makeDatum gives them; nothing in the rare case where that order cannot be
     * reproduced, and the caller must ask CoreNLP.
     */
    Optional<int[]> ids(PaddedList<CoreLabel> document, int loc, int clique, Collector out) {
        out.reset(document.get(0).get(CoreAnnotations.DomainAnnotation.class));
        try {
            if (clique == 0) {
                FEATURES_C.invokeExact(model, document, loc, (FeatureCollector) out);
            } else {
                FEATURES_CPC.invokeExact(model, document, loc, (FeatureCollector) out);
                FEATURES_CNC.invokeExact(model, document, loc - 1, (FeatureCollector) out);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
        long[] ordered = out.inHashSetOrder();
        return ordered == null ? Optional.empty() : Optional.of(table.idsOf(ordered, out.size));
    }

    /**
     * Collects features as pairs of hashes: the table's 64-bit hash, which identifies a feature (as the
     * table assumes), and {@link String#hashCode}, which places it in a {@code HashSet}.
     */
    static final class Collector extends FeatureCollector {
        /** CoreNLP's set starts with room for 100 features: a table of 128 buckets that doubles past 96. */
        private static final int FIRST_BUCKETS = 128;
        /** A bucket where a HashMap would have built a tree, whose order is not the insertion order. */
        private static final int TREEIFIED = 9;
        private static final int SEEN_SLOTS = 1024;
        /** At most half the seen-table full, so that probing stays short. */
        private static final int MAX_FEATURES = SEEN_SLOTS / 2;

        private long[] hashes = new long[128];
        private int[] javaHashes = new int[128];
        private int size;
        private boolean overflowed;
        /** Open addressing over the 64-bit hashes, to drop a feature added twice as the set would. */
        private final long[] seen = new long[SEEN_SLOTS];
        private final int[] seenIn = new int[SEEN_SLOTS];
        private int generation;
        private final int[] perBucket = new int[FIRST_BUCKETS];
        private long[] order = new long[128];
        private long[] sorted = new long[128];

        private String suffix;
        private String domain;
        /** The feature written so far: its two hash lanes, its length and its String hash. */
        private long even;
        private long odd;
        private int length;
        private int javaHash;

        Collector() {
            super(null);
        }

        void reset(String domain) {
            this.domain = domain;
            size = 0;
            overflowed = false;
            generation++;
        }

        @Override
        public FeatureCollector setSuffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        @Override
        public void setDomain(String domain) {
            this.domain = domain;
        }

        @Override
        public FeatureCollector build() {
            even = FeatureIdTable.FNV_OFFSET;
            odd = FeatureIdTable.FNV_OFFSET;
            length = 0;
            javaHash = 0;
            return this;
        }

        @Override
        public FeatureCollector append(String s) {
            String text = String.valueOf(s); // a StringBuilder writes "null"
            int n = text.length();
            int i = 0;
            if ((length & 1) == 1 && n > 0) {
                append(text.charAt(i++)); // the lanes take turns across appends
            }
            // then two characters a step, one into each lane, so that neither chain waits on the other
            int pairsStart = i;
            int pairsEnd = i + ((n - i) & ~1);
            long e = even;
            long o = odd;
            int j = javaHash;
            for (; i < pairsEnd; i += 2) {
                char first = text.charAt(i);
                char second = text.charAt(i + 1);
                e = FeatureIdTable.mix(e, first);
                o = FeatureIdTable.mix(o, second);
                j = 961 * j + (31 * first + second);
            }
            even = e;
            odd = o;
            javaHash = j;
            length += pairsEnd - pairsStart;
            if (i < n) {
                append(text.charAt(i));
            }
            return this;
        }

        @Override
        public FeatureCollector append(char c) {
            if ((length & 1) == 0) {
                even = FeatureIdTable.mix(even, c);
            } else {
                odd = FeatureIdTable.mix(odd, c);
            }
            length++;
            javaHash = 31 * javaHash + c;
            return this;
        }

        @Override
        public FeatureCollector dash() {
            return append('-');
        }

        @Override
        public void add() {
            append('|');
            long evenStem = even;
            long oddStem = odd;
            int lengthStem = length;
            int javaStem = javaHash;
            append(suffix);
            collect();
            if (domain != null) {
                even = evenStem;
                odd = oddStem;
                length = lengthStem;
                javaHash = javaStem;
                append(domain).append('-').append(suffix);
                collect();
            }
        }

        @Override
        public void add(String feature) {
            build().append(feature).add();
        }

        private void collect() {
            if (size == MAX_FEATURES) {
                overflowed = true; // a word of hundreds of characters has as many n-grams: CoreNLP takes it
                return;
            }
            long h = FeatureIdTable.finish(even, odd);
            int slot = (int) h & (SEEN_SLOTS - 1);
            while (seenIn[slot] == generation) {
                if (seen[slot] == h) {
                    return; // already in the set
                }
                slot = (slot + 1) & (SEEN_SLOTS - 1);
            }
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
                javaHashes = Arrays.copyOf(javaHashes, size * 2);
                order = new long[size * 2];
                sorted = new long[size * 2];
            }
            seen[slot] = h;
            seenIn[slot] = generation;
            hashes[size] = h;
            javaHashes[size] = javaHash;
            size++;
        }

        /**
         * The features' hashes in the order a {@code HashSet} of their strings iterates: by bucket, and
         * in a bucket by insertion (a resize keeps that order); null if a bucket would have become a
         * tree, whose order differs, or if there were more features than this collector takes.
         */
        long[] inHashSetOrder() {
            if (overflowed) {
                return null;
            }
            Arrays.fill(perBucket, 0);
            for (int i = 0; i < size; i++) {
                javaHashes[i] ^= javaHashes[i] >>> 16; // HashMap's spreading of the hash
                if (++perBucket[javaHashes[i] & (FIRST_BUCKETS - 1)] >= TREEIFIED) {
                    return null;
                }
            }
            if (size <= FIRST_BUCKETS * 3 / 4) {
                // the set never grew: the counts are per final bucket, and a counting sort keeps insertion order
                int start = 0;
                for (int b = 0; b < FIRST_BUCKETS; b++) {
                    int count = perBucket[b];
                    perBucket[b] = start;
                    start += count;
                }
                for (int i = 0; i < size; i++) {
                    sorted[perBucket[javaHashes[i] & (FIRST_BUCKETS - 1)]++] = hashes[i];
                }
            } else {
                int buckets = FIRST_BUCKETS;
                while (size > buckets * 3 / 4) {
                    buckets *= 2;
                }
                for (int i = 0; i < size; i++) {
                    order[i] = ((long) (javaHashes[i] & (buckets - 1)) << 32) | i;
                }
                Arrays.sort(order, 0, size);
                for (int i = 0; i < size; i++) {
                    sorted[i] = hashes[(int) order[i]];
                }
            }
            return sorted;
        }
    }
}
