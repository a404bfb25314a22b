package dev.newsflow.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Index;
import edu.stanford.nlp.util.Triple;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoreNLP's CRF classifier, finding exactly what it finds, with two costs of classification cut: the
 * features of each word are looked up in a {@link FeatureIdTable} instead of CoreNLP's index, and the
 * model's word function is memoized ({@link MemoizedWordFunction}). Where the table cannot be built
 * (another CoreNLP version, a hash collision), classification is CoreNLP's own.
 */
final class AcceleratedCrfClassifier extends CRFClassifier<CoreLabel> {
    private static final Logger LOG = LoggerFactory.getLogger(AcceleratedCrfClassifier.class);

    private FeatureIdTable table;

    private AcceleratedCrfClassifier() {
    }

    static AcceleratedCrfClassifier load(String model) throws IOException, ClassNotFoundException {
        AcceleratedCrfClassifier classifier = new AcceleratedCrfClassifier();
        classifier.loadClassifier(model);
        if (classifier.flags.wordFunction != null) {
            classifier.flags.wordFunction = new MemoizedWordFunction(classifier.flags.wordFunction);
        }
        classifier.table = featureIndex(classifier).flatMap(FeatureIdTable::of).orElse(null);
        if (classifier.table == null) {
            LOG.warn("NER features are looked up in CoreNLP's own index (slower)");
        }
        return classifier;
    }

    /** Whether the word, as written, was in the training data: the model has a feature for it. */
    boolean sawWord(String word) {
        String feature = word + "-WORD|C";
        return table != null ? table.indexOf(feature) >= 0 : featureIndex(this).map(i -> i.indexOf(feature) >= 0).orElse(true);
    }

    boolean usesFeatureIdTable() {
        return table != null;
    }

    /** CoreNLP keeps the index in a package-private field. */
    @SuppressWarnings("unchecked")
    static Optional<Index<String>> featureIndex(CRFClassifier<CoreLabel> classifier) {
        try {
            Field field = CRFClassifier.class.getDeclaredField("featureIndex");
            field.setAccessible(true);
            return Optional.ofNullable((Index<String>) field.get(classifier));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("no access to CoreNLP's NER feature index: {}", e.toString());
            return Optional.empty();
        }
    }

    /** What CoreNLP's method computes when classifying (no feature values, no reversal, no embeddings). */
    @Override
    public Triple<int[][][], int[], double[][][]> documentToDataAndLabels(List<CoreLabel> document) {
        if (table == null || flags.useReverse || flags.useEmbedding) {
            return super.documentToDataAndLabels(document);
        }
        int size = document.size();
        int[][][] data = new int[size][windowSize][];
        int[] labels = new int[size];
        for (int j = 0; j < size; j++) {
            List<Collection<String>> cliques = makeDatum(document, j, featureFactories).asFeatures();
            for (int k = 0; k < cliques.size(); k++) {
                data[j][k] = table.idsOf(cliques.get(k));
            }
            labels[j] = classIndex.indexOf(document.get(j).get(CoreAnnotations.AnswerAnnotation.class));
        }
        return new Triple<>(data, labels, new double[size][windowSize][]);
    }
}
