package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.testing.SamplePages;
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.HashIndex;
import edu.stanford.nlp.util.Index;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The speed-ups of the CRF recognizer change nothing it finds. */
class StanfordCrfRecognizerTest {
    private static CRFClassifier<CoreLabel> coreNlp;
    private static AcceleratedCrfClassifier accelerated;

    @BeforeAll
    static void loadTheModelTwice() throws Exception {
        coreNlp = CRFClassifier.getClassifier(StanfordCrfRecognizer.MODEL);
        accelerated = AcceleratedCrfClassifier.load(StanfordCrfRecognizer.MODEL);
    }

    @Test
    void theTableGivesEveryModelFeatureItsIdAndUnknownFeaturesNone() {
        Index<String> model = AcceleratedCrfClassifier.featureIndex(coreNlp).orElseThrow();
        FeatureIdTable table = FeatureIdTable.of(model).orElseThrow();
        assertThat(model.size()).isGreaterThan(100_000);
        int unknown = 0;
        for (int id = 0; id < model.size(); id++) {
            String feature = model.get(id);
            assertThat(table.indexOf(feature)).isEqualTo(id);
            String variant = feature + "~";
            assertThat(table.indexOf(variant)).isEqualTo(model.indexOf(variant));
            unknown += model.indexOf(variant) < 0 ? 1 : 0;
        }
        assertThat(unknown).as("variants that are not features").isGreaterThan(model.size() / 2);
    }

    @Test
    void idsOfAWordsFeaturesAreTheKnownOnesInTheirOrder() {
        HashIndex<String> index = new HashIndex<>(List.of("WORD-Lavrov|C", "SHAPE-Xx|C", "", "PW-the|C"));
        FeatureIdTable table = FeatureIdTable.of(index).orElseThrow();
        assertThat(table.idsOf(List.of("PW-the|C", "x", "WORD-Lavrov|C", "WORD-Lavrov|CpC", "")))
                .containsExactly(3, 0, 2);
        assertThat(table.idsOf(List.of("y", "z"))).isEmpty();
        assertThat(table.idsOf(List.of())).isEmpty();
    }

    @Test
    void theAcceleratedClassifierUsesTheTableAndTheMemoizedWordFunction() {
        assertThat(accelerated.usesFeatureIdTable()).isTrue();
        assertThat(accelerated.flags.wordFunction).isInstanceOf(MemoizedWordFunction.class);
    }

    @Test
    void theRecognizerFindsExactlyWhatCoreNlpFindsInTheSamplePages() throws IOException {
        assertThat(accelerated.searchesPotentials()).isTrue();
        int entities = 0;
        for (String text : samplePageTexts()) {
            var expected = coreNlp.classifyToCharacterOffsets(text);
            assertThat(accelerated.classifyToCharacterOffsets(text).toString()).isEqualTo(expected.toString());
            entities += expected.size();
        }
        assertThat(entities).isGreaterThan(200);
    }

    @Test
    void featuresHashedAsWrittenAreCoreNlpsIdsInCoreNlpsOrder() throws IOException {
        assertThat(accelerated.hashesFeaturesAsWritten()).isTrue();
        int words = 0;
        List<String> texts = new ArrayList<>(samplePageTexts());
        // a word with more features than the collector takes (its n-grams) is left to CoreNLP
        texts.add("The file " + "QmFzZTY0".repeat(80) + " was sent to Reuters in London.");
        for (String text : texts) {
            for (List<CoreLabel> document : coreNlp.makeObjectBankFromString(text, coreNlp.plainTextReaderAndWriter())) {
                int[][][] expected = coreNlp.documentToDataAndLabels(document).first();
                int[][][] hashed = accelerated.documentToDataAndLabels(document).first();
                assertThat(hashed).isDeepEqualTo(expected);
                words += document.size();
            }
        }
        assertThat(words).isGreaterThan(5_000);
    }

    @Test
    void testsRunWithTheFeatureExtractorCompiledAsTheLaunchersDo() {
        assertThat(StanfordCrfRecognizer.featureExtractorCompiled()).as(StanfordCrfRecognizer.JIT_FLAG).isTrue();
    }

    private static List<String> samplePageTexts() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path page : SamplePages.files()) {
            texts.add(Jsoup.parse(page.toFile()).body().text());
        }
        return texts;
    }
}
