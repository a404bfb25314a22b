package dev.newsflow.entities;

import dev.newsflow.avro.EntityType;
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Triple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stanford's CRF named-entity recognizer with the CoNLL-2003 four-class model (distributional
 * similarity features): persons, organisations, locations and miscellaneous names. The model is
 * loaded once per JVM, in the background, so that start-up does not wait for it; the first article
 * to be tagged does if it must. Classification only reads the model, so all stream threads share it.
 */
public final class StanfordCrfRecognizer implements NamedEntityRecognizer {
    static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";
    private static final CompletableFuture<CRFClassifier<CoreLabel>> SHARED = new CompletableFuture<>();
    private static boolean loading;

    private final CompletableFuture<CRFClassifier<CoreLabel>> classifier;

    private StanfordCrfRecognizer(CompletableFuture<CRFClassifier<CoreLabel>> classifier) {
        this.classifier = classifier;
    }

    /** The shared recognizer; its model starts loading on the first call. */
    public static synchronized StanfordCrfRecognizer shared() {
        if (!loading) {
            loading = true;
            Thread loader = new Thread(() -> {
                try {
                    SHARED.complete(CRFClassifier.getClassifier(MODEL));
                } catch (Exception | LinkageError e) {
                    SHARED.completeExceptionally(e);
                }
            }, "ner-model-loader");
            loader.setDaemon(true);
            loader.start();
        }
        return new StanfordCrfRecognizer(SHARED);
    }

    @Override
    public List<Span> find(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        for (Triple<String, Integer, Integer> t : classifier.join().classifyToCharacterOffsets(text)) {
            spans.add(new Span(t.second(), t.third(), type(t.first())));
        }
        return spans;
    }

    private static EntityType type(String label) {
        return switch (label) {
            case "PERSON" -> EntityType.PERSON;
            case "ORGANIZATION" -> EntityType.ORGANIZATION;
            case "LOCATION" -> EntityType.LOCATION;
            default -> EntityType.MISC;
        };
    }
}
