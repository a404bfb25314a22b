package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HintWordsTest {
    private final HintWords words = new HintWords("share", "=ad", "=rail", "read-?more");

    @Test
    void matchesWordsAnywhereTokensOnlyWholeAndOptionalHyphensBothWays() {
        assertThat(words.foundIn("social-share-bar")).isTrue();
        assertThat(words.foundIn("top ad-slot")).isTrue();
        assertThat(words.foundIn("header_ad")).isTrue();
        assertThat(words.foundIn("headline")).as("'ad' inside a word").isFalse();
        assertThat(words.foundIn("right-rail")).isTrue();
        assertThat(words.foundIn("grid-layout--adrail")).as("'rail' inside a word").isFalse();
        assertThat(words.foundIn("readmore")).isTrue();
        assertThat(words.foundIn("read-more-link")).isTrue();
        assertThat(words.foundIn("article-body")).isFalse();
    }
}
