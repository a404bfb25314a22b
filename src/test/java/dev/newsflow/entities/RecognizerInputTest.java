package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecognizerInputTest {
    @Test
    void sentencesWithoutAnInnerCapitalAreBlankedKeepingOffsets() {
        String text = "It rained all day. Lavrov met Blinken.\nnothing here. In Geneva talks went on.";
        String shown = RecognizerInput.of(text);
        assertThat(shown).hasSameSizeAs(text);
        assertThat(shown.indexOf("Lavrov met Blinken.")).isEqualTo(text.indexOf("Lavrov met Blinken."));
        assertThat(shown).doesNotContain("rained", "nothing").contains("In Geneva talks went on.");
    }

    @Test
    void wordsFarFromEveryCapitalAreBlankedButTheSentenceStopStays() {
        String text = "Officials in Berlin said on a long day, that prices of bread will rise for Germans soon enough.\n";
        String shown = RecognizerInput.of(text, 2);
        assertThat(shown).hasSameSizeAs(text).startsWith("Officials in Berlin said on ")
                .endsWith(" rise for Germans soon enough.\n");
        assertThat(shown).doesNotContain("long", ",", "bread", "will");
        assertThat(shown.indexOf("Germans")).isEqualTo(text.indexOf("Germans"));
    }

    @Test
    void weekdaysMonthsAndSentenceOpeningFunctionWordsAreCapitalsThatNeverMakeASentenceWorthReading() {
        String text = "The talks ended on Tuesday in March, I think. The talks in Geneva ended.";
        String shown = RecognizerInput.of(text);
        assertThat(shown).doesNotContain("Tuesday", "March").endsWith("The talks in Geneva ended.");
    }
}
