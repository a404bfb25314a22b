package dev.newsflow.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ie.crf.CRFLabel;
import edu.stanford.nlp.ie.crf.LinearCliquePotentialFunction;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Index;
import edu.stanford.nlp.util.PaddedList;
import edu.stanford.nlp.util.Triple;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoreNLP's CRF classifier, finding exactly what it finds, with four costs of classification cut:
 * the features of each word are hashed as CoreNLP's templates write them ({@link HashedFeatureExtractor})
 * instead of being built as strings, their ids are looked up in a {@link FeatureIdTable} instead of
 * CoreNLP's index, the model's word function is memoized ({@link MemoizedWordFunction}), and the best
 * label sequence is searched on the clique potentials without calibrating the chain first
 * ({@link CrfViterbi}). Where the table cannot be built (another CoreNLP version, a hash collision),
 * classification is CoreNLP's own; where only the hashing cannot be used (another feature factory),
 * features are built as strings; another kind of inference is CoreNLP's.
 *
 * <p>Labels only: the words get CoreNLP's answer, not its probability ({@code AnswerProbAnnotation}),
 * which the calibration alone would give and nothing here reads.
 */
final class AcceleratedCrfClassifier extends CRFClassifier<CoreLabel> {
    private static final Logger LOG = LoggerFactory.getLogger(AcceleratedCrfClassifier.class);

    private FeatureIdTable table;
    private HashedFeatureExtractor extractor;
    private CrfViterbi viterbi;

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
        } else {
            classifier.extractor = HashedFeatureExtractor.of(classifier.featureFactories, classifier.windowSize,
                    classifier.table).orElse(null);
        }
        classifier.viterbi = classifier.viterbiOnPotentials().orElse(null);
        return classifier;
    }

    /**
     * Viterbi on the clique potentials, where classification is CoreNLP's plain Viterbi over a chain
     * of one- and two-label cliques with linear potentials; nothing for any other kind of model.
     */
    @SuppressWarnings("unchecked")
    private Optional<CrfViterbi> viterbiOnPotentials() {
        if (!computesDataAndLabels() || flags.doGibbs || !flags.crfType.equalsIgnoreCase("maxent") || windowSize != 2
                || (flags.inferenceType != null && !flags.inferenceType.equalsIgnoreCase("Viterbi"))
                || !(getCliquePotentialFunctionForTest() instanceof LinearCliquePotentialFunction)) {
            return Optional.empty();
        }
        try {
            if (privateField("labelDictionary").get(this) != null) {
                return Optional.empty(); // CoreNLP would restrict some words' labels
            }
            float[][] weights = (float[][]) privateField("weights").get(this);
            List<Index<CRFLabel>> labelIndices = (List<Index<CRFLabel>>) privateField("labelIndices").get(this);
            int background = classIndex.indexOf(flags.backgroundSymbol);
            if (weights == null || background < 0 || !CrfViterbi.fits(labelIndices, classIndex.size())) {
                return Optional.empty();
            }
            return Optional.of(new CrfViterbi(weights, labelIndices, classIndex.size(), background));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("NER sequences are found by CoreNLP's own inference (slower): {}", e.toString());
            return Optional.empty();
        }
    }

    /** CoreNLP keeps what this class needs in package-private and private fields. */
    private static Field privateField(String name) throws NoSuchFieldException {
        Field field = CRFClassifier.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** CoreNLP's classification, with the best sequence found on the potentials where the model allows. */
    @Override
    public List<CoreLabel> classify(List<CoreLabel> document) {
        if (viterbi == null || document.isEmpty()) {
            return super.classify(document);
        }
        int[] best = viterbi.best(documentToDataAndLabels(document).first());
        for (int j = 0; j < best.length; j++) {
            document.get(j).set(CoreAnnotations.AnswerAnnotation.class, classIndex.get(best[j]));
        }
        return document;
    }

    /** Whether the word, as written, was in the training data: the model has a feature for it. */
    boolean sawWord(String word) {
        String feature = word + "-WORD|C";
        return table != null ? table.indexOf(feature) >= 0 : featureIndex(this).map(i -> i.indexOf(feature) >= 0).orElse(true);
    }

    boolean usesFeatureIdTable() {
        return table != null;
    }

    boolean hashesFeaturesAsWritten() {
        return extractor != null;
    }

    boolean searchesPotentials() {
        return viterbi != null;
    }

    @SuppressWarnings("unchecked")
    static Optional<Index<String>> featureIndex(CRFClassifier<CoreLabel> classifier) {
        try {
            return Optional.ofNullable((Index<String>) privateField("featureIndex").get(classifier));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("no access to CoreNLP's NER feature index: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Whether the ids come from the table, in reading order, without feature values: not a reversed or embedding model. */
    private boolean computesDataAndLabels() {
        return table != null && !flags.useReverse && !flags.useEmbedding;
    }

    /** What CoreNLP's method computes when classifying (no feature values, no reversal, no embeddings). */
    @Override
    public Triple<int[][][], int[], double[][][]> documentToDataAndLabels(List<CoreLabel> document) {
        if (!computesDataAndLabels()) {
            return super.documentToDataAndLabels(document);
        }
        int size = document.size();
        int[][][] data = new int[size][windowSize][];
        int[] labels = new int[size];
        PaddedList<CoreLabel> padded = new PaddedList<>(document, pad);
        HashedFeatureExtractor.Collector collector = extractor == null ? null : extractor.collector();
        for (int j = 0; j < size; j++) {
            if (!hashedIds(padded, j, collector, data[j])) {
                List<Collection<String>> cliques = makeDatum(document, j, featureFactories).asFeatures();
                for (int k = 0; k < cliques.size(); k++) {
                    data[j][k] = table.idsOf(cliques.get(k));
                }
            }
            labels[j] = classIndex.indexOf(document.get(j).get(CoreAnnotations.AnswerAnnotation.class));
        }
        return new Triple<>(data, labels, new double[size][windowSize][]);
    }

    /** The word's ids for every clique, hashed as written; false if CoreNLP must build them instead. */
    private boolean hashedIds(PaddedList<CoreLabel> document, int loc, HashedFeatureExtractor.Collector collector,
                              int[][] ids) {
        if (collector == null) {
            return false;
        }
        for (int clique = 0; clique < windowSize; clique++) {
            Optional<int[]> known = extractor.ids(document, loc, clique, collector);
            if (known.isEmpty()) {
                return false;
            }
            ids[clique] = known.get();
        }
        return true;
    }
}
