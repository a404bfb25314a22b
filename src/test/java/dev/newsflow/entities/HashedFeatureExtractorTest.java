package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The collector reproduces the order in which CoreNLP's feature set iterates, from hashes alone. */
class HashedFeatureExtractorTest {

    @Test
    void featuresComeInTheOrderOfAHashSetOfTheirStringsBeforeAndAfterItGrows() {
        Random random = new Random(42);
        for (int count : new int[] {1, 46, 96, 97, 150, 192, 193}) {
            List<String> features = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                features.add("W" + Long.toString(random.nextLong(), 36) + "-WORD");
            }
            features.add(features.get(0)); // a feature written twice is in the set once
            assertThat(collected(features)).as("%d features", count).containsExactly(hashSetOrder(features));
        }
    }

    @Test
    void aBucketThatAHashMapWouldTurnIntoATreeIsRefused() {
        // "Aa" and "BB" have the same String hash: nine words of them share one bucket
        List<String> colliding = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String bits = String.format("%4s", Integer.toBinaryString(i)).replace(' ', '0');
            colliding.add(bits.replace("0", "Aa").replace("1", "BB"));
        }
        assertThat(collected(colliding.subList(0, 8))).containsExactly(hashSetOrder(colliding.subList(0, 8)));
        assertThat(collected(colliding)).isNull();
    }

    @Test
    void aWordWithHundredsOfFeaturesIsLeftToCoreNlp() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add("#<word" + i + "#");
        }
        assertThat(collected(many)).isNull();
    }

    private static long[] collected(List<String> features) {
        HashedFeatureExtractor.Collector collector = new HashedFeatureExtractor.Collector();
        collector.reset(null);
        collector.setSuffix("C");
        features.forEach(collector::add);
        long[] ordered = collector.inHashSetOrder();
        return ordered == null ? null : Arrays.copyOf(ordered, new HashSet<>(features).size());
    }

    /** What CoreNLP does: the features with their suffix in a set made as NERFeatureFactory makes it. */
    private static long[] hashSetOrder(List<String> features) {
        Set<String> set = new HashSet<>(100);
        features.forEach(f -> set.add(f + "|C"));
        return set.stream().mapToLong(FeatureIdTable::hash).toArray();
    }
}
