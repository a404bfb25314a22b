package dev.newsflow.entities;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.process.AmericanizeFunction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MemoizedWordFunctionTest {
    @Test
    void answersAsTheWordFunctionDoesAndCallsItOncePerWord() {
        AtomicInteger calls = new AtomicInteger();
        AmericanizeFunction americanize = new AmericanizeFunction();
        Function<String, String> memo = new MemoizedWordFunction(word -> {
            calls.incrementAndGet();
            return americanize.apply(word);
        });
        for (int pass = 0; pass < 3; pass++) {
            assertThat(memo.apply("colour")).isEqualTo("color");
            assertThat(memo.apply("organisations")).isEqualTo("organizations");
            assertThat(memo.apply("Lavrov")).isEqualTo("Lavrov");
        }
        assertThat(calls).hasValue(3);
        assertThat(memo.apply(null)).isNull();
    }

    @Test
    void keepsAtMostItsBoundOfWords() {
        MemoizedWordFunction memo = new MemoizedWordFunction(String::toLowerCase);
        for (int i = 0; i < MemoizedWordFunction.MAX_WORDS + 1_000; i++) {
            assertThat(memo.apply("Word" + i)).isEqualTo("word" + i);
        }
        assertThat(memo.size()).isBetween(1, MemoizedWordFunction.MAX_WORDS);
    }
}
