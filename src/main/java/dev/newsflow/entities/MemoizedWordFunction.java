package dev.newsflow.entities;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * CoreNLP's word function (for this model Americanize: "colour" is read as "color") with its answers
 * kept. The feature extractor applies it each time it reads a word: for every name, up to 300 times
 * while it looks for the name's other occurrences, and each call of Americanize runs a regex. That was
 * 6% of tagging time. The answers are bounded: the memo is emptied when it is full.
 */
final class MemoizedWordFunction implements Function<String, String> {
    static final int MAX_WORDS = 100_000;

    private final Function<String, String> function;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    MemoizedWordFunction(Function<String, String> function) {
        this.function = function;
    }

    @Override
    public String apply(String word) {
        if (word == null) {
            return function.apply(null);
        }
        String answer = answers.get(word);
        if (answer == null) {
            answer = function.apply(word);
            if (answer != null) {
                if (answers.size() >= MAX_WORDS) {
                    answers.clear();
                }
                answers.put(word, answer);
            }
        }
        return answer;
    }

    int size() {
        return answers.size();
    }
}
