package dev.newsflow.entities;

import edu.stanford.nlp.ie.crf.CRFLabel;
import edu.stanford.nlp.util.Index;
import java.util.Arrays;
import java.util.List;

/**
 * The best label sequence of a linear-chain CRF with cliques of one and two labels, found by
 * Viterbi on the clique potentials themselves. CoreNLP first calibrates the whole chain (forward and
 * backward, in logs) to turn the potentials into conditional probabilities of each label given the
 * previous one, and then runs Viterbi on those: the product of the conditionals along a sequence is its
 * probability given the background label before the first word, which is the exponential of its summed
 * potentials over a normaliser the same for every sequence, so both searches maximise the same thing.
 * Left out is the calibration, about a quarter of tagging time. The potentials are summed as CoreNLP
 * sums them (feature order, in double), and ties go to the first label as in CoreNLP's search.
 */
final class CrfViterbi {
    private final float[][] weights;
    private final int classes;
    private final int background;
    /** The class of each label of the one-label clique, and the (previous, current) classes of the two-label one. */
    private final int[] nodeClass;
    private final int[] edgePrevious;
    private final int[] edgeCurrent;

    CrfViterbi(float[][] weights, List<Index<CRFLabel>> labelIndices, int classes, int background) {
        this.weights = weights;
        this.classes = classes;
        this.background = background;
        Index<CRFLabel> nodes = labelIndices.get(0);
        nodeClass = new int[nodes.size()];
        for (int k = 0; k < nodes.size(); k++) {
            nodeClass[k] = nodes.get(k).getLabel()[0];
        }
        Index<CRFLabel> edges = labelIndices.get(1);
        edgePrevious = new int[edges.size()];
        edgeCurrent = new int[edges.size()];
        for (int k = 0; k < edges.size(); k++) {
            int[] pair = edges.get(k).getLabel();
            edgePrevious[k] = pair[0];
            edgeCurrent[k] = pair[1];
        }
    }

    /** Whether the model's cliques are those this search takes: one label and two labels. */
    static boolean fits(List<Index<CRFLabel>> labelIndices, int classes) {
        return labelIndices.size() == 2 && labelIndices.get(0).size() == classes
                && labelIndices.get(1).size() <= classes * classes;
    }

    /**
     * The class of each word, from its feature ids per clique ({@code data[word][clique]}); the label
     * before the first word is the background, as in CoreNLP's padding.
     */
    int[] best(int[][][] data) {
        int n = data.length;
        double[][] score = new double[n][classes];
        int[][] from = new int[n][classes];
        double[][] potential = new double[classes][classes];
        for (int i = 0; i < n; i++) {
            potentials(data[i], potential);
            for (int current = 0; current < classes; current++) {
                if (i == 0) {
                    score[0][current] = potential[background][current];
                    continue;
                }
                double bestScore = Double.NEGATIVE_INFINITY;
                int bestPrevious = 0;
                for (int previous = 0; previous < classes; previous++) {
                    double s = score[i - 1][previous] + potential[previous][current];
                    if (s > bestScore) {
                        bestScore = s;
                        bestPrevious = previous;
                    }
                }
                score[i][current] = bestScore;
                from[i][current] = bestPrevious;
            }
        }
        int[] labels = new int[n];
        if (n == 0) {
            return labels;
        }
        double bestFinal = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            if (score[n - 1][c] > bestFinal) {
                bestFinal = score[n - 1][c];
                labels[n - 1] = c;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            labels[i - 1] = from[i][labels[i]];
        }
        return labels;
    }

    /**
     * A word's potential for each (previous, current) pair: its two-label clique's plus its one-label
     * clique's; a pair never seen in training (a person straight followed by a MISC name) is
     * impossible, as in CoreNLP's table.
     */
    private void potentials(int[][] features, double[][] out) {
        double[] node = new double[classes];
        for (int k = 0; k < nodeClass.length; k++) {
            node[nodeClass[k]] = sum(features[0], k);
        }
        for (double[] row : out) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        for (int k = 0; k < edgePrevious.length; k++) {
            out[edgePrevious[k]][edgeCurrent[k]] = sum(features[1], k) + node[edgeCurrent[k]];
        }
    }

    private double sum(int[] features, int label) {
        double total = 0.0;
        for (int f : features) {
            total += weights[f][label];
        }
        return total;
    }
}
