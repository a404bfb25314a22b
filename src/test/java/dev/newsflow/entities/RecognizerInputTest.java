package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecognizerInputTest {
    private static List<String> read(String sentence, int window) {
        List<List<NewsTokenizer.Token>> sentences = NewsTokenizer.sentences(sentence);
        assertThat(sentences).hasSize(1);
        return RecognizerInput.runs(sentences.get(0), window).stream()
                .map(run -> String.join(" ", run.stream().map(NewsTokenizer.Token::word).toList()))
                .toList();
    }

    @Test
    void aSentenceLedByANameIsReadAndOneWithoutCapitalsThatMayBeNamesIsNot() {
        assertThat(read("Kennedy said he would run again.", RecognizerInput.WINDOW))
                .containsExactly("Kennedy said he would run");
        assertThat(read("It rained all day in March, on Tuesday.", RecognizerInput.WINDOW)).isEmpty();
        assertThat(read("The talks went on.", RecognizerInput.WINDOW)).isEmpty();
    }

    @Test
    void wordsFarFromEveryCapitalAreLeftOutAndTheRestIsReadInRuns() {
        assertThat(read("Officials in Berlin said on a long and rainy day that bread will cost more for Germans soon.", 2))
                .containsExactly("Officials in Berlin said on", "more for Germans soon .");
        assertThat(read("Officials in Berlin said on a long and rainy day that bread will cost more for Germans soon.",
                100)).containsExactly(
                        "Officials in Berlin said on a long and rainy day that bread will cost more for Germans soon .");
    }
}
