package dev.newsflow.entities;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.newsflow.avro.EntityType;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.Word;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stanford's CRF named-entity recognizer with the CoNLL-2003 four-class model (distributional
 * similarity features): persons, organisations, locations and miscellaneous names. The model is
 * loaded once per JVM, in the background, so that start-up does not wait for it; the first article
 * to be tagged does if it must. Classification only reads the model, so all stream threads share it.
 * It reads text as {@link NewsTokenizer} cuts it into sentences and tokens, the way its training news
 * was tokenized, and only the parts {@link RecognizerInput} picks.
 *
 * <p>Two things make it fast, neither changes what it finds: the JVM runs with {@link #JIT_FLAG},
 * because Stanford's feature extractor is one method of 10 KB of bytecode, over HotSpot's 8 KB limit
 * for compiling a method (by default it is interpreted); and the classifier is an
 * {@link AcceleratedCrfClassifier}.
 */
public final class StanfordCrfRecognizer implements NamedEntityRecognizer {
    static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";
    /** The JVM option that lets the JIT compile the feature extractor (all launchers pass it). */
    public static final String JIT_FLAG = "-XX:-DontCompileHugeMethods";
    private static final Logger LOG = LoggerFactory.getLogger(StanfordCrfRecognizer.class);
    private static final CompletableFuture<AcceleratedCrfClassifier> SHARED = new CompletableFuture<>();
    private static boolean loading;

    private final CompletableFuture<AcceleratedCrfClassifier> classifier;

    private StanfordCrfRecognizer(CompletableFuture<AcceleratedCrfClassifier> classifier) {
        this.classifier = classifier;
    }

    /** The shared recognizer; its model starts loading on the first call. */
    public static synchronized StanfordCrfRecognizer shared() {
        if (!loading) {
            loading = true;
            Thread loader = new Thread(() -> {
                try {
                    if (!featureExtractorCompiled()) {
                        LOG.warn("entity tagging runs about 1.5 times slower: start the JVM with {}", JIT_FLAG);
                    }
                    SHARED.complete(AcceleratedCrfClassifier.load(MODEL));
                } catch (Exception | LinkageError e) {
                    SHARED.completeExceptionally(e);
                }
            }, "ner-model-loader");
            loader.setDaemon(true);
            loader.start();
        }
        return new StanfordCrfRecognizer(SHARED);
    }

    /**
     * Whether this JVM compiles the feature extractor; tagging is about 1.5 times slower if not. A JVM
     * other than HotSpot has no such limit, or at least not this flag, so it is taken to compile it.
     */
    public static boolean featureExtractorCompiled() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("DontCompileHugeMethods").getValue().equals("false");
        } catch (RuntimeException notHotSpot) {
            return true;
        }
    }

    @Override
    public List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        for (List<NewsTokenizer.Token> sentence : NewsTokenizer.sentences(text)) {
            for (List<NewsTokenizer.Token> run : RecognizerInput.runs(sentence, RecognizerInput.WINDOW)) {
                addSpans(run, spans);
            }
        }
        return spans;
    }

    @Override
    public boolean knowsAnyWordOf(String name) {
        AcceleratedCrfClassifier model = classifier.join();
        return TextTokens.words(name).stream().anyMatch(model::sawWord);
    }

    private void addSpans(List<NewsTokenizer.Token> run, List<Span> spans) {
        List<String> words = new ArrayList<>(run.size());
        run.forEach(t -> words.add(t.word()));
        for (WordRun name : names(words)) {
            spans.add(new Span(run.get(name.first()).start(), run.get(name.last()).end(), name.type()));
        }
    }

    /** A name among the words of a sentence: words first to last, inclusive. */
    public record WordRun(int first, int last, EntityType type) {
    }

    /**
     * The names in one sentence, tokenized as CoNLL-2003 is (punctuation apart, hyphenated words
     * whole): consecutive words of one type make one name, as CoreNLP reads its IO labels.
     */
    public List<WordRun> names(List<String> words) {
        List<EntityType> labels = labels(words);
        List<WordRun> names = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            EntityType type = labels.get(i);
            if (type == null) {
                continue;
            }
            int first = i;
            while (i + 1 < labels.size() && labels.get(i + 1) == type) {
                i++;
            }
            names.add(new WordRun(first, i, type));
        }
        return names;
    }

    /** The model's label for each word of one sentence; null where a word is not part of a name. */
    private List<EntityType> labels(List<String> words) {
        // plain words: CoreNLP copies every annotation of a token it is given, and reads only the text
        List<Word> sentence = new ArrayList<>(words.size());
        for (String word : words) {
            sentence.add(new Word(word));
        }
        List<EntityType> types = new ArrayList<>(words.size());
        for (CoreLabel label : classifier.join().classifySentence(sentence)) {
            String answer = label.get(CoreAnnotations.AnswerAnnotation.class);
            types.add(answer == null || answer.equals("O") ? null : type(answer));
        }
        return types;
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
