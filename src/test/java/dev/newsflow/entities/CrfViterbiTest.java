package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import edu.stanford.nlp.ie.crf.CRFLabel;
import edu.stanford.nlp.util.HashIndex;
import edu.stanford.nlp.util.Index;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The search on potentials finds the sequence of highest summed potential, never through a pair unseen in training. */
class CrfViterbiTest {
    private static final int CLASSES = 3; // 0 is the background
    private static final int FEATURES = 12;

    @Test
    void findsTheSequenceWithTheHighestSummedPotentialAndNeverAnUnseenPair() {
        Index<CRFLabel> nodes = new HashIndex<>();
        for (int c : new int[] {2, 0, 1}) { // label indices need not follow class numbers
            nodes.add(new CRFLabel(new int[] {c}));
        }
        Index<CRFLabel> edges = new HashIndex<>();
        for (int previous = 0; previous < CLASSES; previous++) {
            for (int current = 0; current < CLASSES; current++) {
                if (previous != 1 || current != 2) { // class 1 is never followed by class 2
                    edges.add(new CRFLabel(new int[] {previous, current}));
                }
            }
        }
        Random random = new Random(7);
        float[][] weights = new float[FEATURES][edges.size()];
        for (float[] row : weights) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        // classes 1 and 2 very likely wherever features 1 and 2 fire: where they fire in a row, the unseen pair tempts
        weights[1][nodes.indexOf(new CRFLabel(new int[] {1}))] = 40;
        weights[2][nodes.indexOf(new CRFLabel(new int[] {2}))] = 40;
        CrfViterbi viterbi = new CrfViterbi(weights, List.of(nodes, edges), CLASSES, 0);
        int unseenPairsAvoided = 0;
        for (int doc = 0; doc < 300; doc++) {
            int[][][] data = new int[1 + random.nextInt(6)][2][];
            for (int[][] word : data) {
                word[0] = random.ints(1 + random.nextInt(3), 0, 4).toArray();
                word[1] = random.ints(1 + random.nextInt(3), 4, FEATURES).toArray();
            }
            int[] best = viterbi.best(data);
            assertThat(summed(best, data, weights, nodes, edges))
                    .isCloseTo(bruteForceBest(data, weights, nodes, edges), within(1e-9));
            for (int i = 1; i < best.length; i++) {
                assertThat(best[i - 1] == 1 && best[i] == 2).isFalse();
                if (contains(data[i - 1][0], 1) && contains(data[i][0], 2)) {
                    unseenPairsAvoided++;
                }
            }
        }
        assertThat(unseenPairsAvoided).as("cases where the unseen pair was the tempting one").isPositive();
    }

    private static double bruteForceBest(int[][][] data, float[][] w, Index<CRFLabel> nodes, Index<CRFLabel> edges) {
        double best = Double.NEGATIVE_INFINITY;
        int[] labels = new int[data.length];
        for (int code = 0; code < Math.pow(CLASSES, data.length); code++) {
            for (int i = 0, c = code; i < data.length; i++, c /= CLASSES) {
                labels[i] = c % CLASSES;
            }
            best = Math.max(best, summed(labels, data, w, nodes, edges));
        }
        return best;
    }

    private static double summed(int[] labels, int[][][] data, float[][] w, Index<CRFLabel> nodes,
                                 Index<CRFLabel> edges) {
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            int previous = i == 0 ? 0 : labels[i - 1];
            int edge = edges.indexOf(new CRFLabel(new int[] {previous, labels[i]}));
            if (edge < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            int node = nodes.indexOf(new CRFLabel(new int[] {labels[i]}));
            for (int f : data[i][0]) {
                total += w[f][node];
            }
            for (int f : data[i][1]) {
                total += w[f][edge];
            }
        }
        return total;
    }

    private static boolean contains(int[] features, int feature) {
        for (int f : features) {
            if (f == feature) {
                return true;
            }
        }
        return false;
    }
}
