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
        String text = "The minister said on a long day, that prices of bread will rise for Germans soon enough.\n";
        String shown = RecognizerInput.of(text, 2);
        assertThat(shown).hasSameSizeAs(text).startsWith("The minister said ").endsWith(" rise for Germans soon enough.\n");
        assertThat(shown).doesNotContain("long", ",", "bread", "will");
        assertThat(shown.indexOf("Germans")).isEqualTo(text.indexOf("Germans"));
    }
}
